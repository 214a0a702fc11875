import { beforeAll, describe, expect, it } from "vitest";

import {
  recordAttendance,
  remindUnanswered,
  replyToMeeting,
  scheduleMeeting,
} from "./meetings.commands.server";
import { ScheduleMeetingSchema } from "./meetings.schemas";
import {
  countMeetingsInYear,
  getMeeting,
  isCurrentMember,
  listInvitable,
  listInvitees,
  listMeetings,
  savePreferences,
} from "./meetings.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import type { StaffUser } from "../auth/users.server";
import { makeBoardWithMembers, makeSecretariat } from "../board/membership-test-helpers";
import { endMembership } from "../board/membership.server";

const db = () => getIdentityDb();
// Monday 30.11.2026 at noon in Tirana; Monday 14.12.2026 needs notice by Friday 04.12.2026.
const NOW = new Date("2026-11-30T11:00:00Z");

function form(invitees: string[], extra: Record<string, string> = {}) {
  return ScheduleMeetingSchema.parse({
    date: "2026-12-14",
    time: "10:00",
    place: "Zyra e sekretariatit, Tiranë",
    itemTitle1: "Hapja",
    itemSummary1: "Mirëseardhja dhe rendi i ditës",
    itemTitle2: "Raporti",
    itemSummary2: "Puna që nga mbledhja e fundit",
    briefing: "Informacion për punën e bërë.",
    invitees,
    ...extra,
  });
}

async function outboxTo(email: string) {
  return db()
    .selectFrom("outbox")
    .select(["subject", "recipient"])
    .where("recipient", "=", email)
    .execute();
}

