import { recordAudit } from "./audit.server";
import { passwordPolicyError } from "./auth.commands.server";
import { hashPassword } from "./password.server";
import type { Role } from "./permissions";
import { deleteAllSessions } from "./sessions.server";
import { deleteTwoFactor, hasTwoFactor } from "./totp.server";
import {
  getUserCredentialsByEmail,
  insertUser,
  normalizeEmail,
  setPasswordHash,
} from "./users.server";
import { getIdentityDb } from "../../db/identity-store";

type CliResult = { ok: boolean; message: string };

const POLICY_MESSAGES: Record<string, string> = {
  "auth:errors.password_too_short": "The password must be at least 12 characters.",
  "auth:errors.password_too_long": "The password is too long.",
  "auth:errors.password_too_common":
    "This password is too common or easy to guess. Choose another one.",
};

/** Account creation from the terminal (npm run user:create): the way to make the first admin. */
export async function createStaffAccount(input: {
  email: string;
  displayName: string;
  roles: Role[];
  password: string;
}): Promise<CliResult> {
  const email = normalizeEmail(input.email);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    return { ok: false, message: "That email address does not look right." };
  const policyError = passwordPolicyError(input.password, email);
  if (policyError) return { ok: false, message: POLICY_MESSAGES[policyError] ?? policyError };
  const db = getIdentityDb();
  if (await getUserCredentialsByEmail(email, db)) {
    return {
      ok: false,
      message: `${email} already has an account. Use --reset-password to set a new password.`,
    };
  }
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await insertUser(
      { email, displayName: input.displayName, passwordHash, roles: input.roles },
      trx,
    );
    await recordAudit(
      {
        actor: null,
        action: "roles_changed",
        subject: email,
        details: { after: input.roles, via: "command line" },
      },
      trx,
    );
  });
  return { ok: true, message: `Created ${email} with role(s): ${input.roles.join(", ")}.` };
}

/**
 * Sets a new password from the command line, signs the person out everywhere, and resets their
 * two-step sign-in (audited), so a person locked out of both can get back in.
 */
export async function resetStaffPassword(emailInput: string, password: string): Promise<CliResult> {
  const email = normalizeEmail(emailInput);
  const db = getIdentityDb();
  const account = await getUserCredentialsByEmail(email, db);
  if (!account) return { ok: false, message: `No account for ${email}.` };
  const policyError = passwordPolicyError(password, email);
  if (policyError) return { ok: false, message: POLICY_MESSAGES[policyError] ?? policyError };
  const passwordHash = await hashPassword(password);
  const hadTwoFactor = await hasTwoFactor(account.id, db);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(account.id, passwordHash, trx);
    await deleteAllSessions(account.id, trx);
    await recordAudit(
      { actor: null, action: "password_changed", subject: email, details: { via: "command line" } },
      trx,
    );
    // The way back in for someone who lost both password and phone (even the last admin): the
    // operator at the server resets two-step sign-in too; it is set up again at the next sign-in.
    if (hadTwoFactor) {
      await deleteTwoFactor(account.id, trx);
      await recordAudit(
        {
          actor: null,
          action: "two_factor_reset",
          subject: email,
          details: { via: "command line" },
        },
        trx,
      );
    }
  });
  return {
    ok: true,
    message: `New password set for ${email}; their sessions were signed out.${
      hadTwoFactor ? " Two-step sign-in was reset: they set it up again at the next sign-in." : ""
    }`,
  };
}
