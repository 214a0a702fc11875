import { recordAudit, type AuditActor } from "./audit.server";
import {
  countUnusedRecoveryCodes,
  generateRecoveryCodes,
  replaceRecoveryCodes,
  useRecoveryCode,
} from "./recovery-codes.server";
import { createSession, deleteAllSessions } from "./sessions.server";
import { deleteChallenge, type SignInChallenge } from "./sign-in-challenges.server";
import {
  activatePendingTotpSecret,
  claimTotpStep,
  deleteTwoFactor,
  getPendingTotpSecret,
  getTotpSecret,
  hasTwoFactor,
  matchTotpStep,
} from "./totp.server";
import { readTypedCode, twoFactorRequired } from "./two-factor";
import {
  clearTwoFactorThrottle,
  getTwoFactorThrottle,
  recordWrongCode,
  TWO_FACTOR_FAILURES_BEFORE_LOCK,
  twoFactorLockedUntil,
} from "./two-factor-throttle.server";
import { getUserById, type StaffUser } from "./users.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

/** Why a code was refused; each has its own message (auth:errors.code_*). */
export type CodeRefusal = "invalid" | "wrong" | "used" | "locked" | "expired";

const actorOf = (user: Pick<StaffUser, "id" | "email">): AuditActor => ({
  id: user.id,
  email: user.email,
});

type CheckedCode =
  | { ok: true; method: "totp" | "recovery_code"; step?: number }
  | { ok: false; reason: CodeRefusal };

/**
 * The throttled check shared by every place a code is typed. Refuses while the account is
 * locked; counts the attempt before checking it (a right code clears the count), so attempts
 * sent in parallel cannot get around the limit; a code from the app is accepted once per
 * 30-second step (replay refused); a recovery code once at all (`allowRecovery`).
 */
async function checkCode(
  user: Pick<StaffUser, "id" | "email">,
  typed: string,
  secret: string | null,
  options: { allowRecovery: boolean; now: Date; db: IdentityDb },
): Promise<CheckedCode> {
  const { now, db } = options;
  const code = readTypedCode(typed);
  if (code.kind === "invalid" || (code.kind === "recovery" && !options.allowRecovery)) {
    return { ok: false, reason: "invalid" };
  }
  if (twoFactorLockedUntil(await getTwoFactorThrottle(user.id, db), now)) {
    await recordAudit({ actor: null, action: "two_factor_locked", subject: user.email }, db, now);
    return { ok: false, reason: "locked" };
  }
  const throttle = await recordWrongCode(user.id, now, db);
  if (throttle.failures > TWO_FACTOR_FAILURES_BEFORE_LOCK) {
    await recordAudit({ actor: null, action: "two_factor_locked", subject: user.email }, db, now);
    return { ok: false, reason: "locked" };
  }
  const refuse = async (reason: "wrong" | "used"): Promise<CheckedCode> => {
    await recordAudit(
      {
        actor: null,
        action: "two_factor_failed",
        subject: user.email,
        details: { failures: throttle.failures, ...(reason === "used" ? { replay: true } : {}) },
      },
      db,
      now,
    );
    return { ok: false, reason: throttle.locked_until ? "locked" : reason };
  };

  if (code.kind === "totp") {
    const step = secret ? matchTotpStep(secret, code.code, now) : null;
    if (step === null) return refuse("wrong");
    if (!(await claimTotpStep(user.id, step, db))) return refuse("used");
    await clearTwoFactorThrottle(user.id, db);
    return { ok: true, method: "totp", step };
  }
  if (!(await useRecoveryCode(user.id, code.code, now, db))) return refuse("wrong");
  await clearTwoFactorThrottle(user.id, db);
  return { ok: true, method: "recovery_code" };
}

export type SecondStepResult =
  | { ok: true; token: string; user: StaffUser; remainingRecoveryCodes: number | null }
  | { ok: false; reason: CodeRefusal };

/**
 * The second step of sign-in: a code from the app or a recovery code. On success the
 * challenge ends and a session is created (only now: decision 020); sign-in is audited with
 * the method used, and a used recovery code with how many are left.
 */
export async function completeSignInWithCode(
  challenge: SignInChallenge,
  typed: string,
  options: { now?: Date; db?: IdentityDb } = {},
): Promise<SecondStepResult> {
  const db = options.db ?? getIdentityDb();
  const now = options.now ?? new Date();
  const user = await getUserById(challenge.user_id, db);
  if (!user || user.status !== "active" || challenge.stage !== "code") {
    return { ok: false, reason: "expired" };
  }
  const secret = await getTotpSecret(user.id, db);
  if (!secret) return { ok: false, reason: "expired" };
  const checked = await checkCode(user, typed, secret, { allowRecovery: true, now, db });
  if (!checked.ok) return checked;
  return db.transaction().execute(async (trx) => {
    if (!(await deleteChallenge(challenge.id_hash, trx))) {
      return { ok: false as const, reason: "expired" as const };
    }
    const { token } = await createSession(user.id, now, trx);
    await recordAudit(
      { actor: actorOf(user), action: "sign_in", details: { secondStep: checked.method } },
      trx,
      now,
    );
    let remaining: number | null = null;
    if (checked.method === "recovery_code") {
      remaining = await countUnusedRecoveryCodes(user.id, trx);
      await recordAudit(
        {
          actor: actorOf(user),
          action: "recovery_code_used",
          subject: user.email,
          details: { remaining },
        },
        trx,
        now,
      );
    }
    return { ok: true as const, token, user, remainingRecoveryCodes: remaining };
  });
}

