import { getConfig } from "./config.server";
import { seedDemoIfEmpty } from "./demo-seed.server";
import {
  prepareIdentityStore,
  shutDownIdentityStore,
  startIdentityCleanup,
} from "./identity-lifecycle.server";
import { logInfo, logWarning } from "./logging.server";
import { prepareResponseStore, shutDownResponseStore } from "./response-lifecycle.server";
import { sealMemberAccounts } from "../auth/account-keys.server";
import { moveMembersToOwnKeys } from "../board/member-data-keys.server";
import { startTermReminders, stopTermReminders } from "../board/membership-jobs.server";
import { closeKeyStore } from "../board/person-keys.server";
import { startBoardRetention, stopBoardRetention } from "../board/retention-job.server";
import { moveStayInformedToOwnKeys } from "../board/stay-informed.server";
import { startMeetingReminders, stopMeetingReminders } from "../meetings/meetings-jobs.server";

/**
 * Runs before the server accepts requests: configuration, both migrations, the demo seed, and
 * (unless `runJobs` is false: BACKGROUND_JOBS=false, `backgroundJobsEnabled`) the timed jobs:
 * clean-up, term and meeting reminders, retention.
 */
export async function startApplication(options: {
  seedDemo: boolean;
  runJobs?: boolean;
}): Promise<void> {
  const config = getConfig();
  if (config.identityDatabaseUrl && !config.keysDatabaseUrl)
    // Allowed (every instance on one machine, one DATA_DIR), but instances on several machines
    // would each keep keys of their own: README "PostgreSQL", docs/decisions/047.
    logWarning(
      "the board's person keys are in DATA_DIR/person-keys.sqlite: every instance must share this DATA_DIR; for instances on several machines set DATABASE_URL_KEYS",
    );
  const identity = await prepareIdentityStore();
  const responses = await prepareResponseStore();
  if (identity.length + responses.length > 0) {
    logInfo("migrations applied", { identity: identity.length, responses: responses.length });
  }
  // Board members' fields written under DATA_KEY move under their own keys (decision 035).
  await moveMembersToOwnKeys();
  // Their accounts' emails, names, signed names and reasons under keys of their own (046).
  await sealMemberAccounts();
  // So are addresses kept to stay informed (decision 043).
  await moveStayInformedToOwnKeys();
  if (options.seedDemo) await seedDemoIfEmpty(config.publicUrl);
  if (options.runJobs === false) return;
  startIdentityCleanup();
  startTermReminders();
  startBoardRetention();
  startMeetingReminders();
}

/**
 * Whether this instance runs the timed jobs: yes unless BACKGROUND_JOBS is "false" (an extra
 * instance that should not send reminders, e.g. the browser tests' second instance that
 * sends mail to a test SMTP server; any other value, or none, runs them).
 */
export function backgroundJobsEnabled(env: Record<string, string | undefined> = process.env) {
  return env.BACKGROUND_JOBS !== "false";
}

export async function stopApplication(): Promise<void> {
  stopTermReminders();
  stopMeetingReminders();
  await stopBoardRetention();
  await Promise.allSettled([shutDownIdentityStore(), shutDownResponseStore(), closeKeyStore()]);
}

export async function migrateAll(): Promise<{ identity: string[]; responses: string[] }> {
  getConfig();
  return { identity: await prepareIdentityStore(), responses: await prepareResponseStore() };
}
