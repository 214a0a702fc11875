import fs from "node:fs";

import { beforeAll, describe, expect, it } from "vitest";

import { getApplication } from "./applications.server";
import { insertCall } from "./calls.server";
import { getMemberKey, moveMembersToOwnKeys, openMemberField } from "./member-data-keys.server";
import { eraseMember, exportMember, exportFileName } from "./member-data.server";
import {
  failAuditOf,
  makeBoardWithMembers,
  makeSecretariat,
  restoredAfter,
  storeTestApplication,
  testApplication,
} from "./membership-test-helpers";
import {
  activateMember,
  addMember,
  endMembership,
  getMembership,
  listMembers,
  signParticipation,
} from "./membership.server";
import { destroyPersonKey, getPersonKey } from "./person-keys.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { testEngine } from "../../tests/unit/test-engine";
import { recordAudit } from "../auth/audit.server";
import { createSession } from "../auth/sessions.server";
import { getUserById, getUserCredentialsByEmail, type StaffUser } from "../auth/users.server";
import { insertActionItem } from "../meetings/action-items.server";
import { getCurrentDeclaration, insertSignature } from "../meetings/declarations.server";
import { recordAttendance, replyToMeeting } from "../meetings/meetings.commands.server";
import {
  getMeeting,
  insertMeeting,
  inviteeNames,
  savePreferences,
} from "../meetings/meetings.server";
import { nameAttendance } from "../meetings/minutes-rules";
import { attendanceForMinutes } from "../meetings/minutes.commands.server";
import {
  getLatestRevision,
  insertComment,
  insertMinutesDoc,
  listMinutesDocs,
} from "../meetings/minutes.server";
import { getConfig } from "../platform/config.server";
import { decryptField, encryptField } from "../platform/field-encryption.server";

const db = () => getIdentityDb();
let secretariat: StaffUser;

beforeAll(async () => {
  await migrateIdentityStore();
  secretariat = await makeSecretariat(db());
});

