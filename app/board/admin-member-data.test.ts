import { beforeAll, describe, expect, it } from "vitest";

import { makeBoardWithMembers, makeSecretariat } from "./membership-test-helpers";
import { endMembership } from "./membership.server";
import { getPersonKey } from "./person-keys.server";
import { getIdentityDb } from "../../db/identity-store";
import { getAccountKey, sealedAccountColumns } from "../auth/account-keys.server";
import { csrfTokenForSession } from "../auth/csrf.server";
import { createSession, serializeSessionCookie } from "../auth/sessions.server";
import { generateTotpSecret, setTotpSecret } from "../auth/totp.server";
import { getUserById, insertUser, type StaffUser } from "../auth/users.server";
import { getCurrentDeclaration, insertSignature } from "../meetings/declarations.server";
import { migrateAll } from "../platform/startup.server";
import * as searchRoute from "../routes/($lang).staff.admin.applicants._index";
import * as memberRoute from "../routes/($lang).staff.admin.members.$membershipId";
import * as memberExportRoute from "../routes/($lang).staff.admin.members.$membershipId.export";

/**
 * An admin answers a board member's data-subject request (issue 15, decision 035): finds the
 * membership by the exact email on the applicant search, reads everything held, downloads it,
 * and erases it once the membership has ended. Each view and the erasure are audited as done
 * by an admin.
 */
const db = () => getIdentityDb();
type As = { cookie: string; csrf: string };

async function signedIn(user: StaffUser): Promise<As> {
  const session = await createSession(user.id);
  return {
    cookie: (await serializeSessionCookie(session.token)).split(";")[0]!,
    csrf: csrfTokenForSession(session.idHash),
  };
}

function request(path: string, as: As, entries?: [string, string][]): Request {
  if (!entries) return new Request(`http://localhost${path}`, { headers: { Cookie: as.cookie } });
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { Cookie: as.cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams([["csrf", as.csrf], ...entries]).toString(),
  });
}

async function search(as: As, query: string) {
  const result = (await searchRoute.action({
    request: request("/staff/admin/applicants", as, [["query", query]]),
    params: {},
    context: { cspNonce: "" },
  })) as { data: { memberships: { id: string; boardName: string; status: string }[] } };
  return result.data.memberships;
}

async function erase(as: As, membershipId: string, confirm: boolean) {
  return (await memberRoute.action({
    request: request(`/staff/admin/members/${membershipId}`, as, [
      ["intent", "erase"],
      ...(confirm ? ([["confirm", "yes"]] as [string, string][]) : []),
    ]),
    params: { membershipId },
    context: { cspNonce: "" },
  })) as Response | { init: { status: number }; data: { errors: Record<string, string> } };
}

async function auditRows(action: string, subject: string) {
  return db()
    .selectFrom("audit_events")
    .selectAll()
    .where("action", "=", action)
    .where("subject", "=", subject)
    .execute();
}

async function makeAdmin(signDeclaration = true): Promise<StaffUser> {
  const id = await insertUser(
    {
      email: `admin-${crypto.randomUUID()}@t.example`,
      displayName: "Admin",
      passwordHash: "x",
      roles: ["admin"],
    },
    db(),
  );
  await setTotpSecret(id, generateTotpSecret(), new Date(), db());
  if (signDeclaration)
    await insertSignature(id, (await getCurrentDeclaration(db())).version, "en", "Admin", db());
  return (await getUserById(id, db()))!;
}

let admin: As;
let secretariatAs: As;
let secretariat: StaffUser;
let boardName = "";
let members: { membershipId: string; user: StaffUser }[] = [];
const memberEmail = (i: number) => members[i]!.user.email;

beforeAll(async () => {
  await migrateAll();
  secretariat = await makeSecretariat(db());
  boardName = `Board ${crypto.randomUUID().slice(0, 8)}`;
  ({ members } = await makeBoardWithMembers(secretariat, 3, db(), boardName));
  admin = await signedIn(await makeAdmin());
  secretariatAs = await signedIn(secretariat);
});

describe("an admin finds a board member by exact email", () => {
  it("finds the membership by the email recorded for it, in any case and with spaces", async () => {
    const found = await search(admin, `  ${memberEmail(0).toUpperCase()} `);
    expect(found).toEqual([
      expect.objectContaining({ id: members[0]!.membershipId, boardName, status: "active" }),
    ]);
  });

  it("finds it by the account's email when the member changed it, and by the recorded one", async () => {
    const changed = `changed-${crypto.randomUUID()}@t.example`;
    // A member's account keeps its address sealed under its own key (decision 046).
    const { id, displayName } = members[1]!.user;
    await db()
      .updateTable("users")
      .set(sealedAccountColumns((await getAccountKey(id))!, id, changed, displayName))
      .where("id", "=", id)
      .execute();
    expect((await search(admin, changed)).map((m) => m.id)).toEqual([members[1]!.membershipId]);
    expect((await search(admin, memberEmail(1))).map((m) => m.id)).toEqual([
      members[1]!.membershipId,
    ]);
  });

  it("finds nobody by part of an address or by a name: no list of members", async () => {
    expect(await search(admin, memberEmail(0).slice(0, -3))).toEqual([]);
    expect(await search(admin, "t.example")).toEqual([]);
    expect(await search(admin, "Member 0")).toEqual([]);
  });
});

