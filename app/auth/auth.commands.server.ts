import { recordAudit, type AuditActor } from "./audit.server";
import {
  createInvitation,
  findInvitation,
  invitationState,
  markInvitationUsed,
  type InvitationState,
} from "./invitations.server";
import { checkPasswordPolicy } from "./password-policy.server";
import {
  countRecentPasswordResets,
  createPasswordReset,
  findPasswordReset,
  markPasswordResetUsed,
  passwordResetState,
  PASSWORD_RESETS_PER_HOUR,
  type PasswordResetState,
} from "./password-resets.server";
import {
  hashPassword,
  passwordNeedsRehash,
  verifyAgainstDummy,
  verifyPassword,
} from "./password.server";
import type { Role } from "./permissions";
import { createSession, deleteAllSessions, deleteOtherSessions } from "./sessions.server";
import { createChallenge } from "./sign-in-challenges.server";
import {
  clearThrottle,
  decideThrottle,
  FAILURES_BEFORE_LOCK,
  emailThrottleKey,
  getThrottle,
  recordFailedSignIn,
} from "./sign-in-throttle.server";
import { hasTwoFactor } from "./totp.server";
import { twoFactorRequired } from "./two-factor";
import {
  getRoles,
  getUserById,
  getUserCredentialsByEmail,
  insertUser,
  normalizeEmail,
  replaceRoles,
  setPasswordHash,
  setStatus,
  type StaffUser,
} from "./users.server";
import { isUniqueConstraintError } from "../../db/errors";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { getFixedT } from "../i18n/i18n";
import { localePath, type Lang } from "../i18n/lang";
import { getConfig } from "../platform/config.server";
import { sendEmail } from "../platform/email.server";
import { logError } from "../platform/logging.server";
import type { FieldErrors } from "../ui/parse-form";

type Ok<T> = { ok: true; value: T };
type Invalid = { ok: false; errors: FieldErrors };
const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
const invalid = (errors: FieldErrors): Invalid => ({ ok: false, errors });

function actorOf(user: Pick<StaffUser, "id" | "email">): AuditActor {
  return { id: user.id, email: user.email };
}

export function passwordPolicyError(password: string, email?: string): string | null {
  const problem = checkPasswordPolicy(password, { email });
  return problem ? `auth:errors.password_${problem}` : null;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type SignInResult =
  | { ok: true; next: "session"; token: string; userId: string }
  | { ok: true; next: "code" | "enrol"; challengeToken: string; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date };

/**
 * Checks a sign-in. An unknown email and a wrong password get the same answer and take the
 * same time; repeated failures for an address are slowed and then refused for 15 minutes.
 * A right password creates a session only for a person without two-step sign-in whose roles
 * do not require it; otherwise it starts a second step (a challenge, decision 020): "code"
 * when two-step sign-in is on, "enrol" when a required role has none yet.
 */
export async function signIn(
  input: { email: string; password: string; redirectTo?: string; kept?: string | null },
  options: { now?: Date; wait?: (ms: number) => Promise<void>; db?: IdentityDb } = {},
): Promise<SignInResult> {
  const db = options.db ?? getIdentityDb();
  const now = options.now ?? new Date();
  const emailKey = emailThrottleKey(input.email);
  const account = await getUserCredentialsByEmail(input.email, db);
  const subject = account?.email ?? null;

  const decision = decideThrottle(await getThrottle(emailKey, db), now);
  if (decision.kind === "locked") {
    await recordAudit({ actor: null, action: "sign_in_locked", subject }, db, now);
    return { ok: false, reason: "locked", until: decision.until };
  }
  // Count the attempt as a failure before checking it (a success clears it), so attempts sent
  // in parallel cannot all be checked: past the limit they are refused unchecked.
  const throttle = await recordFailedSignIn(emailKey, now, db);
  if (throttle.failures > FAILURES_BEFORE_LOCK) {
    await recordAudit({ actor: null, action: "sign_in_locked", subject }, db, now);
    return { ok: false, reason: "locked", until: new Date(throttle.locked_until ?? now) };
  }
  if (decision.delayMs > 0) await (options.wait ?? sleep)(decision.delayMs);

  const usable = account?.password_hash && account.status === "active" ? account : null;
  const passwordMatches = usable?.password_hash
    ? await verifyPassword(usable.password_hash, input.password)
    : await verifyAgainstDummy(input.password);

  if (!usable || !passwordMatches) {
    await recordAudit(
      { actor: null, action: "sign_in_failed", subject, details: { failures: throttle.failures } },
      db,
      now,
    );
    if (throttle.locked_until) {
      return { ok: false, reason: "locked", until: new Date(throttle.locked_until) };
    }
    return { ok: false, reason: "invalid" };
  }

  if (usable.password_hash && passwordNeedsRehash(usable.password_hash)) {
    await setPasswordHash(usable.id, await hashPassword(input.password), db, now);
  }
  await clearThrottle(emailKey, db);
  const stage = (await hasTwoFactor(usable.id, db))
    ? "code"
    : twoFactorRequired(await getRoles(usable.id, db))
      ? "enrol"
      : null;
  if (stage) {
    const challengeToken = await createChallenge(
      {
        userId: usable.id,
        stage,
        redirectTo: input.redirectTo ?? "/staff",
        kept: input.kept ?? null,
      },
      now,
      db,
    );
    return { ok: true, next: stage, challengeToken, userId: usable.id };
  }
  const { token } = await createSession(usable.id, now, db);
  await recordAudit({ actor: actorOf(usable), action: "sign_in" }, db, now);
  return { ok: true, next: "session", token, userId: usable.id };
}

export async function recordSignOut(user: StaffUser, db: IdentityDb = getIdentityDb()) {
  await recordAudit({ actor: actorOf(user), action: "sign_out" }, db);
}

/** Changes the signed-in person's password and signs out their other sessions. */
export async function changePassword(
  user: StaffUser,
  sessionIdHash: string,
  input: { currentPassword: string; password: string },
  db: IdentityDb = getIdentityDb(),
): Promise<Ok<null> | Invalid> {
  const account = await getUserCredentialsByEmail(user.email, db);
  if (
    !account?.password_hash ||
    !(await verifyPassword(account.password_hash, input.currentPassword))
  ) {
    return invalid({ currentPassword: "auth:errors.current_password_wrong" });
  }
  const policyError = passwordPolicyError(input.password, user.email);
  if (policyError) return invalid({ password: policyError });
  const hash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(user.id, hash, trx);
    await deleteOtherSessions(user.id, sessionIdHash, trx);
    await recordAudit(
      { actor: actorOf(user), action: "password_changed", subject: user.email },
      trx,
    );
  });
  return ok(null);
}

