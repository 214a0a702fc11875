import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { beforeAll, describe, expect, it, onTestFinished } from "vitest";

import { getMemberKey, openMemberField } from "./member-data-keys.server";
import { eraseMember } from "./member-data.server";
import { makeBoardWithMembers, makeSecretariat } from "./membership-test-helpers";
import { activateMember, addMember, endMembership, signParticipation } from "./membership.server";
import { restoreSnapshot, storeLocationsFromEnv, writeSnapshot } from "../../db/backup";
import { getIdentityDb, type IdentityDatabase } from "../../db/identity-store";
import { openStore } from "../../db/open-store";
import { emptyStores } from "../../tests/unit/empty-stores";
import { testEngine } from "../../tests/unit/test-engine";
import {
  getAccountKey,
  openAccounts,
  openAccountText,
  sealMemberAccounts,
} from "../auth/account-keys.server";
import { listAuditEvents, nameAuditIds, recordAudit } from "../auth/audit.server";
import {
  acceptInvitation,
  checkInvitation,
  checkPasswordReset,
  requestPasswordReset,
  resetPassword,
  signIn,
} from "../auth/auth.commands.server";
import {
  getUserById,
  getUserCredentialsByEmail,
  insertUser,
  listUsers,
} from "../auth/users.server";
import {
  getCurrentDeclaration,
  insertSignature,
  listSignatures,
} from "../meetings/declarations.server";
import { replyToMeeting } from "../meetings/meetings.commands.server";
import { insertMeeting, listInvitees } from "../meetings/meetings.server";
import { getConfig } from "../platform/config.server";
import { getOutboxMessage, listOutbox } from "../platform/email.server";
import { decryptField, encryptField } from "../platform/field-encryption.server";
import { migrateAll } from "../platform/startup.server";

/**
 * Decision 046: a board member's account keeps its email and name, the names it typed under
 * declarations and its reasons for declining meetings under a key of its own, so that erasing
 * the member reaches backups too. Both engines.
 */
const db = () => getIdentityDb();
const PASSWORD = "a long enough passphrase 46";
const run = promisify(execFile);

async function linkIn(recipient: string, kind: "invitations" | "reset-password") {
  const message = (await listOutbox(db())).find((m) => m.recipient === recipient);
  const body = (await getOutboxMessage(message!.id, db()))!.body;
  return new RegExp(`${kind}/([\\w-]+)`).exec(body)![1]!;
}

let secretariat: Awaited<ReturnType<typeof makeSecretariat>>;
let boardId: string;

beforeAll(async () => {
  await migrateAll();
  secretariat = await makeSecretariat(db());
  boardId = (await makeBoardWithMembers(secretariat, 1, db(), "Sealed board")).board.id;
});