describe("board meetings", () => {
  let secretariat: StaffUser;
  let members: { membershipId: string; user: StaffUser }[];
  let boardId: string;
  beforeAll(async () => {
    await migrateIdentityStore();
    secretariat = await makeSecretariat(db());
    const made = await makeBoardWithMembers(secretariat, 4, db());
    members = made.members;
    boardId = made.board.id;
  });

  it("invites every current member by default and sends each a neutral email in their language", async () => {
    const invitable = await listInvitable(boardId, "2026-11-30");
    expect(invitable.map((p) => p.userId).sort()).toEqual(members.map((m) => m.user.id).sort());
    await savePreferences(members[1]!.user.id, { lang: "en", calendarFile: false });
    // Each member already had the email inviting them to their account.
    const before = await Promise.all(
      members.map(async (m) => (await outboxTo(m.user.email)).length),
    );
    const result = await scheduleMeeting(
      secretariat,
      boardId,
      form(invitable.map((p) => p.userId)),
      db(),
      NOW,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const meeting = (await getMeeting(result.value.meetingId))!;
    expect(meeting.startsAt).toBe("2026-12-14T09:00:00.000Z");
    expect(meeting.agenda.map((item) => item.title)).toEqual(["Hapja", "Raporti"]);
    expect(meeting.extraordinary).toBe(false);
    for (const [i, m] of members.entries())
      expect(await outboxTo(m.user.email)).toHaveLength(before[i]! + 1);
    // Neutral subject, in the member's language.
    const english = await outboxTo(members[1]!.user.email);
    expect(english.at(-1)!.subject).toBe("Information");
    const albanian = await outboxTo(members[0]!.user.email);
    expect(albanian.at(-1)!.subject).toBe("Informacion");
  });

  it("refuses a meeting inside the notice window, naming the last day, and writes nothing", async () => {
    const before = await listMeetings({ boardId });
    const late = await scheduleMeeting(
      secretariat,
      boardId,
      form([members[0]!.user.id]),
      db(),
      new Date("2026-12-07T09:00:00Z"),
    );
    expect(late).toEqual({
      ok: false,
      errors: { date: "meetings:errors.notice_late" },
      lastNoticeDay: "2026-12-04",
    });
    const past = await scheduleMeeting(
      secretariat,
      boardId,
      form([members[0]!.user.id]),
      db(),
      new Date("2026-12-14T10:00:00Z"),
    );
    expect(past).toMatchObject({ ok: false, errors: { date: "meetings:errors.date_past" } });
    expect(await listMeetings({ boardId })).toEqual(before);
  });

  it("accepts a meeting inside the window when extraordinary, with its reason", async () => {
    const result = await scheduleMeeting(
      secretariat,
      boardId,
      form([members[0]!.user.id], {
        extraordinary: "on",
        extraordinaryReason: "Requested by a member (Art. 11 a)",
      }),
      db(),
      new Date("2026-12-10T09:00:00Z"),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const meeting = (await getMeeting(result.value.meetingId))!;
    expect(meeting.extraordinary).toBe(true);
    expect(meeting.extraordinaryReason).toBe("Requested by a member (Art. 11 a)");
    expect(meeting.noticeSentOn).toBe("2026-12-10");
  });

  it("keeps replies and attendance apart, and shows reasons only to those allowed", async () => {
    const ids = members.map((m) => m.user.id);
    const scheduled = await scheduleMeeting(secretariat, boardId, form(ids), db(), NOW);
    if (!scheduled.ok) throw new Error("not scheduled");
    const meeting = (await getMeeting(scheduled.value.meetingId))!;
    const [a, b] = members;
    expect(
      await replyToMeeting(a!.user, meeting, { reply: "confirmed", reason: "" }, db(), NOW),
    ).toEqual({ ok: true });
    const reason = "Jam me pushim mjekësor";
    await replyToMeeting(b!.user, meeting, { reply: "declined", reason }, db(), NOW);
    // The reason is personal data: encrypted at rest.
    const raw = await db().selectFrom("meeting_invitations").selectAll().execute();
    expect(JSON.stringify(raw)).not.toContain("pushim");

    const forMembers = await listInvitees(meeting, false, "2026-11-30");
    expect(forMembers.find((r) => r.userId === b!.user.id)).toMatchObject({
      reply: "declined",
      reason: null,
    });
    const forChair = await listInvitees(meeting, true, "2026-11-30");
    expect(forChair.find((r) => r.userId === b!.user.id)?.reason).toBe(reason);
    expect(forChair.filter((r) => r.reply === null)).toHaveLength(2);

    // Attendance is refused before the day, then recorded apart from the answers: the one who
    // confirmed was absent, the one who declined came late.
    const early = await recordAttendance(secretariat, meeting, [], db(), NOW);
    expect(early).toEqual({ ok: false, errors: { form: "meetings:errors.attendance_too_early" } });
    const onTheDay = new Date("2026-12-14T12:00:00Z");
    await recordAttendance(
      secretariat,
      meeting,
      [
        { userId: a!.user.id, status: "absent" },
        { userId: b!.user.id, status: "late" },
        { userId: secretariat.id, status: "present" }, // not invited: ignored
      ],
      db(),
      onTheDay,
    );
    const after = await listInvitees(meeting, false, "2026-12-14");
    expect(after.find((r) => r.userId === a!.user.id)).toMatchObject({
      reply: "confirmed",
      attendance: "absent",
    });
    expect(after.find((r) => r.userId === b!.user.id)).toMatchObject({
      reply: "declined",
      attendance: "late",
    });
    expect(after.some((r) => r.userId === secretariat.id)).toBe(false);
    // Once the meeting has started nobody can change their answer.
    expect(
      await replyToMeeting(a!.user, meeting, { reply: "declined", reason: "x" }, db(), onTheDay),
    ).toEqual({ ok: false, errors: { reply: "meetings:errors.reply_too_late" } });
  });

  it("reminds only those who have not answered, once, within the configured days", async () => {
    const fresh = await makeBoardWithMembers(secretariat, 4, db(), "Reminder board");
    const ids = fresh.members.map((m) => m.user.id);
    const scheduled = await scheduleMeeting(secretariat, fresh.board.id, form(ids), db(), NOW);
    if (!scheduled.ok) throw new Error("not scheduled");
    const meeting = (await getMeeting(scheduled.value.meetingId))!;
    await replyToMeeting(
      fresh.members[0]!.user,
      meeting,
      { reply: "confirmed", reason: "" },
      db(),
      NOW,
    );
    await replyToMeeting(
      fresh.members[1]!.user,
      meeting,
      { reply: "declined", reason: "r" },
      db(),
      NOW,
    );
    // The fourth withdraws after the invitation: no reminder (before, they got one, with a link
    // that answered 403).
    await db()
      .updateTable("board_memberships")
      .set({ status: "ended", ended_on: "2026-12-01", end_kind: "withdrawn" })
      .where("user_id", "=", fresh.members[3]!.user.id)
      .execute();
    const mail = () =>
      Promise.all(fresh.members.map(async (m) => (await outboxTo(m.user.email)).length));
    const before = await mail();
    // Ten days before: too early for a 2-day reminder.
    await remindUnanswered(db(), new Date("2026-12-04T09:00:00Z"), 2);
    expect(await mail()).toEqual(before);
    const twoDaysBefore = new Date("2026-12-12T09:00:00Z");
    expect(await remindUnanswered(db(), twoDaysBefore, 2)).toBeGreaterThan(0);
    expect(await remindUnanswered(db(), twoDaysBefore, 2)).toBe(0);
    // Only the one who has not answered, once.
    expect(await mail()).toEqual([before[0], before[1], before[2]! + 1, before[3]]);
  });

  it("closes a board's meetings to a member who withdrew, and counts the year's meetings", async () => {
    const leaving = members[3]!;
    expect(await isCurrentMember(leaving.user.id, boardId, "2026-11-30")).toBe(true);
    expect(
      (await listMeetings({ memberOf: leaving.user.id }, "2026-11-30")).length,
    ).toBeGreaterThan(0);
    const ended = await endMembership(
      leaving.user,
      { membershipId: leaving.membershipId, kind: "withdrawn", reason: "", lang: "sq" },
      db(),
    );
    expect(ended.ok).toBe(true);
    expect(await isCurrentMember(leaving.user.id, boardId)).toBe(false);
    expect(await listMeetings({ memberOf: leaving.user.id })).toEqual([]);
    expect(await countMeetingsInYear(boardId, 2026, NOW)).toEqual({ held: 0, scheduled: 3 });
    expect(await countMeetingsInYear(boardId, 2026, new Date("2026-12-15T00:00:00Z"))).toEqual({
      held: 3,
      scheduled: 0,
    });
    expect(await countMeetingsInYear(boardId, 2027, NOW)).toEqual({ held: 0, scheduled: 0 });
  });
});