describe("an admin reads and downloads everything held about a member", () => {
  it("shows every part of the export on the page and records the view as the admin's", async () => {
    const id = members[0]!.membershipId;
    const page = await memberRoute.loader({
      request: request(`/staff/admin/members/${id}`, admin),
      params: { membershipId: id },
      context: { cspNonce: "" },
    });
    const exported = JSON.parse(page.exported) as Record<string, unknown>;
    expect(Object.keys(exported)).toEqual([
      "membership",
      "positions",
      "account",
      "meetingMessages",
      "declarations",
      "meetings",
      "elections",
      "minutesComments",
      "tasks",
      "application",
    ]);
    expect(exported.membership).toMatchObject({ fullName: "Member 0", board: boardName });
    expect(page.canErase).toBe(false);
    const audits = await auditRows("board_member_exported", id);
    expect(audits.map((row) => JSON.parse(row.details ?? "{}"))).toContainEqual({
      by: "admin",
      format: "page",
    });
  });

  it("downloads the same as a JSON file with a neutral name, audited", async () => {
    const id = members[0]!.membershipId;
    const response = await memberExportRoute.loader({
      request: request(`/staff/admin/members/${id}/export`, admin),
      params: { membershipId: id },
      context: { cspNonce: "" },
    });
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="export-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(((await response.json()) as { membership: { email: string } }).membership.email).toBe(
      memberEmail(0),
    );
    const audits = await auditRows("board_member_exported", id);
    expect(audits.map((row) => JSON.parse(row.details ?? "{}"))).toContainEqual({
      by: "admin",
      format: "json",
    });
  });

  it("refuses the secretariat and an admin who has not signed the declaration; 404 for an unknown member", async () => {
    const id = members[0]!.membershipId;
    const args = (as: As, membershipId = id) => ({
      request: request(`/staff/admin/members/${membershipId}`, as),
      params: { membershipId },
      context: { cspNonce: "" },
    });
    await expect(memberRoute.loader(args(secretariatAs))).rejects.toMatchObject({ status: 403 });
    const unsigned = await signedIn(await makeAdmin(false));
    await expect(memberRoute.loader(args(unsigned))).rejects.toMatchObject({
      init: { status: 403 },
      data: { kind: "declaration_required" },
    });
    await expect(
      memberRoute.loader(args(admin, "00000000-0000-4000-8000-000000000000")),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe("an admin erases a member on request", () => {
  it("refuses while the membership is live, and without the confirmation box: 400, nothing written", async () => {
    const id = members[2]!.membershipId;
    const row = () =>
      db().selectFrom("board_memberships").selectAll().where("id", "=", id).executeTakeFirst();
    const before = await row();
    const live = await erase(admin, id, true);
    expect(live).toMatchObject({
      init: { status: 400 },
      data: { errors: { confirm: "members:errors.erase_live" } },
    });
    await endMembership(
      secretariat,
      { membershipId: id, kind: "ended", reason: "Asked to leave", lang: "en" },
      db(),
    );
    const unconfirmed = await erase(admin, id, false);
    expect(unconfirmed).toMatchObject({
      init: { status: 400 },
      data: { errors: { confirm: "members:data.confirmRequired" } },
    });
    expect((await row())!.full_name_encrypted).toBe(before!.full_name_encrypted);
    expect(await getPersonKey(id)).not.toBeNull();
  });

  it("erases an ended membership, records that an admin did it, and finds it no more", async () => {
    const id = members[2]!.membershipId;
    const email = memberEmail(2);
    const answer = await erase(admin, id, true);
    expect(answer).toBeInstanceOf(Response);
    expect((answer as Response).headers.get("Location")).toBe(
      `/staff/admin/members/${id}?erased=1`,
    );
    const row = await db()
      .selectFrom("board_memberships")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect([row.full_name_encrypted, row.email_encrypted]).toEqual(["", ""]);
    expect(await getPersonKey(id)).toBeNull();
    const audits = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "board_member_erased")
      .execute();
    expect(audits.map((a) => JSON.parse(a.details ?? "{}"))).toContainEqual({
      membershipId: id,
      by: "admin",
    });
    expect(await search(admin, email)).toEqual([]);
    const page = await memberRoute.loader({
      request: request(`/staff/admin/members/${id}?erased=1`, admin),
      params: { membershipId: id },
      context: { cspNonce: "" },
    });
    expect(page).toMatchObject({ erased: true, canErase: false });
  });
});
