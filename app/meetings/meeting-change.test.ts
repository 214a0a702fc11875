import { beforeAll, describe, expect, it } from "vitest";

import { makeChair, scheduleTestMeeting } from "./meeting-test-helpers";
import {
  cancelMeeting,
  recordAttendance,
  remindUnanswered,
  replyToMeeting,
} from "./meetings.commands.server";
import {
  countMeetingsInYear,
  getCancellationReason,
  getMeeting,
  listMeetings,
} from "./meetings.server";
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
  });
});