async function rawRow(id: string) {
  return db()
    .selectFrom("board_memberships")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

describe("a board member's own data key", () => {
  it("encrypts the name and contacts under the membership's key, not DATA_KEY", async () => {
    const { board, members } = await makeBoardWithMembers(secretariat, 1, db(), "Keys board");
    const { membershipId } = members[0]!;
    const row = await rawRow(membershipId);
    expect(await getPersonKey(membershipId)).not.toBeNull();
    expect(() =>
      decryptField(
        getConfig().dataKey,
        row.full_name_encrypted,
        `board_memberships:${membershipId}:full_name`,
      ),
    ).toThrow();
    const listed = (await listMembers(board.id)).members[0]!;
    expect(listed.fullName).toBe("Member 0");
    expect(listed.erased).toBe(false);
    if (testEngine === "sqlite")
      expect(fs.readFileSync(getConfig().identityStorePath).includes("Member 0@")).toBe(false);
  });

  it("still reads a membership written under DATA_KEY and moves it under a key of its own, once", async () => {
    const { members } = await makeBoardWithMembers(secretariat, 1, db(), "Old board");
    const { membershipId: id } = members[0]!;
    // As written before decision 035: no key of its own, fields under DATA_KEY.
    await destroyPersonKey(id);
    const old = (column: string, value: string) =>
      encryptField(getConfig().dataKey, value, `board_memberships:${id}:${column}`);
    await db()
      .updateTable("board_memberships")
      .set({
        full_name_encrypted: old("full_name", "Vjosa Old-Xq"),
        email_encrypted: old("email", "vjosa@t.example"),
        phone_encrypted: old("phone", "+355 69 111 2222"),
        participation_name_encrypted: old("participation_name", "Vjosa Old-Xq"),
        activation_reason_encrypted: null,
        end_composition_reason_encrypted: null,
      })
      .where("id", "=", id)
      .execute();
    expect((await getMembership(id))!.fullName).toBe("Vjosa Old-Xq");

    expect(await moveMembersToOwnKeys()).toBeGreaterThanOrEqual(1);
    const row = await rawRow(id);
    expect(await getPersonKey(id)).not.toBeNull();
    expect(() =>
      decryptField(getConfig().dataKey, row.phone_encrypted!, `board_memberships:${id}:phone`),
    ).toThrow();
    const moved = await getMembership(id);
    expect([moved!.fullName, moved!.email, moved!.phone]).toEqual([
      "Vjosa Old-Xq",
      "vjosa@t.example",
      "+355 69 111 2222",
    ]);
    expect(await moveMembersToOwnKeys()).toBe(0);
    expect((await rawRow(id)).phone_encrypted).toBe(row.phone_encrypted);
  });

  it("seals the Art. 5 reasons kept in plain text before migration 0021, and drops those of an erased member", async () => {
    const { members } = await makeBoardWithMembers(secretariat, 2, db(), "Plain reasons board");
    const [kept, erased] = members.map((m) => m.membershipId) as [string, string];
    await db()
      .updateTable("board_memberships")
      .set({
        activation_reason: "Agreed at the June meeting-Xq",
        end_composition_reason: "Ill-Xq",
        activation_reason_encrypted: null,
        end_composition_reason_encrypted: null,
      })
      .where("id", "in", [kept, erased])
      .execute();
    // As an erasure before 0021 left it: fields empty, key gone, the reasons still there.
    await db()
      .updateTable("board_memberships")
      .set({ full_name_encrypted: "", email_encrypted: "" })
      .where("id", "=", erased)
      .execute();
    await destroyPersonKey(erased);

    await moveMembersToOwnKeys();
    const row = await rawRow(kept);
    expect([row.activation_reason, row.end_composition_reason]).toEqual([null, null]);
    expect(row.activation_reason_encrypted).not.toContain("June");
    const key = await getMemberKey(kept);
    expect(openMemberField(key, "activation_reason", row.activation_reason_encrypted!)).toBe(
      "Agreed at the June meeting-Xq",
    );
    expect(
      openMemberField(key, "end_composition_reason", row.end_composition_reason_encrypted!),
    ).toBe("Ill-Xq");
    const gone = await rawRow(erased);
    expect([
      gone.activation_reason,
      gone.end_composition_reason,
      gone.activation_reason_encrypted,
    ]).toEqual([null, null, null]);
    // Run again (every start does): nothing changes.
    await moveMembersToOwnKeys();
    expect((await rawRow(kept)).activation_reason_encrypted).toBe(row.activation_reason_encrypted);
  });

  it("refuses a field moved from another membership", async () => {
    const { members } = await makeBoardWithMembers(secretariat, 2, db(), "Swap board");
    const [a, b] = members.map((m) => m.membershipId) as [string, string];
    const stolen = (await rawRow(a)).full_name_encrypted;
    expect(() => openMemberField({ id: b, key: null }, "full_name", stolen)).toThrow();
    const keyOfB = await getMemberKey(b);
    expect(() => openMemberField(keyOfB, "full_name", stolen)).toThrow();
  });
});

describe("a member's data: export and erasure on request", () => {
  let boardId: string;
  let membershipId: string;
  let user: StaffUser;
  let applicationId: string;
  let meetingId: string;

  beforeAll(async () => {
    const made = await makeBoardWithMembers(secretariat, 3, db(), "Rights board");
    boardId = made.board.id;
    // A member who came from an application, with a phone, who has used the portal.
    const call = await insertCall(
      { boardId, opensOn: "2026-01-01", closesOn: "2026-12-31", blindMode: true },
      secretariat.id,
      db(),
    );
    const email = `liridona-${crypto.randomUUID()}@t.example`;
    applicationId = await storeTestApplication(
      call,
      testApplication({ firstName: "Liridona", lastName: "Rights-Xq", email }),
      db(),
    );
    const added = await addMember(
      secretariat,
      {
        boardId,
        fullName: "Liridona Rights-Xq",
        email,
        phone: "+355 69 333 4444",
        applicationId,
        lang: "sq",
      },
      db(),
    );
    if (!added.ok) throw new Error("not added");
    membershipId = added.value.membershipId;
    const { id: userId } = (await getUserCredentialsByEmail(email, db()))!;
    user = (await getUserById(userId, db()))!;
    await signParticipation(user, { membershipId, signature: "Liridona Rights-Xq" }, db());
    const activated = await activateMember(
      secretariat,
      { membershipId, reason: "a fourth member until the next call-Xq" },
      db(),
    );
    if (!activated.ok) throw new Error("not activated");
    await insertSignature(
      user.id,
      (await getCurrentDeclaration(db())).version,
      "sq",
      "Liridona Rights-Xq",
      db(),
    );
    await savePreferences(user.id, { lang: "en", calendarFile: true }, db());
    const held = "2026-11-20";
    meetingId = await insertMeeting(
      {
        boardId,
        startsAt: `${held}T09:00:00.000Z`,
        meetingDay: held,
        place: "Zyra",
        onlineLink: "",
        briefing: "Informacion.",
        extraordinary: false,
        extraordinaryReason: "",
        noticeSentOn: "2026-11-02",
        agenda: [{ title: "Hapja", summary: "Mirëseardhja" }],
        invitees: [user.id, ...made.members.map((m) => m.user.id)],
        createdBy: secretariat.id,
      },
      db(),
      new Date("2026-11-02T09:00:00Z"),
    );
    await replyToMeeting(
      user,
      { id: meetingId, startsAt: `${held}T09:00:00.000Z` },
      { reply: "declined", reason: "Kam vizitë te mjeku-Xq." },
      db(),
      new Date("2026-11-10T09:00:00Z"),
    );
    await recordAttendance(
      secretariat,
      { id: meetingId, meetingDay: held },
      [{ userId: user.id, status: "excused" }],
      db(),
      new Date("2026-11-21T09:00:00Z"),
    );
  });

  it("exports everything held about the member, in a file with a neutral name", async () => {
    // What they did at the meeting: a task given to them, and a comment on its minutes.
    const meeting = (await getMeeting(meetingId, db()))!;
    await insertActionItem(
      {
        meetingId,
        agendaItemId: meeting.agenda[0]!.id,
        task: "Të ftohet strehëza-Xq",
        ownerId: user.id,
        dueOn: "2026-12-20",
        createdBy: secretariat.id,
      },
      db(),
    );
    // The minutes as the secretariat starts them: with the attendance recorded at the meeting.
    const minutesId = (await insertMinutesDoc(
      meetingId,
      0,
      { attendance: await attendanceForMinutes(meeting, db()), items: [] },
      secretariat.id,
      db(),
    ))!;
    await insertComment(
      {
        minutesId,
        revision: 1,
        userId: user.id,
        agendaItemId: null,
        kind: "comment",
        body: "Shtoni datën-Xq.",
      },
      db(),
    );
    const exported = await exportMember(membershipId, db());
    expect(exported).not.toBeNull();
    expect(exported!.membership).toMatchObject({
      board: "Rights board",
      status: "active",
      fullName: "Liridona Rights-Xq",
      phone: "+355 69 333 4444",
      participationName: "Liridona Rights-Xq",
      // The secretariat's Art. 5 reason about them is theirs to see, and opens with their key.
      activationReason: "a fourth member until the next call-Xq",
      endCompositionReason: "",
    });
    expect(exported!.account).toMatchObject({ roles: ["board_member"], email: user.email });
    expect(exported!.meetingMessages).toEqual({ language: "en", calendarFile: true });
    expect(exported!.declarations.map((d) => d.signedName)).toEqual(["Liridona Rights-Xq"]);
    expect(exported!.meetings).toEqual([
      expect.objectContaining({ day: "2026-11-20", attendance: "excused" }),
    ]);
    expect(exported!.application).toMatchObject({
      application: expect.objectContaining({ firstName: "Liridona" }),
    });
    expect(exported!.tasks).toEqual([
      {
        meetingDay: "20.11.2026",
        task: "Të ftohet strehëza-Xq",
        dueOn: "2026-12-20",
        status: "open",
      },
    ]);
    expect(exported!.minutesComments).toEqual([
      expect.objectContaining({
        meetingDay: "2026-11-20",
        document: 0,
        kind: "comment",
        body: "Shtoni datën-Xq.",
      }),
    ]);
    expect(exportFileName("2026-11-30")).toBe("export-2026-11-30.json");
    expect(exportFileName("2026-11-30")).not.toMatch(/bord|board|member|anet|Liridona/i);
    expect(await exportMember("no-such-membership", db())).toBeNull();
  });

  it("refuses to erase a membership that has not ended, and writes nothing", async () => {
    const before = await rawRow(membershipId);
    expect(await eraseMember(secretariat, membershipId, db())).toEqual({
      ok: false,
      errors: { membershipId: "members:errors.erase_live" },
    });
    expect(await rawRow(membershipId)).toEqual(before);
    expect(await getPersonKey(membershipId)).not.toBeNull();
  });

  it("erases the person and keeps the board's records, no longer naming them", async () => {
    await createSession(user.id);
    // A failed sign-in to the account is audited under the address typed (auth.commands).
    await recordAudit({ actor: null, action: "sign_in_failed", subject: user.email }, db());
    const ended = await endMembership(
      secretariat,
      { membershipId, kind: "ended", reason: "Request to be forgotten", lang: "sq" },
      db(),
    );
    expect(ended.ok).toBe(true);
    // Interrupted (the audit row cannot be written): nothing of the membership changes, its
    // key stays, the board's members list still reads, and the erasure can be run again.
    const restore = await failAuditOf("board_member_erased", db());
    await expect(eraseMember(secretariat, membershipId, db())).rejects.toThrow();
    await restore();
    expect(await getPersonKey(membershipId)).not.toBeNull();
    const { members } = await listMembers(boardId, undefined, db());
    expect(members.map((m) => m.fullName)).toContain("Liridona Rights-Xq");
    const result = await eraseMember(secretariat, membershipId, db());
    expect(result).toEqual({ ok: true, value: { accountClosed: true } });

    // The key is gone; so are the fields, the application and the account's identity.
    expect(await getPersonKey(membershipId)).toBeNull();
    expect(await getPersonKey(applicationId)).toBeNull();
    expect(await getApplication(applicationId, db())).toBeNull();
    const account = await db()
      .selectFrom("users")
      .selectAll()
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(account.status).toBe("disabled");
    expect(account.email).not.toContain("liridona");
    expect(account.display_name).toBe("");
    expect(account.password_hash).toBeNull();
    for (const table of ["sessions", "user_roles", "meeting_preferences"] as const) {
      const rows = await db()
        .selectFrom(table)
        .selectAll()
        .where("user_id", "=", user.id)
        .execute();
      expect(rows, table).toEqual([]);
    }
    const outbox = await db()
      .selectFrom("outbox")
      .select("id")
      .where("recipient", "like", "liridona-%")
      .execute();
    expect(outbox).toEqual([]);

    // The board's records stay: the membership's dates, the attendance, not the reasons.
    const row = await rawRow(membershipId);
    expect([row.status, row.term_starts_on !== null, row.full_name_encrypted]).toEqual([
      "ended",
      true,
      "",
    ]);
    const attendance = await db()
      .selectFrom("meeting_attendance")
      .select("status")
      .where("meeting_id", "=", meetingId)
      .where("user_id", "=", user.id)
      .executeTakeFirst();
    expect(attendance?.status).toBe("excused");
    const invitation = await db()
      .selectFrom("meeting_invitations")
      .select("decline_reason_encrypted")
      .where("meeting_id", "=", meetingId)
      .where("user_id", "=", user.id)
      .executeTakeFirst();
    expect(invitation?.decline_reason_encrypted ?? null).toBeNull();
    const listed = (await listMembers(boardId)).members.find((m) => m.id === membershipId)!;
    expect([listed.erased, listed.fullName, listed.email]).toEqual([true, "", ""]);

    // Nothing in the store or the audit log names the person any more.
    const everything = JSON.stringify(
      await Promise.all(
        (
          [
            "board_memberships",
            "users",
            "audit_events",
            "declaration_signatures",
            "minutes_revisions",
          ] as const
        ).map((table) => db().selectFrom(table).selectAll().execute()),
      ),
    );
    // Case-insensitive: the address (liridona-…@) was left in the audit rows of their own
    // actions and of a failed sign-in.
    expect(everything).not.toMatch(/Liridona|Rights-Xq|333 4444|mjeku-Xq|next call-Xq/i);
    const ownActions = await db()
      .selectFrom("audit_events")
      .select(["action", "actor_email"])
      .where("actor_user_id", "=", user.id)
      .execute();
    expect(ownActions.map((a) => a.action)).toContain("board_participation_signed");
    expect(ownActions.every((a) => a.actor_email === account.email)).toBe(true);
    expect([row.activation_reason_encrypted, row.activation_reason]).toEqual([null, null]);
    // The minutes still say the person was excused, as "Erased member" (decision 040).
    const meeting = (await getMeeting(meetingId, db()))!;
    const doc = (await listMinutesDocs(meetingId, db()))[0]!;
    const revision = (await getLatestRevision(doc.id, db()))!;
    const shown = nameAttendance(revision.content.attendance, await inviteeNames(meeting, db()));
    expect(shown.find((a) => a.userId === user.id)).toEqual({
      userId: user.id,
      status: "excused",
      name: "",
    });
    expect(shown.filter((a) => a.name !== "").length).toBeGreaterThan(0);
    const audit = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "board_member_erased")
      .execute();
    expect(audit).toHaveLength(1);
    if (testEngine === "sqlite") {
      const file = fs.readFileSync(getConfig().identityStorePath);
      expect(file.includes("Rights-Xq")).toBe(false);
    }
    expect(await eraseMember(secretariat, membershipId, db())).toEqual({
      ok: false,
      errors: { membershipId: "members:errors.already_erased" },
    });
  });

  it("keeps an account that also serves another role, without the board's data", async () => {
    const staffEmail = `staff-${crypto.randomUUID()}@t.example`;
    const added = await addMember(
      secretariat,
      { boardId, fullName: "Staff Member", email: staffEmail, phone: "", lang: "en" },
      db(),
    );
    if (!added.ok) throw new Error("not added");
    const staff = (await getUserCredentialsByEmail(staffEmail, db()))!;
    await db().insertInto("user_roles").values({ user_id: staff.id, role: "reviewer" }).execute();
    await endMembership(
      secretariat,
      { membershipId: added.value.membershipId, kind: "ended", reason: "x", lang: "en" },
      db(),
    );
    const result = await eraseMember(secretariat, added.value.membershipId, db());
    expect(result).toEqual({ ok: true, value: { accountClosed: false } });
    // Kept, and still opens: its own key stays (decision 046).
    expect((await getUserById(staff.id, db()))!.email).toBe(staffEmail);
    expect((await getMembership(added.value.membershipId))!.erased).toBe(true);
  });

  it.skipIf(testEngine === "postgres")(
    "leaves an erased member undecryptable in a backup taken before the erasure",
    async () => {
      const made = await makeBoardWithMembers(secretariat, 1, db(), "Backup board");
      const { membershipId: id } = made.members[0]!;
      const restored = await restoredAfter(async () => {
        await endMembership(
          secretariat,
          { membershipId: id, kind: "ended", reason: "x", lang: "en" },
          db(),
        );
        expect((await eraseMember(secretariat, id, db())).ok).toBe(true);
      });
      try {
        // The restored row has the fields again, but the key that opens them is gone for good.
        const row = await restored
          .selectFrom("board_memberships")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow();
        expect(row.full_name_encrypted.length).toBeGreaterThan(0);
        const key = await getMemberKey(id);
        expect(key.key).toBeNull();
        expect(() => openMemberField(key, "full_name", row.full_name_encrypted)).toThrow();
      } finally {
        await restored.destroy();
      }
    },
  );
});
