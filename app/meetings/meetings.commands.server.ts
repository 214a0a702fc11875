import { closedDaySet } from "./closed-days.server";
import { sendMeetingEmail } from "./meetings-mail.server";
import type {
  Attendance,
  CancelMeetingInput,
  ChangeMeetingInput,
  Reply,
  ScheduleMeetingInput,
} from "./meetings.schemas";
import {
  claimReminders,
  emailsOf,
  getMeeting,
  getPreferences,
  insertGuestInvitation,
  insertMeeting,
  listInviteeIds,
  markMeetingCancelled,
  updateMeeting,
  listGuestsToEnd,
  listPhoneContacts,
  savePreferences,
  listInvitable,
  updateReply,
  upsertAttendance,
  wasDisabledAsGuest,
  agendaItemsWithTasks,
  saveAgendaRows,
  type Meeting,
} from "./meetings.server";
import { checkNotice, timeIn, zonedTimeToUtc } from "./notice.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { inTransaction } from "../../db/transaction";
import { recordAudit } from "../auth/audit.server";
import { createInvitation } from "../auth/invitations.server";
import { can } from "../auth/permissions";
import { deleteAllSessions } from "../auth/sessions.server";
import {
  getRoles,
  getUserCredentialsByEmail,
  insertUser,
  normalizeEmail,
  replaceRoles,
  setStatus,
} from "../auth/users.server";
import type { StaffUser } from "../auth/users.server";
import { sendNeutralEmail } from "../board/membership-mail.server";
import { localePath, type Lang } from "../i18n/lang";
import { dateIn } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";
import { logError, logInfo } from "../platform/logging.server";

type Invalid = {
  ok: false;
  errors: Record<string, string>;
  lastNoticeDay?: string;
  firstNoticeDay?: string;
};
const actorOf = (user: Pick<StaffUser, "id" | "email">) => ({ id: user.id, email: user.email });

/**
 * The notice rule (Art. 11, 5 working days; weekends, Albanian holidays and the admin's closed
 * days do not count) for a meeting on `input.date` starting at `startsAt` (an instant), with
 * notice given on `noticeDay` (YYYY-MM-DD): the refusal to answer, or null when it may go
 * ahead. A start at or before `now`: `date` date_past with `firstNoticeDay` (the first day
 * notice given `noticeDay` is in time for). Notice too late without the extraordinary mark:
 * `date` notice_late with `lastNoticeDay`.
 */
async function noticeRefusal(
  noticeDay: string,
  now: Date,
  input: { date: string; extraordinary: boolean },
  startsAt: string,
  db: IdentityDb,
): Promise<Invalid | null> {
  const notice = checkNotice({
    today: noticeDay,
    now,
    meetingDay: input.date,
    startsAt,
    closedDays: await closedDaySet(db),
  });
  if (notice.kind === "past")
    return {
      ok: false,
      errors: { date: "meetings:errors.date_past" },
      firstNoticeDay: notice.firstDay,
    };
  if (notice.kind === "late" && !input.extraordinary)
    return {
      ok: false,
      errors: { date: "meetings:errors.notice_late" },
      lastNoticeDay: notice.lastDay,
    };
  return null;
}