/** The invitation email in the invitee's language, naming the portal as its pages do. */
function invitationEmail(lang: Lang, link: string, inviter: string) {
  const t = getFixedT(lang);
  const site = t("common:site.name");
  return {
    subject: t("auth:emails.invitation.subject", { site }),
    text: t("auth:emails.invitation.text", {
      site,
      inviter,
      link,
      interpolation: { escapeValue: false },
    }),
  };
}

function passwordResetEmail(lang: Lang, link: string) {
  const t = getFixedT(lang);
  const site = t("common:site.name");
  return {
    subject: t("auth:emails.passwordReset.subject", { site }),
    text: t("auth:emails.passwordReset.text", {
      site,
      link,
      interpolation: { escapeValue: false },
    }),
  };
}

/**
 * "Forgot your password?": emails a single-use link valid for one hour to an active account.
 * The caller shows the same answer whatever happens, so nobody learns whether an address has
 * an account; at most three links per account per hour (more requests are audited and
 * dropped). Delivery runs after the answer is decided and never throws.
 */
export async function requestPasswordReset(
  input: { email: string },
  lang: Lang,
  options: { now?: Date; db?: IdentityDb } = {},
): Promise<{ delivered: Promise<"sent" | "outbox" | "failed" | "none"> }> {
  const db = options.db ?? getIdentityDb();
  const now = options.now ?? new Date();
  const account = await getUserCredentialsByEmail(input.email, db);
  if (!account || account.status !== "active") {
    await recordAudit(
      { actor: null, action: "password_reset_requested", subject: null, details: { sent: false } },
      db,
      now,
    );
    return { delivered: Promise.resolve("none") };
  }
  if ((await countRecentPasswordResets(account.id, now, db)) >= PASSWORD_RESETS_PER_HOUR) {
    await recordAudit(
      {
        actor: null,
        action: "password_reset_requested",
        subject: account.email,
        details: { sent: false, throttled: true },
      },
      db,
      now,
    );
    return { delivered: Promise.resolve("none") };
  }
  const token = await db.transaction().execute(async (trx) => {
    const token = await createPasswordReset(account.id, trx, now);
    await recordAudit(
      {
        actor: null,
        action: "password_reset_requested",
        subject: account.email,
        details: { sent: true },
      },
      trx,
      now,
    );
    return token;
  });
  const link = `${getConfig().publicUrl}${localePath(lang, `/staff/reset-password/${token}`)}`;
  const delivered = sendEmail({ to: account.email, ...passwordResetEmail(lang, link) }, db).catch(
    (error: unknown) => {
      logError("password reset email", error);
      return "failed" as const;
    },
  );
  return { delivered };
}

