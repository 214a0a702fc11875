import { remindActionItemOwners } from "./action-items.commands.server";
import { endGuestAccess, remindUnanswered } from "./meetings.commands.server";
import { logError } from "../platform/logging.server";

/**
 * Every hour: reminders to invitees who have not answered (meetings.commands.server.ts) and to
 * owners of tasks due soon or overdue (action-items.commands.server.ts); and the end of guest
 * accounts some days after their meeting (endGuestAccess).
 */
export const MEETING_REMINDER_INTERVAL_MS = 60 * 60 * 1000;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Runs the meeting reminders at start and then hourly while the server runs. Several instances
 * may each run it: the conditional update in claimReminders marks each invitation once, so
 * only the instance that marked it sends the reminder.
 */
export function startMeetingReminders(): void {
  if (timer) return;
  const run = () => {
    remindUnanswered().catch((error: unknown) => logError("meeting reminders", error));
    remindActionItemOwners().catch((error: unknown) => logError("task reminders", error));
    endGuestAccess().catch((error: unknown) => logError("guest accounts", error));
  };
  run();
  timer = setInterval(run, MEETING_REMINDER_INTERVAL_MS);
  timer.unref();
}

export function stopMeetingReminders(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
