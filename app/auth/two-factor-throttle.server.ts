import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { forUpdate } from "../../db/open-store";

/**
 * Wrong second-step codes per account, in the identity store so every instance and a restart
 * see the same count (the style of sign-in-throttle.server.ts). Keyed by the account: the
 * password was already right, so there is nothing left to hide about whether it exists.
 *
 * Policy: the 5th wrong code (app or recovery) within 15 minutes refuses every code, even a
 * right one, for 15 minutes. A right code clears the count. With 3 codes valid at a time,
 * guessing succeeds with odds of about 1 in 67,000 per 15 minutes.
 */
export const TWO_FACTOR_FAILURES_BEFORE_LOCK = 5;
export const TWO_FACTOR_LOCK_MS = 15 * 60 * 1000;
const FAILURE_MEMORY_MS = 15 * 60 * 1000;
const EPOCH = new Date(0).toISOString();

export type TwoFactorThrottleRow = {
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
};

/** Locked until a moment, or allowed. */
export function twoFactorLockedUntil(
  row: TwoFactorThrottleRow | undefined,
  now: Date,
): Date | null {
  if (row?.locked_until && Date.parse(row.locked_until) > now.getTime()) {
    return new Date(row.locked_until);
  }
  return null;
}

/** The row after one more wrong code at `now`. */
export function afterWrongCode(
  row: TwoFactorThrottleRow | undefined,
  now: Date,
): TwoFactorThrottleRow {
  const lockExpired = row?.locked_until != null && Date.parse(row.locked_until) <= now.getTime();
  const stale = !row || now.getTime() - Date.parse(row.last_failure_at) >= FAILURE_MEMORY_MS;
  const failures = (lockExpired || stale ? 0 : row.failures) + 1;
  return {
    failures,
    last_failure_at: now.toISOString(),
    locked_until:
      failures >= TWO_FACTOR_FAILURES_BEFORE_LOCK
        ? new Date(now.getTime() + TWO_FACTOR_LOCK_MS).toISOString()
        : null,
  };
}

export async function getTwoFactorThrottle(userId: string, db: IdentityDb = getIdentityDb()) {
  return db
    .selectFrom("two_factor_throttle")
    .select(["failures", "last_failure_at", "locked_until"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/**
 * Counts a wrong code, holding the row so attempts sent at once on several instances each
 * count. Returns the new row.
 */
export async function recordWrongCode(
  userId: string,
  now: Date,
  db: IdentityDb = getIdentityDb(),
): Promise<TwoFactorThrottleRow> {
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("two_factor_throttle")
      .values({ user_id: userId, failures: 0, last_failure_at: EPOCH, locked_until: null })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .execute();
    const current = await forUpdate(
      trx,
      trx
        .selectFrom("two_factor_throttle")
        .select(["failures", "last_failure_at", "locked_until"])
        .where("user_id", "=", userId),
    ).executeTakeFirst();
    const next = afterWrongCode(current, now);
    await trx.updateTable("two_factor_throttle").set(next).where("user_id", "=", userId).execute();
    return next;
  });
}

export async function clearTwoFactorThrottle(
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await db.deleteFrom("two_factor_throttle").where("user_id", "=", userId).execute();
}
