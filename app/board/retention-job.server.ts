import { deleteExpiredAccessAttempts, eraseExpiredApplications } from "./applications.server";
import { closeKeyStore, scrubKeyStore } from "./person-keys.server";
import { logError, logInfo } from "../platform/logging.server";

/**
 * The daily retention job of board applications (Law no. 124/2024): applications not selected
 * are erased BOARD_RETENTION_MONTHS (default 6) after the decision, keeping only the email of
 * those who chose to stay informed; spent access-attempt counters go too. It logs counts only.
 */
export const BOARD_RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;
let timer: ReturnType<typeof setInterval> | undefined;

/** Runs the job once; answers the counts it logged. */
export async function runBoardRetention(now = new Date()) {
  const applications = await eraseExpiredApplications(now);
  const attempts = await deleteExpiredAccessAttempts(now);
  // A key destroyed while another session held an old snapshot may still sit in the key
  // table's file: rewritten once a day (decision 047).
  await scrubKeyStore();
  logInfo("board retention", {
    applicationsErased: applications.erased,
    emailsKeptForNews: applications.keptForNews,
    accessCountersDeleted: attempts,
  });
  return { ...applications, accessCountersDeleted: attempts };
}

/** Runs the job now and then once a day while the server runs. */
export function startBoardRetention(): void {
  if (timer) return;
  const run = () => {
    runBoardRetention().catch((error: unknown) => logError("board retention", error));
  };
  run();
  timer = setInterval(run, BOARD_RETENTION_INTERVAL_MS);
  timer.unref();
}

export async function stopBoardRetention(): Promise<void> {
  if (timer) clearInterval(timer);
  timer = undefined;
  await closeKeyStore();
}