export async function checkPasswordReset(token: string, db: IdentityDb = getIdentityDb()) {
  const reset = await findPasswordReset(token, db);
  const state = passwordResetState(reset, new Date());
  return {
    state: reset && reset.status !== "active" ? "unknown" : state,
    email: reset?.email ?? null,
  };
}

/**
 * Sets a new password through a reset link: checks the link (single use, one hour) and the
 * password policy, then in one transaction marks the link used, stores the new hash, ends
 * every session of the person, lifts a sign-in lock and audits. Returns the email for the
 * sign-in form.
 */
export async function resetPassword(
  token: string,
  password: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Ok<{ email: string }> | Invalid | { ok: false; state: PasswordResetState }> {
  const reset = await findPasswordReset(token, db);
  const state = passwordResetState(reset, new Date());
  if (!reset || state !== "valid" || reset.status !== "active") {
    return { ok: false, state: state === "valid" ? "unknown" : state };
  }
  const policyError = passwordPolicyError(password, reset.email);
  if (policyError) return invalid({ password: policyError });
  const hash = await hashPassword(password);
  const done = await db.transaction().execute(async (trx) => {
    if (!(await markPasswordResetUsed(reset.token_hash, trx))) return false;
    await setPasswordHash(reset.user_id, hash, trx);
    await deleteAllSessions(reset.user_id, trx);
    await clearThrottle(emailThrottleKey(reset.email), trx);
    await recordAudit(
      {
        actor: { id: reset.user_id, email: reset.email },
        action: "password_reset_completed",
        subject: reset.email,
      },
      trx,
    );
    return true;
  });
  return done ? ok({ email: reset.email }) : { ok: false, state: "used" };
}

export type InviteResult =
  | Ok<{ delivery: "sent" | "outbox" | "failed" }>
  | Invalid
  | { ok: false; pendingInvitation: { userId: string; email: string } };

/**
 * Invites a person: creates the account (no password yet) with its roles, attaches a
 * coordinator to the chosen organisations, and emails a 72-hour single-use link in the
 * language chosen for the invitee. An address whose invitation is still pending is not an
 * error: the caller offers to send it again (resendInvitation).
 */
export async function inviteUser(
  actor: StaffUser,
  input: {
    email: string;
    displayName: string;
    roles: Role[];
    organisations?: string[];
    lang: Lang;
  },
  db: IdentityDb = getIdentityDb(),
): Promise<InviteResult> {
  const email = normalizeEmail(input.email);
  const existing = await getUserCredentialsByEmail(email, db);
  if (existing?.status === "invited") {
    return { ok: false, pendingInvitation: { userId: existing.id, email: existing.email } };
  }
  if (existing) return invalid({ email: "auth:errors.email_taken" });
  const organisations = input.roles.includes("coordinator") ? (input.organisations ?? []) : [];
  try {
    const token = await db.transaction().execute(async (trx) => {
      const known = organisations.length
        ? await trx
            .selectFrom("organisations")
            .select(["id", "name"])
            .where("id", "in", organisations)
            .execute()
        : [];
      const userId = await insertUser(
        { email, displayName: input.displayName, passwordHash: null, roles: input.roles },
        trx,
      );
      for (const organisation of known) {
        await trx
          .insertInto("organisation_members")
          .values({ organisation_id: organisation.id, user_id: userId })
          .execute();
        await recordAudit(
          {
            actor: actorOf(actor),
            action: "organisation_members_changed",
            subject: organisation.name,
            details: { userId, member: true, email },
          },
          trx,
        );
      }
      const token = await createInvitation(userId, actor.id, trx);
      await recordAudit(
        {
          actor: actorOf(actor),
          action: "invitation_sent",
          subject: email,
          details: {
            roles: input.roles,
            lang: input.lang,
            ...(known.length ? { organisations: known.map((o) => o.name) } : {}),
          },
        },
        trx,
      );
      return token;
    });
    return ok({ delivery: await deliverInvitation(actor, email, token, input.lang, db) });
  } catch (error) {
    if (isUniqueConstraintError(error)) return invalid({ email: "auth:errors.email_taken" });
    throw error;
  }
}

/**
 * Sends a pending invitation again: a new link, the earlier one void, in the language given.
 * Refused for an account that has already accepted.
 */
export async function resendInvitation(
  actor: StaffUser,
  userId: string,
  lang: Lang,
  db: IdentityDb = getIdentityDb(),
): Promise<Ok<{ delivery: "sent" | "outbox" | "failed" }> | Invalid> {
  const user = await getUserById(userId, db);
  if (!user || user.status !== "invited") return invalid({ userId: "auth:errors.user_unknown" });
  const token = await db.transaction().execute(async (trx) => {
    const token = await createInvitation(user.id, actor.id, trx);
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "invitation_sent",
        subject: user.email,
        details: { resent: true, lang },
      },
      trx,
    );
    return token;
  });
  return ok({ delivery: await deliverInvitation(actor, user.email, token, lang, db) });
}

