import { logError } from "./logging.server";
import { closeIdentityDb, getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { deleteExpiredAuditEvents } from "../auth/audit.server";
import { deleteExpiredKeptInputs } from "../auth/kept-input.server";
import { deleteExpiredPasswordResets } from "../auth/password-resets.server";
import { deleteExpiredSessions } from "../auth/sessions.server";
import { deleteExpiredChallenges } from "../auth/sign-in-challenges.server";

export async function prepareIdentityStore(): Promise<string[]> {
  return migrateIdentityStore();
}

/** How often expired kept input, reset links and sessions are deleted. */
export const IDENTITY_CLEANUP_INTERVAL_MS = 5 * 60 * 1000;
let cleanupTimer: ReturnType<typeof setInterval> | undefined;

/**
 * Deletes what has outlived its purpose: kept input past its 30 minutes, password-reset links
 * past their hour, sessions past either timeout, unfinished second sign-in steps and audit
 * entries older than AUDIT_RETENTION_MONTHS (24). Returns the counts deleted.
 */
export async function cleanUpIdentityStore(now = new Date(), db = getIdentityDb()) {
  return {
    keptInputs: await deleteExpiredKeptInputs(now, db),
    passwordResets: await deleteExpiredPasswordResets(now, db),
    sessions: await deleteExpiredSessions(now, db),
    signInChallenges: await deleteExpiredChallenges(now, db),
    auditEvents: await deleteExpiredAuditEvents(now, db),
  };
}

/** Runs the clean-up now and then every five minutes while the server runs. */
export function startIdentityCleanup(): void {
  if (cleanupTimer) return;
  const run = () => {
    cleanUpIdentityStore().catch((error: unknown) => logError("identity clean-up", error));
  };
  run();
  cleanupTimer = setInterval(run, IDENTITY_CLEANUP_INTERVAL_MS);
  cleanupTimer.unref();
}

export async function shutDownIdentityStore(): Promise<void> {
  if (cleanupTimer) clearInterval(cleanupTimer);
  cleanupTimer = undefined;
  await closeIdentityDb();
}