/**
 * Schedules a meeting of `boardId` (Art. 11) and sends the invitations. Refused, writing
 * nothing: a start at or before `now` (`date`: date_past, with `firstNoticeDay`); invitations on `now`'s day after
 * the last day of the 5-working-day notice (weekends, public holidays and the closed days an
 * admin listed not counted) (`date`: notice_late, with `lastNoticeDay`) unless
 * the meeting is extraordinary with a reason; an invitee who is not a current member
 * (`invitees`). Then one neutral email per invitee in their language (the portal shows the
 * invitation too), except to members who allowed only phone or SMS (listPhoneContacts). The
 * meeting and its audit row ("meeting_scheduled": the board and the day, no names) are one
 * transaction; the mail goes after it commits.
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
  const refused = await noticeRefusal(today, now, input, startsAt, db);
  if (refused) return refused;
  const invitable = new Set((await listInvitable(boardId, today, db)).map((p) => p.userId));
  if (input.invitees.some((id) => !invitable.has(id)))
    return { ok: false, errors: { invitees: "meetings:errors.invitees_required" } };
  // The meeting and its audit row are one transaction: no meeting without its audit row.
  const meetingId = await inTransaction(db, async (trx) => {
    const id = await insertMeeting(
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
      trx,
      now,
    );
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "meeting_scheduled",
        subject: id,
        details: { boardId, day: input.date, extraordinary: input.extraordinary },
      },
      trx,
      now,
    );
    return id;
  });
  await tellInvitees({ id: meetingId, boardId }, input.invitees, "invitation", today, db);
  return { ok: true, value: { meetingId } };
}

/**
 * Sends `kind` to each of `userIds` invited to `meeting`, by email in their language, except
 * to members who allowed only phone or SMS: the secretariat tells them from the meeting's
 * "Tell by phone" list. Call after the write has committed (a failed send is reported, not
 * thrown: the meeting page shows the news anyway).
 */
async function tellInvitees(
  meeting: Pick<Meeting, "id" | "boardId">,
  userIds: string[],
  kind: "invitation" | "changed" | "cancelled",
  today: string,
  db: IdentityDb,
): Promise<void> {
  const emails = await emailsOf(userIds, db);
  const byPhone = new Set(
    (await listPhoneContacts(meeting.boardId, userIds, today, db)).map((c) => c.userId),
  );
  for (const userId of userIds) {
    const to = emails.get(userId);
    if (!to || byPhone.has(userId)) continue;
    const { lang } = await getPreferences(userId, db);
    const outcome = await sendMeetingEmail(to, kind, lang, meeting.id, db);
    if (outcome === "failed") logError("meeting message", new Error(`the ${kind} was not sent`));
  }
}

/** An agenda as one comparable string, by rows (an empty row: null). */
function agendaKey(rows: ({ title: string; summary: string } | null)[]): string {
  const filled = rows.map((row) => (row ? [row.title, row.summary] : null));
  while (filled.length > 0 && filled.at(-1) === null) filled.pop();
  return JSON.stringify(filled);
}

/** The fields of a meeting a change can touch, as named in the "meeting_changed" audit row. */
export const CHANGEABLE_FIELDS = [
  "date",
  "time",
  "place",
  "onlineLink",
  "agenda",
  "briefing",
  "extraordinary",
] as const;

/**
 * Changes a coming meeting (decision 037): day, time, place, online link, the agenda (row by
 * row: edited, emptied to remove an item, filled to add one), briefing and the extraordinary
 * mark. Refused, writing nothing: an emptied row whose item has tasks (`itemTitleN`:
 * item_has_tasks), a cancelled meeting (`form`:
 * already_cancelled), one that has started (`form`: change_started), nothing changed (`form`:
 * nothing_changed), a new start at or before `now` (`date`: date_past), and, exactly as when
 * scheduling, a notice later than 5 working days before the day (closed days counted out)
 * unless extraordinary with a reason (`date`: notice_late, with `lastNoticeDay`); the notice
 * counts from `now`'s day when the start moves, else from the day the invitations went. A
 * new day or time clears every answer and reminder (everyone answers again). The change and
 * its audit row ("meeting_changed": which fields changed and whether answers were reset, never
 * names or values) are one transaction; then every invitee is told neutrally.
 */