async function deliverInvitation(
  actor: StaffUser,
  email: string,
  token: string,
  lang: Lang,
  db: IdentityDb,
): Promise<"sent" | "outbox" | "failed"> {
  const link = `${getConfig().publicUrl}${localePath(lang, `/staff/invitations/${token}`)}`;
  try {
    return await sendEmail({ to: email, ...invitationEmail(lang, link, actor.displayName) }, db);
  } catch {
    // The account and invitation exist; the admin is told and can resend.
    return "failed";
  }
}

export async function checkInvitation(token: string, db: IdentityDb = getIdentityDb()) {
  const invitation = await findInvitation(token, db);
  const state: InvitationState = invitationState(invitation, new Date());
  return { state, email: invitation?.email ?? null, displayName: invitation?.display_name ?? null };
}

export async function acceptInvitation(
  token: string,
  password: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Ok<{ email: string }> | Invalid | { ok: false; state: InvitationState }> {
  const invitation = await findInvitation(token, db);
  const state = invitationState(invitation, new Date());
  if (!invitation || state !== "valid") return { ok: false, state };
  const policyError = passwordPolicyError(password, invitation.email);
  if (policyError) return invalid({ password: policyError });
  const hash = await hashPassword(password);
  const accepted = await db.transaction().execute(async (trx) => {
    if (!(await markInvitationUsed(invitation.token_hash, trx))) return false;
    await setPasswordHash(invitation.user_id, hash, trx);
    await deleteAllSessions(invitation.user_id, trx);
    await recordAudit(
      {
        actor: { id: invitation.user_id, email: invitation.email },
        action: "invitation_accepted",
        subject: invitation.email,
      },
      trx,
    );
    return true;
  });
  return accepted ? ok({ email: invitation.email }) : { ok: false, state: "used" };
}

export async function changeRoles(
  actor: StaffUser,
  input: { userId: string; roles: Role[] },
  db: IdentityDb = getIdentityDb(),
): Promise<Ok<null> | Invalid> {
  const target = await getUserById(input.userId, db);
  if (!target) return invalid({ userId: "auth:errors.user_unknown" });
  // An admin cannot take away their own admin role: the portal must never be left without one.
  if (target.id === actor.id && !input.roles.includes("admin")) {
    return invalid({ roles: "auth:errors.cannot_remove_own_admin" });
  }
  if (input.roles.length === 0) return invalid({ roles: "auth:errors.roles_required" });
  await db.transaction().execute(async (trx) => {
    const before = await getRoles(target.id, trx);
    await replaceRoles(target.id, input.roles, trx);
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "roles_changed",
        subject: target.email,
        details: { before, after: input.roles },
      },
      trx,
    );
  });
  return ok(null);
}

export async function setAccountEnabled(
  actor: StaffUser,
  userId: string,
  enabled: boolean,
  db: IdentityDb = getIdentityDb(),
): Promise<Ok<null> | Invalid> {
  const target = await getUserById(userId, db);
  if (!target || target.status === "invited")
    return invalid({ userId: "auth:errors.user_unknown" });
  if (target.id === actor.id) return invalid({ userId: "auth:errors.cannot_disable_self" });
  await db.transaction().execute(async (trx) => {
    await setStatus(target.id, enabled ? "active" : "disabled", trx);
    if (!enabled) await deleteAllSessions(target.id, trx);
    await recordAudit(
      {
        actor: actorOf(actor),
        action: enabled ? "account_enabled" : "account_disabled",
        subject: target.email,
      },
      trx,
    );
  });
  return ok(null);
}
