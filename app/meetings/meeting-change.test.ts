import { beforeAll, describe, expect, it } from "vitest";

import { assignActionItem } from "./action-items.commands.server";
import { agendaFieldsOf, makeChair, scheduleTestMeeting } from "./meeting-test-helpers";
import {
  cancelMeeting,
  changeMeeting,
  recordAttendance,
  remindUnanswered,
  replyToMeeting,
} from "./meetings.commands.server";
import { ChangeMeetingSchema } from "./meetings.schemas";
import {
  countMeetingsInYear,
  getCancellationReason,
  getInvitation,
  getMeeting,
  listMeetings,
  type Meeting,
} from "./meetings.server";
import { startMinutes } from "./minutes.commands.server";
import { listMinutesDocs } from "./minutes.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import type { StaffUser } from "../auth/users.server";
import { makeBoardWithMembers, makeSecretariat } from "../board/membership-test-helpers";

const db = () => getIdentityDb();
// Monday 30.11.2026 at noon in Tirana; Monday 14.12.2026 needs notice by Friday 04.12.2026.
const NOW = new Date("2026-11-30T11:00:00Z");

const outboxOf = (email: string) =>
  db()
    .selectFrom("outbox")
    .select(["subject", "recipient"])
    .where("recipient", "=", email)
    .execute();

const auditOf = (subject: string, action: string) =>
  db()
    .selectFrom("audit_events")
    .select(["details"])
    .where("subject", "=", subject)
    .where("action", "=", action)
    .execute();

describe("cancelling a meeting", () => {
  let secretariat: StaffUser;
  let members: { membershipId: string; user: StaffUser }[];
  let boardId: string;
  beforeAll(async () => {
    await migrateIdentityStore();
    secretariat = await makeSecretariat(db());
    const made = await makeBoardWithMembers(secretariat, 3, db(), "Cancel board");
    members = made.members;
    boardId = made.board.id;
    await makeChair(boardId, members[0]!.membershipId, db());
  });

  it("needs the meeting still to come, tells every invitee neutrally, and then takes no replies, attendance or reminders", async () => {
    const ids = members.map((m) => m.user.id);
    const meeting = await scheduleTestMeeting(secretariat, boardId, "2026-12-14", ids, db(), NOW);
    expect(await countMeetingsInYear(boardId, 2026, NOW)).toEqual({ held: 0, scheduled: 1 });
    const before = await Promise.all(
      members.map(async (m) => (await outboxOf(m.user.email)).length),
    );

    // Once started, it can no longer be cancelled.
    const started = await cancelMeeting(
      secretariat,
      meeting,
      { reason: "Late" },
      db(),
      new Date("2026-12-14T09:30:00Z"),
    );
    expect(started).toEqual({ ok: false, errors: { form: "meetings:errors.cancel_started" } });
    expect((await getMeeting(meeting.id))!.cancelledAt).toBeNull();

    const cancelledAt = new Date("2026-12-02T08:00:00Z");
    const result = await cancelMeeting(
      secretariat,
      meeting,
      { reason: "Kryetarja është e sëmurë" },
      db(),
      cancelledAt,
    );
    expect(result).toEqual({ ok: true });
    const cancelled = (await getMeeting(meeting.id))!;
    expect(cancelled.cancelledAt).toBe(cancelledAt.toISOString());
    // The calendar file's SEQUENCE goes up: calendars replace the entry.
    expect(cancelled.sequence).toBe(meeting.sequence + 1);
    expect(await getCancellationReason(meeting.id)).toBe("Kryetarja është e sëmurë");
    // The reason is stored encrypted, never as plain text.
    const raw = await db()
      .selectFrom("meetings")
      .select("cancellation_reason_encrypted")
      .where("id", "=", meeting.id)
      .executeTakeFirstOrThrow();
    expect(raw.cancellation_reason_encrypted).not.toContain("sëmurë");

    // Every invitee got one neutral message; the audit row names the day, never people.
    for (const [i, m] of members.entries()) {
      const mail = await outboxOf(m.user.email);
      expect(mail).toHaveLength(before[i]! + 1);
      expect(mail.at(-1)!.subject).toBe("Informacion");
    }
    const audit = await auditOf(meeting.id, "meeting_cancelled");
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toEqual({ boardId, day: "2026-12-14" });

    // Cancelled twice: refused, nothing more sent.
    const again = await cancelMeeting(secretariat, cancelled, { reason: "x" }, db(), cancelledAt);
    expect(again).toEqual({ ok: false, errors: { form: "meetings:errors.already_cancelled" } });
    // A stale page (the meeting read before it was cancelled) cannot cancel it again either.
    const stale = await cancelMeeting(secretariat, meeting, { reason: "x" }, db(), cancelledAt);
    expect(stale.ok).toBe(false);
    expect(await auditOf(meeting.id, "meeting_cancelled")).toHaveLength(1);

    // No replies, no attendance, no reminders; it counts towards neither held nor scheduled.
    expect(
      await replyToMeeting(
        members[1]!.user,
        cancelled,
        { reply: "confirmed", reason: "" },
        db(),
        NOW,
      ),
    ).toEqual({ ok: false, errors: { reply: "meetings:errors.meeting_cancelled" } });
    expect(
      await recordAttendance(
        secretariat,
        cancelled,
        [{ userId: members[1]!.user.id, status: "present" }],
        db(),
        new Date("2026-12-14T12:00:00Z"),
      ),
    ).toEqual({ ok: false, errors: { form: "meetings:errors.meeting_cancelled" } });
    expect(await remindUnanswered(db(), new Date("2026-12-12T09:00:00Z"), 2)).toBe(0);
    expect(await countMeetingsInYear(boardId, 2026, NOW)).toEqual({ held: 0, scheduled: 0 });
    expect(await countMeetingsInYear(boardId, 2026, new Date("2026-12-20T00:00:00Z"))).toEqual({
      held: 0,
      scheduled: 0,
    });
    // Still listed, marked cancelled.
    const listed = (await listMeetings({ boardId })).find((m) => m.id === meeting.id);
    expect(listed?.cancelledAt).toBe(cancelledAt.toISOString());
    // Once its time has passed it still never took place: no minutes can be started.
    expect(
      await startMinutes(secretariat, cancelled, db(), new Date("2026-12-15T09:00:00Z")),
    ).toEqual({ ok: false, errors: { form: "minutes:errors.not_held" } });
    expect(await listMinutesDocs(meeting.id)).toEqual([]);
  });
});