export async function changeMeeting(
  actor: StaffUser,
  meeting: Meeting,
  input: ChangeMeetingInput,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true; value: { repliesReset: boolean } } | Invalid> {
  if (meeting.cancelledAt)
    return { ok: false, errors: { form: "meetings:errors.already_cancelled" } };
  if (Date.parse(meeting.startsAt) <= now.getTime())
    return { ok: false, errors: { form: "meetings:errors.change_started" } };
  const { timeZone } = getConfig();
  const today = dateIn(timeZone, now);
  const startsAt = zonedTimeToUtc(input.date, input.time, timeZone);
  const was = {
    date: meeting.meetingDay,
    time: timeIn(meeting.startsAt, timeZone),
    place: meeting.place,
    onlineLink: meeting.onlineLink,
    agenda: agendaKey(meeting.agenda),
    briefing: meeting.briefing,
    extraordinary: meeting.extraordinary ? (meeting.extraordinaryReason ?? "") : null,
  };
  const will = {
    ...input,
    agenda: agendaKey(input.agenda),
    extraordinary: input.extraordinary ? input.extraordinaryReason : null,
  };
  const changed = CHANGEABLE_FIELDS.filter((field) => was[field] !== will[field]);
  if (changed.length === 0)
    return { ok: false, errors: { form: "meetings:errors.nothing_changed" } };
  // An item with tasks given on it (from the meeting's day) stays: removing it would lose them.
  const removed = meeting.agenda.filter((item, i) => !input.agenda[i]);
  const withTasks = await agendaItemsWithTasks(
    removed.map((item) => item.id),
    db,
  );
  if (withTasks.size > 0) {
    const errors: Record<string, string> = {};
    for (const [i, item] of meeting.agenda.entries())
      if (withTasks.has(item.id)) errors[`itemTitle${i + 1}`] = "meetings:errors.item_has_tasks";
    return { ok: false, errors };
  }
  const moved = startsAt !== meeting.startsAt;
  const refused = await noticeRefusal(
    moved ? today : meeting.noticeSentOn,
    now,
    input,
    startsAt,
    db,
  );
  if (refused) return refused;
  const done = await inTransaction(db, async (trx) => {
    const updated = await updateMeeting(
      meeting.id,
      {
        startsAt,
        meetingDay: input.date,
        place: input.place,
        onlineLink: input.onlineLink,
        briefing: input.briefing,
        extraordinary: input.extraordinary,
        extraordinaryReason: input.extraordinaryReason,
        newNoticeSentOn: moved ? today : null,
      },
      trx,
      now,
    );
    if (!updated) return false;
    if (changed.includes("agenda"))
      await saveAgendaRows(meeting.id, meeting.agenda, input.agenda, trx);
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "meeting_changed",
        subject: meeting.id,
        details: { boardId: meeting.boardId, changed, repliesReset: moved },
      },
      trx,
      now,
    );
    return true;
  });
  // Cancelled or started between the check and the write.
  if (!done) return { ok: false, errors: { form: "meetings:errors.change_started" } };
  await tellInvitees(meeting, await listInviteeIds(meeting.id, db), "changed", today, db);
  return { ok: true, value: { repliesReset: moved } };
}

/**
 * Cancels a meeting before it starts (decision 037), with a reason the chair and the
 * secretariat read. Refused, writing nothing: a meeting already started (`form`:
 * cancel_started) or already cancelled (`form`: already_cancelled). The cancellation and its
 * audit row ("meeting_cancelled": the board and the day, no names, no reason) are one
 * transaction; then every invitee is told neutrally (email in their language; phone-only
 * members stay on the "Tell by phone" list). A cancelled meeting takes no replies,
 * attendance, minutes or tasks, gets no reminders and does not count towards two a year.
 */
export async function cancelMeeting(
  actor: StaffUser,
  meeting: Pick<Meeting, "id" | "boardId" | "meetingDay" | "startsAt" | "cancelledAt">,
  input: CancelMeetingInput,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true } | Invalid> {
  if (meeting.cancelledAt)
    return { ok: false, errors: { form: "meetings:errors.already_cancelled" } };
  if (Date.parse(meeting.startsAt) <= now.getTime())
    return { ok: false, errors: { form: "meetings:errors.cancel_started" } };
  const done = await inTransaction(db, async (trx) => {
    if (
      !(await markMeetingCancelled(
        meeting.id,
        { reason: input.reason, cancelledBy: actor.id },
        trx,
        now,
      ))
    )
      return false;
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "meeting_cancelled",
        subject: meeting.id,
        details: { boardId: meeting.boardId, day: meeting.meetingDay },
      },
      trx,
      now,
    );
    return true;
  });
  // Someone else cancelled it (or it started) between the check and the write.
  if (!done) return { ok: false, errors: { form: "meetings:errors.already_cancelled" } };
  const today = dateIn(getConfig().timeZone, now);
  await tellInvitees(meeting, await listInviteeIds(meeting.id, db), "cancelled", today, db);
  return { ok: true };
}

