import type { ActionItemChange, AssignActionItemInput } from "./action-items.schemas";
import {
  claimActionItemReminders,
  getActionItem,
  insertActionItem,
  listOwnerCandidates,
  updateActionItem,
} from "./action-items.server";
import { sendMeetingEmail } from "./meetings-mail.server";
import { getPreferences, listPhoneContacts, type Meeting } from "./meetings.server";
import { getActingChairId } from "./minutes.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { inTransaction } from "../../db/transaction";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";
import { isChairOf } from "../board/membership.server";
import { dateIn } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";
import { logError, logInfo } from "../platform/logging.server";

type Invalid = { ok: false; errors: Record<string, string> };
const actorOf = (user: Pick<StaffUser, "id" | "email">) => ({ id: user.id, email: user.email });

/**
 * True when `user` may assign and manage the tasks of meeting `meetingId` of board `boardId`:
 * the secretariat, the board's chair today, or the acting chair the members chose for that
 * meeting when the chair was absent (Art. 10: the one who chairs it gives its tasks).
 */
async function managesTasksOf(
  user: StaffUser,
  meeting: { boardId: string; meetingId: string },
  today: string,
  db: IdentityDb,
) {
  return (
    user.roles.includes("secretariat") ||
    (await isChairOf(user.id, meeting.boardId, today, db)) ||
    (await getActingChairId(meeting.meetingId, db)) === user.id
  );
}

/**
 * Assigns a task at the end of a meeting (Art. 12 e): the chair (or the acting chair chosen
 * for that meeting) or the secretariat, from the
 * meeting's day on. Refused, writing nothing: someone else (`form`: action_not_allowed);
 * before the meeting's day (`form`: action_too_early); an agenda item not of this meeting
 * (`agendaItemId`); an owner who is neither a current member of the board nor a secretariat
 * account (`ownerId`); a due date before today (`dueOn`: action_due_past). The owner learns of
 * it on their "My tasks" page. Audited as "action_item_assigned" (the item and meeting, not
 * the task's text).
 */
export async function assignActionItem(
  actor: StaffUser,
  meeting: Pick<Meeting, "id" | "boardId" | "meetingDay" | "agenda">,
  input: AssignActionItemInput,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true; value: { itemId: string } } | Invalid> {
  const today = dateIn(getConfig().timeZone, now);
  if (
    !(await managesTasksOf(actor, { boardId: meeting.boardId, meetingId: meeting.id }, today, db))
  )
    return { ok: false, errors: { form: "meetings:errors.action_not_allowed" } };
  if (today < meeting.meetingDay)
    return { ok: false, errors: { form: "meetings:errors.action_too_early" } };
  const errors: Record<string, string> = {};
  if (!meeting.agenda.some((item) => item.id === input.agendaItemId))
    errors.agendaItemId = "meetings:errors.action_agenda_item_required";
  const owners = await listOwnerCandidates(meeting.boardId, today, db);
  if (!owners.some((owner) => owner.userId === input.ownerId))
    errors.ownerId = "meetings:errors.action_owner_required";
  if (input.dueOn < today) errors.dueOn = "meetings:errors.action_due_past";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const itemId = await inTransaction(db, async (trx) => {
    const id = await insertActionItem(
      { meetingId: meeting.id, ...input, createdBy: actor.id },
      trx,
      now,
    );
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "action_item_assigned",
        subject: id,
        details: { meetingId: meeting.id, dueOn: input.dueOn },
      },
      trx,
      now,
    );
    return id;
  });
  return { ok: true, value: { itemId } };
}

/**
 * Changes one action item. Its owner may mark it done or open again, or decline it without a
 * reason (Art. 15: taking part is voluntary), which leaves it without owner for the chair to
 * give to someone else. The chair of its board (or the meeting's acting chair) and the secretariat may also drop or reopen it
 * and give it to a new owner (a current member or a secretariat account). Anyone else, or an
 * unknown item, or (with `meetingId`) a task of another meeting, is refused (`form`:
 * action_not_allowed) and nothing is written. Audited as
 * "action_item_declined" (no reason exists to record) or "action_item_updated" with the change.
 */
