import { remindTermsEnding } from "./membership.server";
import { logError } from "../platform/logging.server";

/** Once a day: the reminder of terms ending within 60 days (membership.server.ts). */
export const TERM_REMINDER_INTERVAL_MS = 24 * 60 * 60 * 1000;
let timer: ReturnType<typeof setInterval> | undefined;

/**
 * Runs the term reminder at start and then daily while the server runs. Several instances may
 * each run it: the conditional update in remindTermsEnding marks each term once, so only the
 * instance that marked a term sends its reminder.
 */
export function startTermReminders(): void {
  if (timer) return;
  const run = () => {
    remindTermsEnding().catch((error: unknown) => logError("board term reminders", error));
  };
  run();
  timer = setInterval(run, TERM_REMINDER_INTERVAL_MS);
  timer.unref();
}

export function stopTermReminders(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}
