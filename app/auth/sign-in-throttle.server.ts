import { hmac } from "./tokens.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { forUpdate } from "../../db/open-store";
import { getConfig } from "../platform/config.server";

/**
 * Slows and then refuses repeated failed sign-ins for an email address. State lives in the
 * identity store so a restart does not reset it. Keyed by a keyed hash of the typed address,
 * known or not, so the lockout itself reveals nothing about which addresses have accounts.
 *
 * Policy: after 5 failures each further attempt waits 1 s, 2 s, 4 s before it is checked; the
 * 8th failure refuses every attempt (even with the right password) for 15 minutes. Failures
 * older than 15 minutes are forgotten.
 */
export const FAILURES_BEFORE_SLOWDOWN = 5;
export const FAILURES_BEFORE_LOCK = 8;
export const LOCK_DURATION_MS = 15 * 60 * 1000;
const FAILURE_MEMORY_MS = 15 * 60 * 1000;
const EPOCH = new Date(0).toISOString();

export type ThrottleRow = {
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
};
export type ThrottleDecision =
  { kind: "allowed"; delayMs: number } | { kind: "locked"; until: Date };

export function decideThrottle(row: ThrottleRow | undefined, now: Date): ThrottleDecision {
  if (!row) return { kind: "allowed", delayMs: 0 };
  if (row.locked_until && Date.parse(row.locked_until) > now.getTime()) {
    return { kind: "locked", until: new Date(row.locked_until) };
  }
  const failures = currentFailures(row, now);
  if (failures < FAILURES_BEFORE_SLOWDOWN) return { kind: "allowed", delayMs: 0 };
  return { kind: "allowed", delayMs: 1000 * 2 ** (failures - FAILURES_BEFORE_SLOWDOWN) };
}

export function afterFailure(row: ThrottleRow | undefined, now: Date): ThrottleRow {
  const failures = (row ? currentFailures(row, now) : 0) + 1;
  return {
    failures,
    last_failure_at: now.toISOString(),
    locked_until:
      failures >= FAILURES_BEFORE_LOCK
        ? new Date(now.getTime() + LOCK_DURATION_MS).toISOString()
        : null,
  };
}

function currentFailures(row: ThrottleRow, now: Date): number {
  const lockExpired = row.locked_until !== null && Date.parse(row.locked_until) <= now.getTime();
  const stale = now.getTime() - Date.parse(row.last_failure_at) >= FAILURE_MEMORY_MS;
  return lockExpired || stale ? 0 : row.failures;
}

export function emailThrottleKey(email: string): string {
  return hmac(getConfig().sessionSecret, `sign-in-throttle|${email.trim().toLowerCase()}`);
}

export async function getThrottle(emailKey: string, db: IdentityDb = getIdentityDb()) {
  return db
    .selectFrom("sign_in_throttle")
    .select(["failures", "last_failure_at", "locked_until"])
    .where("email_key", "=", emailKey)
    .executeTakeFirst();
}

export async function recordFailedSignIn(
  emailKey: string,
  now: Date,
  db: IdentityDb = getIdentityDb(),
): Promise<ThrottleRow> {
  return db.transaction().execute(async (trx) => {
    // Make sure the row exists, then hold it: attempts sent in parallel (several instances,
    // PostgreSQL) each count, none overwrites another's failure.
    await trx
      .insertInto("sign_in_throttle")
      .values({ email_key: emailKey, failures: 0, last_failure_at: EPOCH, locked_until: null })
      .onConflict((oc) => oc.column("email_key").doNothing())
      .execute();
    const current = await forUpdate(
      trx,
      trx
        .selectFrom("sign_in_throttle")
        .select(["failures", "last_failure_at", "locked_until"])
        .where("email_key", "=", emailKey),
    ).executeTakeFirst();
    const next = afterFailure(current, now);
    await trx
      .insertInto("sign_in_throttle")
      .values({ email_key: emailKey, ...next })
      .onConflict((oc) => oc.column("email_key").doUpdateSet(next))
      .execute();
    return next;
  });
}

export async function clearThrottle(
  emailKey: string,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await db.deleteFrom("sign_in_throttle").where("email_key", "=", emailKey).execute();
}