/** The change form's fields as the page fills them from the meeting (at 10:00). */
function changeFormFields(meeting: Meeting): Record<string, string> {
  return {
    ...agendaFieldsOf(meeting),
    date: meeting.meetingDay,
    time: "10:00",
    place: meeting.place,
    onlineLink: meeting.onlineLink,
    briefing: meeting.briefing,
  };
}

/** The change form as the page sends it: the meeting's current values with `changes`. */
function changeForm(meeting: Meeting, changes: Record<string, string> = {}) {
  return ChangeMeetingSchema.parse({ ...changeFormFields(meeting), ...changes });
}

describe("changing a meeting", () => {
  let secretariat: StaffUser;
  let members: { membershipId: string; user: StaffUser }[];
  let boardId: string;
  beforeAll(async () => {
    await migrateIdentityStore();
    secretariat = await makeSecretariat(db());
    const made = await makeBoardWithMembers(secretariat, 3, db(), "Change board");
    members = made.members;
    boardId = made.board.id;
  });

  it("a new time asks everyone to answer again and reminds them again; a new place keeps the answers", async () => {
    const ids = members.map((m) => m.user.id);
    const meeting = await scheduleTestMeeting(secretariat, boardId, "2026-12-21", ids, db(), NOW);
    await replyToMeeting(members[0]!.user, meeting, { reply: "confirmed", reason: "" }, db(), NOW);
    await replyToMeeting(
      members[1]!.user,
      meeting,
      { reply: "declined", reason: "Punë" },
      db(),
      NOW,
    );
    // Member 2 has not answered and gets the reminder two days before.
    expect(await remindUnanswered(db(), new Date("2026-12-19T09:00:00Z"), 2)).toBe(1);

    // Only the place: the answers stay; everyone is told; SEQUENCE goes up.
    const before = await Promise.all(
      members.map(async (m) => (await outboxOf(m.user.email)).length),
    );
    const at = new Date("2026-12-01T09:00:00Z");
    const placeOnly = await changeMeeting(
      secretariat,
      meeting,
      changeForm(meeting, { place: "Salla e re" }),
      db(),
      at,
    );
    expect(placeOnly).toEqual({ ok: true, value: { repliesReset: false } });
    const moved = (await getMeeting(meeting.id))!;
    expect(moved.place).toBe("Salla e re");
    expect(moved.sequence).toBe(meeting.sequence + 1);
    expect((await getInvitation(meeting.id, members[0]!.user.id))?.reply).toBe("confirmed");
    for (const [i, m] of members.entries()) {
      const mail = await outboxOf(m.user.email);
      expect(mail).toHaveLength(before[i]! + 1);
      expect(mail.at(-1)!.subject).toBe("Informacion");
    }

    // A new time: every answer is cleared and the unanswered are reminded again.
    const later = await changeMeeting(
      secretariat,
      moved,
      changeForm(moved, { time: "14:30" }),
      db(),
      at,
    );
    expect(later).toEqual({ ok: true, value: { repliesReset: true } });
    const changed = (await getMeeting(meeting.id))!;
    expect(changed.startsAt).toBe("2026-12-21T13:30:00.000Z");
    expect(changed.sequence).toBe(meeting.sequence + 2);
    expect(changed.noticeSentOn).toBe("2026-12-01");
    for (const m of members)
      expect((await getInvitation(meeting.id, m.user.id))?.reply ?? null).toBeNull();
    expect(await remindUnanswered(db(), new Date("2026-12-19T09:00:00Z"), 2)).toBe(3);

    // The audit rows say what changed, never values or names.
    const audit = (await auditOf(meeting.id, "meeting_changed")).map((row) =>
      JSON.parse(row.details!),
    );
    expect(audit).toEqual([
      { boardId, changed: ["place"], repliesReset: false },
      { boardId, changed: ["time"], repliesReset: true },
    ]);
    expect(JSON.stringify(audit)).not.toContain("Salla");
  });

  it("edits the agenda row by row (an item changed keeps its id, an emptied row removes its item, a filled row adds one), tells every invitee and keeps the answers", async () => {
    const ids = members.map((m) => m.user.id);
    const meeting = await scheduleTestMeeting(secretariat, boardId, "2027-01-18", ids, db(), NOW);
    await replyToMeeting(members[0]!.user, meeting, { reply: "confirmed", reason: "" }, db(), NOW);
    const [opening, plan] = meeting.agenda;
    const before = await Promise.all(
      members.map(async (m) => (await outboxOf(m.user.email)).length),
    );
    const at = new Date("2026-12-01T09:00:00Z");

    // Rows as the form shows them: a row with a title and no summary is refused.
    expect(
      ChangeMeetingSchema.safeParse({ ...changeFormFields(meeting), itemSummary2: "" }).error
        ?.issues,
    ).toEqual([
      expect.objectContaining({
        path: ["itemSummary2"],
        message: "meetings:errors.item_summary_required",
      }),
    ]);
    // Every row emptied: an agenda needs one item.
    expect(
      ChangeMeetingSchema.safeParse({
        ...changeFormFields(meeting),
        itemTitle1: "",
        itemSummary1: "",
        itemTitle2: "",
        itemSummary2: "",
      }).error?.issues.map((issue) => issue.message),
    ).toEqual(["meetings:errors.agenda_required"]);

    const result = await changeMeeting(
      secretariat,
      meeting,
      changeForm(meeting, {
        itemTitle1: "Hapja dhe prezantimi",
        itemTitle2: "",
        itemSummary2: "",
        itemTitle3: "Raporti i ri",
        itemSummary3: "Gjetjet e fundit",
      }),
      db(),
      at,
    );
    expect(result).toEqual({ ok: true, value: { repliesReset: false } });
    const changed = (await getMeeting(meeting.id))!;
    expect(changed.agenda.map(({ title, summary }) => ({ title, summary }))).toEqual([
      { title: "Hapja dhe prezantimi", summary: opening!.summary },
      { title: "Raporti i ri", summary: "Gjetjet e fundit" },
    ]);
    expect(changed.agenda[0]!.id).toBe(opening!.id);
    expect(changed.agenda.map((item) => item.id)).not.toContain(plan!.id);
    expect(changed.sequence).toBe(meeting.sequence + 1);
    expect((await getInvitation(meeting.id, members[0]!.user.id))?.reply).toBe("confirmed");
    for (const [i, m] of members.entries())
      expect(await outboxOf(m.user.email)).toHaveLength(before[i]! + 1);
    const audit = (await auditOf(meeting.id, "meeting_changed")).map((row) =>
      JSON.parse(row.details!),
    );
    expect(audit).toEqual([{ boardId, changed: ["agenda"], repliesReset: false }]);
    expect(JSON.stringify(audit)).not.toContain("Raporti");
  });

  it("keeps an agenda item that has tasks: removing it is refused on its row and nothing is written", async () => {
    const ids = members.map((m) => m.user.id);
    const meeting = await scheduleTestMeeting(secretariat, boardId, "2026-12-15", ids, db(), NOW);
    // On the meeting's day, before it starts (10:00 in Tirana), a task is given on item 2.
    const morning = new Date("2026-12-15T07:00:00Z");
    const task = await assignActionItem(
      secretariat,
      meeting,
      {
        agendaItemId: meeting.agenda[1]!.id,
        task: "Detyrë",
        ownerId: members[0]!.user.id,
        dueOn: "2026-12-31",
      },
      db(),
      morning,
    );
    expect(task.ok).toBe(true);
    const refused = await changeMeeting(
      secretariat,
      meeting,
      changeForm(meeting, { itemTitle2: "", itemSummary2: "" }),
      db(),
      morning,
    );
    expect(refused).toEqual({
      ok: false,
      errors: { itemTitle2: "meetings:errors.item_has_tasks" },
    });
    expect(await getMeeting(meeting.id)).toEqual(meeting);
    // Its title can still change.
    const renamed = await changeMeeting(
      secretariat,
      meeting,
      changeForm(meeting, { itemTitle2: "Plani i punës 2027" }),
      db(),
      morning,
    );
    expect(renamed.ok).toBe(true);
    expect((await getMeeting(meeting.id))!.agenda[1]).toMatchObject({
      id: meeting.agenda[1]!.id,
      title: "Plani i punës 2027",
    });
  });

  it("checks a new day against the notice rule again, exactly as scheduling, and writes nothing when refused", async () => {
    const ids = members.map((m) => m.user.id);
    const meeting = await scheduleTestMeeting(secretariat, boardId, "2026-12-28", ids, db(), NOW);
    const auditBefore = (await auditOf(meeting.id, "meeting_changed")).length;
    // On Tuesday 08.12.2026 (a public holiday), Monday 14.12 needed notice by Friday 04.12.
    const at = new Date("2026-12-08T09:00:00Z");
    const late = await changeMeeting(
      secretariat,
      meeting,
      changeForm(meeting, { date: "2026-12-14" }),
      db(),
      at,
    );
    expect(late).toEqual({
      ok: false,
      errors: { date: "meetings:errors.notice_late" },
      lastNoticeDay: "2026-12-04",
    });
    const past = await changeMeeting(
      secretariat,
      meeting,
      changeForm(meeting, { date: "2026-12-07" }),
      db(),
      at,
    );
    // A day in the past names the first day notice given on 08.12 is in time for: Wednesday
    // 16.12 (Wed 9, Thu 10, Fri 11, Mon 14 and Tue 15 are the five working days before it).
    expect(past).toEqual({
      ok: false,
      errors: { date: "meetings:errors.date_past" },
      firstNoticeDay: "2026-12-16",
    });
    const same = await changeMeeting(secretariat, meeting, changeForm(meeting), db(), at);
    expect(same).toEqual({ ok: false, errors: { form: "meetings:errors.nothing_changed" } });
    expect(await getMeeting(meeting.id)).toEqual(meeting);
    expect(await auditOf(meeting.id, "meeting_changed")).toHaveLength(auditBefore);

    // As an extraordinary meeting with a reason, it is accepted.
    const extraordinary = await changeMeeting(
      secretariat,
      meeting,
      changeForm(meeting, {
        date: "2026-12-14",
        extraordinary: "on",
        extraordinaryReason: "Kërkuar nga një anëtar",
      }),
      db(),
      at,
    );
    expect(extraordinary.ok).toBe(true);
    const changed = (await getMeeting(meeting.id))!;
    expect(changed.meetingDay).toBe("2026-12-14");
    expect(changed.extraordinary).toBe(true);

    // Cancelled, it can no longer be changed.
    await cancelMeeting(secretariat, changed, { reason: "x" }, db(), at);
    const cancelled = (await getMeeting(meeting.id))!;
    expect(
      await changeMeeting(
        secretariat,
        cancelled,
        changeForm(cancelled, { place: "Diku" }),
        db(),
        at,
      ),
    ).toEqual({ ok: false, errors: { form: "meetings:errors.already_cancelled" } });
  });
});
