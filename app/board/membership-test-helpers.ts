import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { sql } from "kysely";
import { onTestFinished } from "vitest";

import type { Application } from "./application.schemas";
import { storeApplication } from "./applications.server";
import { createBoard } from "./boards.server";
import { insertCall, type BoardCall } from "./calls.server";
import { activateMember, addMember, signParticipation } from "./membership.server";
import { restoreSnapshot, storeLocationsFromEnv, writeSnapshot } from "../../db/backup";
import type { IdentityDatabase, IdentityDb } from "../../db/identity-store";
import { openStore } from "../../db/open-store";
import { migrateResponseStore } from "../../db/response-store";
import { testEngine } from "../../tests/unit/test-engine";
import { generateTotpSecret, setTotpSecret } from "../auth/totp.server";
import {
  getUserById,
  getUserCredentialsByEmail,
  insertUser,
  type StaffUser,
} from "../auth/users.server";
import type { Lang } from "../i18n/lang";
import { getCurrentDeclaration, insertSignature } from "../meetings/declarations.server";

/**
 * Test helper: a secretariat account with two-step sign-in set up (the role requires it,
 * decision 020) and the confidentiality declaration in force signed (board pages need it).
 */
export async function makeSecretariat(
  db: IdentityDb,
  email = `sec-${crypto.randomUUID()}@t.example`,
) {
  const id = await insertUser(
    { email, displayName: "Secretariat", passwordHash: "x", roles: ["secretariat"] },
    db,
  );
  await setTotpSecret(id, generateTotpSecret(), new Date(), db);
  await insertSignature(id, (await getCurrentDeclaration(db)).version, "sq", "Secretariat", db);
  return (await getUserById(id, db))!;
}

/** Test helper: a board with `n` active members (each signed the form), in the order given. */
export async function makeBoardWithMembers(
  secretariat: StaffUser,
  n: number,
  db: IdentityDb,
  name = "Test board",
) {
  const board = await createBoard(
    { name, areas: [], areasOther: "", residenceRule: "citizen_or_resident" },
    secretariat.id,
    db,
  );
  const members: { membershipId: string; user: StaffUser }[] = [];
  for (let i = 0; i < n; i++) {
    const email = `m${i}-${crypto.randomUUID()}@t.example`;
    const added = await addMember(
      secretariat,
      { boardId: board.id, fullName: `Member ${i}`, email, phone: "", lang: "en" },
      db,
    );
    if (!added.ok) throw new Error(JSON.stringify(added.errors));
    const user = (await getUserById((await getUserCredentialsByEmail(email, db))!.id, db))!;
    await signParticipation(
      user,
      { membershipId: added.value.membershipId, signature: `Member ${i}` },
      db,
    );
    const activated = await activateMember(
      secretariat,
      { membershipId: added.value.membershipId, reason: "forming the board" },
      db,
    );
    if (!activated.ok) throw new Error(JSON.stringify(activated.errors));
    members.push({ membershipId: added.value.membershipId, user });
  }
  return { board, members };
}

/**
 * Test helper: a complete, valid application (Annex 3.3) by an adult who allowed email, with a
 * fresh email address; `overrides` replaces any field.
 */
export function testApplication(overrides: Partial<Application> = {}): Application {
  return {
    firstName: "Arta",
    lastName: "Hoxha",
    dateOfBirth: "1990-05-01",
    placeOfBirth: "Berat",
    nationality: "Shqiptare",
    residence: "citizen",
    email: `a-${crypto.randomUUID()}@t.example`,
    phone: "",
    channels: ["email"],
    contactTimes: "",
    voicemailSafe: "no",
    sharedPhoneSafe: "no",
    activity: "Punoj me gratë në Berat.",
    suitability: "Njoh punën e strehëzave.",
    motivation: "",
    additional: "",
    nominated: "no",
    nominatingOrganisation: "",
    gender: "prefer_not",
    region: "prefer_not",
    expertise: ["prefer_not"],
    acknowledged: ["yes"],
    stayInformed: false,
    signature: "Arta Hoxha",
    signatureConfirmed: ["yes"],
    signedOn: "2026-11-30",
    ...overrides,
  };
}

/** Test helper: stores `application` to `call` and answers the new application's id. */
export async function storeTestApplication(
  call: BoardCall,
  application: Application,
  db: IdentityDb,
  lang: Lang = "sq",
): Promise<string> {
  const sent = await storeApplication({ call, application, lang }, db);
  const row = await db
    .selectFrom("board_applications")
    .select("id")
    .where("reference_code", "=", sent.reference)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Test helper (SQLite stores): takes a backup (`npm run backup`'s snapshot), runs `change`,
 * then restores the backup into a fresh folder and answers the restored identity store, which
 * the caller destroys. The key store is not in a backup, so the live one still applies. Both
 * folders are removed when the test ends (they hold the test's personal data, sealed).
 */
export async function restoredAfter(change: () => Promise<void>) {
  await migrateResponseStore();
  const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), "board-backup-"));
  const restoredDir = fs.mkdtempSync(path.join(os.tmpdir(), "board-restore-"));
  onTestFinished(() => {
    for (const dir of [backupDir, restoredDir]) fs.rmSync(dir, { recursive: true, force: true });
  });
  const folder = path.join(backupDir, "snap");
  await writeSnapshot(storeLocationsFromEnv(), folder);
  await change();
  const file = (name: string) => ({
    engine: "sqlite" as const,
    filename: path.join(restoredDir, name),
  });
  const target = { identity: file("identity.sqlite"), responses: file("responses.sqlite") };
  await restoreSnapshot(folder, target);
  return openStore<IdentityDatabase>(target.identity);
}

/**
 * Test helper: makes every audit row of `action` fail to be written (a trigger, on either engine), so that a
 * test can check the command's other writes roll back with it. Answers the undo.
 */
export async function failAuditOf(action: string, db: IdentityDb): Promise<() => Promise<void>> {
  if (testEngine === "sqlite") {
    await sql
      .raw(
        `CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events WHEN NEW.action = '${action}' ` +
          `BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END`,
      )
      .execute(db);
    return async () => void (await sql`DROP TRIGGER fail_audit`.execute(db));
  }
  await sql
    .raw(
      `CREATE FUNCTION fail_audit() RETURNS trigger AS $$ BEGIN ` +
        `IF NEW.action = '${action}' THEN RAISE EXCEPTION 'audit unavailable'; END IF; ` +
        `RETURN NEW; END $$ LANGUAGE plpgsql`,
    )
    .execute(db);
  await sql`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION fail_audit()`.execute(
    db,
  );
  return async () => {
    await sql`DROP TRIGGER fail_audit ON audit_events`.execute(db);
    await sql`DROP FUNCTION fail_audit()`.execute(db);
  };
}

/**
 * Test helper: a new board named `name` (no areas, citizens) with a call open through November
 * and December 2026, made by `secretariatId`; `blindMode` as given.
 */
export async function makeBoardCall(
  secretariatId: string,
  name: string,
  blindMode: boolean,
  db: IdentityDb,
): Promise<BoardCall> {
  const board = await createBoard(
    { name, areas: [], areasOther: "", residenceRule: "citizen" },
    secretariatId,
    db,
  );
  return insertCall(
    { boardId: board.id, opensOn: "2026-11-01", closesOn: "2026-12-31", blindMode },
    secretariatId,
    db,
  );
}
