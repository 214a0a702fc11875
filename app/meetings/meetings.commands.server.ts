import { sendMeetingEmail } from "./meetings-mail.server";
import type { Attendance, Reply, ScheduleMeetingInput } from "./meetings.schemas";
import {
  claimReminders,
  emailsOf,
  getPreferences,
  insertMeeting,
  listInvitable,
  updateReply,
  upsertAttendance,
  type Meeting,
} from "./meetings.server";
import { checkNotice, zonedTimeToUtc } from "./notice";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";
import { dateIn } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";
import { logError, logInfo } from "../platform/logging.server";

type Invalid = { ok: false; errors: Record<string, string>; lastNoticeDay?: string };
const actorOf = (user: Pick<StaffUser, "id" | "email">) => ({ id: user.id, email: user.email });

/**
 * Schedules a meeting of `boardId` (Art. 11) and sends the invitations. Refused, writing
 * nothing: a start at or before `now` (`date`: date_past); invitations on `now`'s day after
 * the last day of the 5-working-day notice (`date`: notice_late, with `lastNoticeDay`) unless
 * the meeting is extraordinary with a reason; an invitee who is not a current member
 * (`invitees`). Then one neutral email per invitee in their language (the portal shows the
 * invitation too). Audited as "meeting_scheduled" (the board and the day, no names).
 */
export async function scheduleMeeting(
  actor: StaffUser,
  boardId: string,
  input: ScheduleMeetingInput,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true; value: { meetingId: string } } | Invalid> {
  const { timeZone } = getConfig();
  const today = dateIn(timeZone, now);
  const startsAt = zonedTimeToUtc(input.date, input.time, timeZone);
  const notice = checkNotice({ today, now, meetingDay: input.date, startsAt });
  if (notice.kind === "past") return { ok: false, errors: { date: "meetings:errors.date_past" } };
  if (notice.kind === "late" && !input.extraordinary)
    return {
      ok: false,
      errors: { date: "meetings:errors.notice_late" },
      lastNoticeDay: notice.lastDay,
    };
  const invitable = new Set((await listInvitable(boardId, today, db)).map((p) => p.userId));
  if (input.invitees.some((id) => !invitable.has(id)))
    return { ok: false, errors: { invitees: "meetings:errors.invitees_required" } };
  const meetingId = await insertMeeting(
    {
      boardId,
      startsAt,
      meetingDay: input.date,
      place: input.place,
      onlineLink: input.onlineLink,
      briefing: input.briefing,
      extraordinary: input.extraordinary,
      extraordinaryReason: input.extraordinaryReason,
      noticeSentOn: today,
      agenda: input.agenda,
      invitees: input.invitees,
      createdBy: actor.id,
    },
    db,
    now,
  );
  await recordAudit(
    {
      actor: actorOf(actor),
      action: "meeting_scheduled",
      subject: meetingId,
      details: { boardId, day: input.date, extraordinary: input.extraordinary },
    },
    db,
  );
  const emails = await emailsOf(input.invitees, db);
  for (const userId of input.invitees) {
    const to = emails.get(userId);
    if (!to) continue;
    const { lang } = await getPreferences(userId, db);
    await sendMeetingEmail(to, "invitation", lang, meetingId, db);
  }
  return { ok: true, value: { meetingId } };
}

/**
 * An invitee confirms or declines (with a reason, required by the schema). Refused once the
 * meeting has started (`reply`: too_late) or when `user` is not invited (`reply`:
 * not_invited). Audited as "meeting_reply_sent" with the answer, never the reason.
 */
export async function replyToMeeting(
  user: StaffUser,
  meeting: Pick<Meeting, "id" | "startsAt">,
  answer: { reply: Reply; reason: string },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true } | Invalid> {
  if (Date.parse(meeting.startsAt) <= now.getTime())
    return { ok: false, errors: { reply: "meetings:errors.reply_too_late" } };
  if (!(await updateReply(meeting.id, user.id, answer, db, now)))
    return { ok: false, errors: { reply: "meetings:errors.not_invited" } };
  await recordAudit(
    {
      actor: actorOf(user),
      action: "meeting_reply_sent",
      subject: meeting.id,
      details: { reply: answer.reply },
    },
    db,
  );
  return { ok: true };
}

/**
 * Records attendance at the meeting (present, late, left early, excused, absent), apart from
 * the answers. Refused before the meeting's day (`form`: attendance_too_early). Audited as
 * "meeting_attendance_recorded" with the number of people recorded.
 */
export async function recordAttendance(
  actor: StaffUser,
  meeting: Pick<Meeting, "id" | "meetingDay">,
  rows: { userId: string; status: Attendance }[],
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true; value: { recorded: number } } | Invalid> {
  if (dateIn(getConfig().timeZone, now) < meeting.meetingDay)
    return { ok: false, errors: { form: "meetings:errors.attendance_too_early" } };
  const recorded = await upsertAttendance(meeting.id, rows, actor.id, db, now);
  await recordAudit(
    {
      actor: actorOf(actor),
      action: "meeting_attendance_recorded",
      subject: meeting.id,
      details: { recorded },
    },
    db,
  );
  return { ok: true, value: { recorded } };
}

/**
 * How many days before a meeting those who have not answered get their one reminder:
 * MEETING_REMINDER_DAYS (1-30), 2 by default.
 */
export function reminderDays(env: Record<string, string | undefined> = process.env): number {
  const days = Number(env.MEETING_REMINDER_DAYS ?? "2");
  return Number.isInteger(days) && days >= 1 && days <= 30 ? days : 2;
}

/**
 * Sends the reminder to each invitee who has not answered a meeting starting within
 * `reminderDays()` days, once per person and meeting (confirmed or declined people are never
 * reminded). Returns how many were reminded.
 */
export async function remindUnanswered(
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
  days = reminderDays(),
): Promise<number> {
  const claimed = await claimReminders(days, dateIn(getConfig().timeZone, now), db, now);
  for (const item of claimed) {
    const { lang } = await getPreferences(item.userId, db);
    const outcome = await sendMeetingEmail(item.email, "reminder", lang, item.meetingId, db);
    if (outcome === "failed") logError("meeting reminder", new Error("the reminder was not sent"));
  }
  if (claimed.length > 0) logInfo("meeting reminders sent", { count: claimed.length });
  return claimed.length;
}