/**
 * An invitee confirms or declines (with a reason, required by the schema). Refused for a
 * cancelled meeting (`reply`: meeting_cancelled), once the meeting has started (`reply`:
 * too_late) or when `user` is not invited (`reply`: not_invited). Audited as
 * "meeting_reply_sent" with the answer, never the reason.
 */
export async function replyToMeeting(
  user: StaffUser,
  meeting: Pick<Meeting, "id" | "startsAt"> & { cancelledAt?: string | null },
  answer: { reply: Reply; reason: string },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true } | Invalid> {
  if (meeting.cancelledAt)
    return { ok: false, errors: { reply: "meetings:errors.meeting_cancelled" } };
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
 * the answers. Refused for a cancelled meeting (`form`: meeting_cancelled) and before the
 * meeting's day (`form`: attendance_too_early). Audited as "meeting_attendance_recorded" with
 * the number of people recorded.
 */
export async function recordAttendance(
  actor: StaffUser,
  meeting: Pick<Meeting, "id" | "meetingDay"> & { cancelledAt?: string | null },
  rows: { userId: string; status: Attendance }[],
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true; value: { recorded: number } } | Invalid> {
  if (meeting.cancelledAt)
    return { ok: false, errors: { form: "meetings:errors.meeting_cancelled" } };
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
    // Never an email to someone who allowed only phone or SMS.
    const meeting = await getMeeting(item.meetingId, db);
    if (meeting && (await listPhoneContacts(meeting.boardId, [item.userId], undefined, db)).length)
      continue;
    const { lang } = await getPreferences(item.userId, db);
    const outcome = await sendMeetingEmail(item.email, "reminder", lang, item.meetingId, db);
    if (outcome === "failed") logError("meeting reminder", new Error("the reminder was not sent"));
  }
  if (claimed.length > 0) logInfo("meeting reminders sent", { count: claimed.length });
  return claimed.length;
}

/**
 * Invites a guest to one meeting (Art. 5 c: NRM members, supporting organisations). A new
 * address gets a `guest` account and the neutral email with a 72-hour link to set a password
 * (app/auth/invitations.server.ts); an existing account is added as it is (given the `guest`
 * role when no role of theirs may see meetings). The guest signs the declaration like everyone
 * and then sees this meeting only. A guest whose access ended after an earlier meeting
 * (`endGuestAccess`) is enabled again, audited as "account_enabled" (reason
 * "guest_invited_again"), and one who never set a password gets a new link. Refused once the
 * meeting has started (`guestEmail`: guest_too_late), for someone already invited
 * (guest_already_invited), or for an account an admin disabled (guest_disabled).
 * Audited as "meeting_guest_invited" (the meeting, not the guest's name).
 */