export type EnrolResult =
  { ok: true; recoveryCodes: string[] } | { ok: false; reason: CodeRefusal };

/**
 * Turns two-step sign-in on (or moves it to a new device): the code typed must come from the
 * secret being set up. Then, in one transaction, that secret replaces any earlier one, ten new
 * recovery codes replace the old ones and it is audited. The codes are returned to be shown
 * once; only their hashes are kept.
 */
export async function confirmTotpEnrolment(
  user: Pick<StaffUser, "id" | "email">,
  typed: string,
  options: { now?: Date; db?: IdentityDb; inTransaction?: (trx: IdentityDb) => Promise<void> } = {},
): Promise<EnrolResult> {
  const db = options.db ?? getIdentityDb();
  const now = options.now ?? new Date();
  const secret = await getPendingTotpSecret(user.id, now, db);
  if (!secret) return { ok: false, reason: "expired" };
  if (readTypedCode(typed).kind !== "totp") return { ok: false, reason: "invalid" };
  const checked = await checkCode(user, typed, secret, { allowRecovery: false, now, db });
  if (!checked.ok) return checked;
  const codes = generateRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await activatePendingTotpSecret(user.id, secret, now, trx);
    await replaceRecoveryCodes(user.id, codes, now, trx);
    await recordAudit(
      { actor: actorOf(user), action: "two_factor_enabled", subject: user.email },
      trx,
      now,
    );
    await options.inTransaction?.(trx);
  });
  return { ok: true, recoveryCodes: codes };
}

/**
 * Enrolment during sign-in (a required role without two-step sign-in yet): confirms the code
 * and, in the same transaction, ends the challenge and creates the session.
 */
export async function completeSignInWithEnrolment(
  challenge: SignInChallenge,
  typed: string,
  options: { now?: Date; db?: IdentityDb } = {},
): Promise<
  | { ok: true; token: string; user: StaffUser; recoveryCodes: string[] }
  | { ok: false; reason: CodeRefusal }
> {
  const db = options.db ?? getIdentityDb();
  const now = options.now ?? new Date();
  const user = await getUserById(challenge.user_id, db);
  if (!user || user.status !== "active" || challenge.stage !== "enrol") {
    return { ok: false, reason: "expired" };
  }
  let token = "";
  const result = await confirmTotpEnrolment(user, typed, {
    now,
    db,
    inTransaction: async (trx) => {
      if (!(await deleteChallenge(challenge.id_hash, trx))) throw new ChallengeGone();
      token = (await createSession(user.id, now, trx)).token;
      await recordAudit(
        { actor: actorOf(user), action: "sign_in", details: { secondStep: "enrolment" } },
        trx,
        now,
      );
    },
  }).catch((error: unknown) => {
    if (error instanceof ChallengeGone) return { ok: false as const, reason: "expired" as const };
    throw error;
  });
  return result.ok ? { ok: true, token, user, recoveryCodes: result.recoveryCodes } : result;
}

class ChallengeGone extends Error {}

/** New recovery codes for a person who has two-step sign-in on; the old ones stop working. */
export async function renewRecoveryCodes(
  user: StaffUser,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<string[] | null> {
  if (!(await hasTwoFactor(user.id, db))) return null;
  const codes = generateRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await replaceRecoveryCodes(user.id, codes, now, trx);
    await recordAudit(
      { actor: actorOf(user), action: "recovery_codes_renewed", subject: user.email },
      trx,
      now,
    );
  });
  return codes;
}

/**
 * A person turns two-step sign-in off for themselves. Refused (false) when one of their roles
 * requires it.
 */
export async function turnOffTwoFactor(
  user: StaffUser,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  if (twoFactorRequired(user.roles)) return false;
  await db.transaction().execute(async (trx) => {
    await deleteTwoFactor(user.id, trx);
    await recordAudit(
      { actor: actorOf(user), action: "two_factor_disabled", subject: user.email },
      trx,
    );
  });
  return true;
}

/**
 * An admin removes someone's two-step sign-in (a lost phone and no recovery codes): the secret,
 * recovery codes and sessions go, and it is audited. A person with a required role sets it up
 * again at their next sign-in. An admin cannot reset their own (the account page is for that).
 */
export async function resetTwoFactor(
  actor: StaffUser,
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
  const target = await getUserById(userId, db);
  if (!target || target.status === "invited") {
    return { ok: false, errors: { userId: "auth:errors.user_unknown" } };
  }
  if (target.id === actor.id) {
    return { ok: false, errors: { userId: "auth:errors.cannot_reset_own_two_factor" } };
  }
  await db.transaction().execute(async (trx) => {
    await deleteTwoFactor(target.id, trx);
    await deleteAllSessions(target.id, trx);
    await recordAudit(
      { actor: actorOf(actor), action: "two_factor_reset", subject: target.email },
      trx,
    );
  });
  return { ok: true };
}