export async function changeActionItem(
  user: StaffUser,
  change: ActionItemChange,
  meetingId: string | null = null,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true; value: { meetingId: string } } | Invalid> {
  const refused: Invalid = { ok: false, errors: { form: "meetings:errors.action_not_allowed" } };
  const item = await getActionItem(change.itemId, db);
  if (!item || (meetingId !== null && item.meetingId !== meetingId)) return refused;
  const today = dateIn(getConfig().timeZone, now);
  const isOwner = item.ownerId === user.id;
  const manages = await managesTasksOf(user, item, today, db);
  if (change.change === "decline") {
    if (!isOwner || item.status !== "open") return refused;
    await inTransaction(db, async (trx) => {
      await updateActionItem(item.id, { declined: true }, trx, now);
      await recordAudit(
        { actor: actorOf(user), action: "action_item_declined", subject: item.id },
        trx,
        now,
      );
    });
    return { ok: true, value: { meetingId: item.meetingId } };
  }
  if (change.change === "owner") {
    if (!manages) return refused;
    const owners = await listOwnerCandidates(item.boardId, today, db);
    if (!owners.some((owner) => owner.userId === change.ownerId))
      return { ok: false, errors: { ownerId: "meetings:errors.action_owner_required" } };
  } else {
    // The owner moves their task between open and done; dropping is the chair's decision.
    const ownerMay = isOwner && change.status !== "dropped" && item.status !== "dropped";
    if (!manages && !ownerMay) return refused;
  }
  await inTransaction(db, async (trx) => {
    await updateActionItem(
      item.id,
      change.change === "owner" ? { ownerId: change.ownerId } : { status: change.status },
      trx,
      now,
    );
    await recordAudit(
      {
        actor: actorOf(user),
        action: "action_item_updated",
        subject: item.id,
        details: change.change === "owner" ? { change: "owner" } : { status: change.status },
      },
      trx,
      now,
    );
  });
  return { ok: true, value: { meetingId: item.meetingId } };
}

/**
 * How many days before its due date an owner gets the "due soon" reminder:
 * ACTION_ITEM_REMINDER_DAYS (1-60), 3 by default.
 */
export function actionItemReminderDays(
  env: Record<string, string | undefined> = process.env,
): number {
  const days = Number(env.ACTION_ITEM_REMINDER_DAYS ?? "3");
  return Number.isInteger(days) && days >= 1 && days <= 60 ? days : 3;
}

/**
 * Sends each owner of an open task the neutral reminder when the due date is within
 * `actionItemReminderDays()` days, and another once it has passed; each at most once per task
 * (and again after the task is given to someone else); none by email to a member who allowed
 * only phone or SMS. The email names no task, board or date, only a link to "My tasks". Returns how many were sent or queued.
 */
export async function remindActionItemOwners(
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
  days = actionItemReminderDays(),
): Promise<number> {
  const claimed = await claimActionItemReminders(days, dateIn(getConfig().timeZone, now), db, now);
  for (const item of claimed) {
    // Never an email to someone who allowed only phone or SMS.
    const task = await getActionItem(item.itemId, db);
    if (task && (await listPhoneContacts(task.boardId, [item.userId], undefined, db)).length)
      continue;
    const { lang } = await getPreferences(item.userId, db);
    const kind = item.kind === "due" ? "task_due" : "task_overdue";
    const outcome = await sendMeetingEmail(item.email, kind, lang, null, db);
    if (outcome === "failed") logError("task reminder", new Error("the reminder was not sent"));
  }
  if (claimed.length > 0) logInfo("task reminders sent", { count: claimed.length });
  return claimed.length;
}