export async function inviteGuest(
  actor: StaffUser,
  meeting: Pick<Meeting, "id" | "startsAt">,
  input: { guestName: string; guestEmail: string; guestLang: Lang },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true } | Invalid> {
  if (Date.parse(meeting.startsAt) <= now.getTime())
    return { ok: false, errors: { guestEmail: "meetings:errors.guest_too_late" } };
  const email = normalizeEmail(input.guestEmail);
  const found = await getUserCredentialsByEmail(email, db);
  // Disabled by an admin: only an admin enables it again (People page).
  if (found?.status === "disabled" && !(await wasDisabledAsGuest(email, db)))
    return { ok: false, errors: { guestEmail: "meetings:errors.guest_disabled" } };
  const outcome = await db.transaction().execute(async (trx) => {
    const existing = await getUserCredentialsByEmail(email, trx);
    const userId =
      existing?.id ??
      (await insertUser(
        { email, displayName: input.guestName, passwordHash: null, roles: ["guest"] },
        trx,
      ));
    // Already invited: nothing changes (before, their unused set-password link was replaced
    // first, and the only link they had stopped working).
    if (!(await insertGuestInvitation(meeting.id, userId, trx))) return null;
    let token: string | null = null;
    if (!existing) {
      token = await createInvitation(userId, actor.id, trx);
      // A new account's language and calendar choice; an existing account keeps its own.
      await savePreferences(userId, { lang: input.guestLang, calendarFile: false }, trx);
    } else {
      const roles = await getRoles(userId, trx);
      if (!can(roles, "meetings:view")) await replaceRoles(userId, [...roles, "guest"], trx);
      if (existing.status === "disabled") {
        // A guest whose access ended after an earlier meeting: invited again, they can sign in
        // again (or, never having chosen a password, get a new link to choose one).
        await setStatus(userId, existing.password_hash ? "active" : "invited", trx);
        await recordAudit(
          {
            actor: actorOf(actor),
            action: "account_enabled",
            subject: email,
            details: { reason: "guest_invited_again" },
          },
          trx,
          now,
        );
      }
      if (
        existing.status === "invited" ||
        (existing.status === "disabled" && !existing.password_hash)
      )
        token = await createInvitation(userId, actor.id, trx);
    }
    await recordAudit(
      { actor: actorOf(actor), action: "meeting_guest_invited", subject: meeting.id },
      trx,
      now,
    );
    return { token };
  });
  if (!outcome)
    return { ok: false, errors: { guestEmail: "meetings:errors.guest_already_invited" } };
  if (outcome.token) {
    const link = `${getConfig().publicUrl}${localePath(input.guestLang, `/staff/invitations/${outcome.token}`)}`;
    await sendNeutralEmail(email, "invitation", input.guestLang, db, link);
  } else await sendMeetingEmail(email, "invitation", input.guestLang, meeting.id, db);
  return { ok: true };
}

/**
 * How many days after their last meeting as a guest a guest account keeps working (to read the
 * meeting's page again): GUEST_ACCESS_DAYS (0-60), 7 by default.
 */
export function guestAccessDays(env: Record<string, string | undefined> = process.env): number {
  const days = Number(env.GUEST_ACCESS_DAYS ?? "7");
  return Number.isInteger(days) && days >= 0 && days <= 60 ? days : 7;
}

/**
 * Ends the access of guests (Art. 5 c) whose every meeting as a guest started more than
 * `days` days before `now`: a guest-only account is disabled and signed out everywhere (an
 * admin can enable it again on the People page, e.g. for a later invitation); an account
 * that also holds another role only loses the `guest` role. Each in its own transaction,
 * audited as "account_disabled" or "roles_changed" with no actor (the job) and the reason
 * "guest_meeting_over". Returns how many accounts were changed.
 */
export async function endGuestAccess(
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
  days = guestAccessDays(),
): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000).toISOString();
  const guests = await listGuestsToEnd(before, db);
  for (const guest of guests)
    await db.transaction().execute(async (trx) => {
      if (guest.otherRoles) {
        const roles = await getRoles(guest.userId, trx);
        const after = roles.filter((role) => role !== "guest");
        await replaceRoles(guest.userId, after, trx);
        await recordAudit(
          {
            actor: null,
            action: "roles_changed",
            subject: guest.email,
            details: { before: roles, after, reason: "guest_meeting_over" },
          },
          trx,
        );
        return;
      }
      await setStatus(guest.userId, "disabled", trx);
      await deleteAllSessions(guest.userId, trx);
      await recordAudit(
        {
          actor: null,
          action: "account_disabled",
          subject: guest.email,
          details: { reason: "guest_meeting_over" },
        },
        trx,
      );
    });
  if (guests.length > 0) logInfo("guest accounts ended", { count: guests.length });
  return guests.length;
}