describe("a board member's account under its own key", () => {
  it("keeps no address or name in clear, and still signs in, accepts its invitation and resets its password", async () => {
    const address = `mirela.sealed-${randomBytes(3).toString("hex")}@t.example`;
    const added = await addMember(
      secretariat,
      { boardId, fullName: "Mirela Sealed-Qz", email: address, phone: "", lang: "en" },
      db(),
    );
    expect(added.ok).toBe(true);
    const found = (await getUserCredentialsByEmail(` ${address.toUpperCase()} `, db()))!;
    expect(found.email).toBe(address);
    const raw = await db()
      .selectFrom("users")
      .selectAll()
      .where("id", "=", found.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(raw)).not.toMatch(/mirela|Sealed-Qz/i);
    expect(raw.email).toBe(`${found.id}@sealed.invalid`);

    // The invitation names the person and sets the password.
    const token = await linkIn(address, "invitations");
    expect(await checkInvitation(token, db())).toMatchObject({
      state: "valid",
      email: address,
      displayName: "Mirela Sealed-Qz",
    });
    expect(await acceptInvitation(token, PASSWORD, db())).toEqual({
      ok: true,
      value: { email: address },
    });

    // Sign-in by the address, in any case; a wrong password is audited under the id.
    const signedIn = await signIn(
      { email: address.toUpperCase(), password: PASSWORD },
      { db: db() },
    );
    expect(signedIn).toMatchObject({ ok: true, userId: found.id });
    expect(await signIn({ email: address, password: "wrong one" }, { db: db() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    // The made-up address kept in the plain column signs nobody in.
    expect(await signIn({ email: raw.email, password: PASSWORD }, { db: db() })).toEqual({
      ok: false,
      reason: "invalid",
    });
    const audit = await db()
      .selectFrom("audit_events")
      .select(["action", "actor_email", "subject"])
      .where((eb) => eb.or([eb("actor_user_id", "=", found.id), eb("subject", "=", found.id)]))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["invitation_accepted", "sign_in_failed"]),
    );
    const everyAudit = JSON.stringify(await db().selectFrom("audit_events").selectAll().execute());
    expect(everyAudit).not.toContain(address);
    // The log's page still names the person, and finds them by their whole address.
    const names = await nameAuditIds(audit.map((a) => ({ ...a, details: null })));
    expect(names.get(found.id)).toBe(address);
    const byAddress = await listAuditEvents({ actor: address }, 1, db());
    expect(byAddress.events.map((e) => e.action)).toContain("invitation_accepted");

    // A password reset reaches the address and names it.
    const requested = await requestPasswordReset({ email: address }, "en", { db: db() });
    expect(await requested.delivered).toBe("outbox");
    const resetToken = await linkIn(address, "reset-password");
    expect(await checkPasswordReset(resetToken, db())).toEqual({ state: "valid", email: address });
    const newPassword = `${PASSWORD} again`;
    expect(await resetPassword(resetToken, newPassword, db())).toEqual({
      ok: true,
      value: { email: address },
    });
    expect(await signIn({ email: address, password: newPassword }, { db: db() })).toMatchObject({
      ok: true,
      userId: found.id,
    });

    // The admin's list of accounts shows the address and the name.
    expect((await listUsers(db())).find((u) => u.id === found.id)).toMatchObject({
      email: address,
      displayName: "Mirela Sealed-Qz",
    });
    // A second account for the same address is refused.
    const again = await addMember(
      secretariat,
      { boardId, fullName: "Again", email: address, phone: "", lang: "en" },
      db(),
    );
    expect(again).toEqual({ ok: false, errors: { email: "members:errors.already_member" } });
  });

  it("leaves neither address nor name in a backup restored after the erasure, and nothing there opens", async () => {
    const address = `arta.backup-${randomBytes(3).toString("hex")}@t.example`;
    const fullName = "Arta Backup-Qz";
    const added = await addMember(
      secretariat,
      { boardId, fullName, email: address, phone: "", lang: "en" },
      db(),
    );
    if (!added.ok) throw new Error("not added");
    const { membershipId } = added.value;
    const userId = (await getUserCredentialsByEmail(address, db()))!.id;
    await acceptInvitation(await linkIn(address, "invitations"), PASSWORD, db());
    const user = (await getUserById(userId, db()))!;
    await signParticipation(user, { membershipId, signature: fullName }, db());
    expect((await activateMember(secretariat, { membershipId, reason: "r" }, db())).ok).toBe(true);
    const version = (await getCurrentDeclaration(db())).version;
    await insertSignature(userId, version, "sq", fullName, db());
    expect((await listSignatures(userId, db()))[0]!.signedName).toBe(fullName);
    const meetingId = await insertMeeting(
      {
        boardId,
        startsAt: "2026-12-20T09:00:00.000Z",
        meetingDay: "2026-12-20",
        place: "Zyra",
        onlineLink: "",
        briefing: "",
        extraordinary: false,
        extraordinaryReason: "",
        noticeSentOn: "2026-11-30",
        agenda: [{ title: "Hapja", summary: "" }],
        invitees: [userId],
        createdBy: secretariat.id,
      },
      db(),
      new Date("2026-11-30T09:00:00Z"),
    );
    await replyToMeeting(
      user,
      { id: meetingId, startsAt: "2026-12-20T09:00:00.000Z" },
      { reply: "declined", reason: "Kam provim-Qz." },
      db(),
      new Date("2026-12-01T09:00:00Z"),
    );
    const invitees = await listInvitees({ id: meetingId, boardId }, true, "2026-12-01", db());
    expect(invitees.find((i) => i.userId === userId)).toMatchObject({
      fullName,
      reason: "Kam provim-Qz.",
    });
    await signIn({ email: address, password: "wrong one" }, { db: db() });
    // Mail is kept in the outbox only without SMTP (a development fallback) and leaves it when
    // sent or erased; this backup is taken with nothing waiting.
    await db().deleteFrom("outbox").execute();

    // The backup and the stores restored from it live in one folder, removed after the test.
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "sealed-backup-"));
    onTestFinished(() => fs.rmSync(workDir, { recursive: true, force: true }));
    const folder = path.join(workDir, "snap");
    await writeSnapshot(storeLocationsFromEnv(), folder);
    await endMembership(
      secretariat,
      { membershipId, kind: "ended", reason: "asked", lang: "en" },
      db(),
    );
    expect(await eraseMember(secretariat, membershipId, db())).toEqual({
      ok: true,
      value: { accountClosed: true },
    });
    expect(await getAccountKey(userId)).toBeNull();

    // The snapshot's identity store as text: the raw SQLite file, or the dump as SQL.
    const text =
      testEngine === "sqlite"
        ? fs.readFileSync(path.join(folder, "identity.sqlite")).toString("latin1")
        : (await run("pg_restore", ["--file=-", path.join(folder, "identity.pgdump")])).stdout;
    expect(text.length).toBeGreaterThan(10_000);
    expect(text).toContain(userId);
    for (const personal of [address, fullName, "Kam provim-Qz", "arta.backup"])
      expect(text.toLowerCase(), personal).not.toContain(personal.toLowerCase());

    const target = await emptyStores(workDir, "sealed");
    await restoreSnapshot(folder, target);
    const restored = openStore<IdentityDatabase>(target.identity);
    try {
      const row = await restored
        .selectFrom("users")
        .selectAll()
        .where("id", "=", userId)
        .executeTakeFirstOrThrow();
      // The sealed address and name are back, but their key is gone: they do not open.
      expect(row.email_encrypted).toBeTruthy();
      expect((await openAccounts([row])).get(userId)).toEqual({
        email: `${userId}@sealed.invalid`,
        displayName: "",
      });
      expect(() =>
        decryptField(getConfig().dataKey, row.email_encrypted!, `users|${userId}|email`),
      ).toThrow();
      const signature = await restored
        .selectFrom("declaration_signatures")
        .selectAll()
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      const inner = decryptField(
        getConfig().dataKey,
        signature.signed_name_encrypted,
        `declaration:${userId}:${version}`,
      );
      expect(inner).not.toContain("Arta");
      expect(openAccountText(null, userId, `declaration|${version}`, inner)).toBe("");
      const invitation = await restored
        .selectFrom("meeting_invitations")
        .selectAll()
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      expect(
        decryptField(
          getConfig().dataKey,
          invitation.decline_reason_encrypted!,
          `meeting_invitations:${meetingId}:${userId}:reason`,
        ),
      ).not.toContain("provim");
      const membership = await restored
        .selectFrom("board_memberships")
        .selectAll()
        .where("id", "=", membershipId)
        .executeTakeFirstOrThrow();
      const key = await getMemberKey(membershipId);
      expect(key.key).toBeNull();
      expect(() => openMemberField(key, "full_name", membership.full_name_encrypted)).toThrow();
    } finally {
      await restored.destroy();
    }
  });

  it("seals at start a member's account written before, with its audit rows, signed names and reasons", async () => {
    const address = `old-${randomBytes(3).toString("hex")}@t.example`;
    const made = await makeBoardWithMembers(secretariat, 1, db(), "Older board");
    // An account as written before decision 046: address and name in clear, text under DATA_KEY.
    const userId = await insertUser(
      { email: address, displayName: "Old Plain-Qz", passwordHash: null, roles: ["board_member"] },
      db(),
    );
    await db()
      .updateTable("board_memberships")
      .set({ user_id: userId })
      .where("id", "=", made.members[0]!.membershipId)
      .execute();
    const { dataKey } = getConfig();
    const version = (await getCurrentDeclaration(db())).version;
    await db()
      .insertInto("declaration_signatures")
      .values({
        user_id: userId,
        version,
        language: "sq",
        text_hash: "h",
        signed_name_encrypted: encryptField(
          dataKey,
          "Old Plain-Qz",
          `declaration:${userId}:${version}`,
        ),
        signed_at: new Date().toISOString(),
      })
      .execute();
    await recordAudit({ actor: { id: userId, email: address }, action: "sign_in" }, db());
    await recordAudit({ actor: null, action: "sign_in_failed", subject: address }, db());
    // A staff account that is also a member stays as it is.
    const staffAddress = `staff-${randomBytes(3).toString("hex")}@t.example`;
    const staffId = await insertUser(
      { email: staffAddress, displayName: "Staff", passwordHash: null, roles: ["secretariat"] },
      db(),
    );
    const both = await addMember(
      secretariat,
      { boardId: made.board.id, fullName: "Staff", email: staffAddress, phone: "", lang: "en" },
      db(),
    );
    expect(both.ok).toBe(true);

    expect(await sealMemberAccounts(db())).toBeGreaterThanOrEqual(1);
    expect(await sealMemberAccounts(db())).toBe(0);
    const raw = JSON.stringify(
      await Promise.all([
        db().selectFrom("users").selectAll().where("id", "=", userId).execute(),
        db().selectFrom("audit_events").selectAll().execute(),
      ]),
    );
    expect(raw).not.toMatch(/Old Plain-Qz/);
    expect(raw).not.toContain(address);
    expect(await getUserById(userId, db())).toMatchObject({
      email: address,
      displayName: "Old Plain-Qz",
    });
    expect((await listSignatures(userId, db()))[0]!.signedName).toBe("Old Plain-Qz");
    const stored = await db()
      .selectFrom("declaration_signatures")
      .select("signed_name_encrypted")
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    expect(
      decryptField(dataKey, stored.signed_name_encrypted, `declaration:${userId}:${version}`),
    ).not.toContain("Old Plain");
    expect((await getUserCredentialsByEmail(staffAddress, db()))!.email).toBe(staffAddress);
    const staffRow = await db()
      .selectFrom("users")
      .select(["email", "email_encrypted"])
      .where("id", "=", staffId)
      .executeTakeFirstOrThrow();
    expect(staffRow).toEqual({ email: staffAddress, email_encrypted: null });
  });
});
