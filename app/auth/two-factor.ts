// Client-safe rules of two-step sign-in (decision 020): who must use it, and how a typed code
// is read. The server-side parts are in totp.server.ts, recovery-codes.server.ts and
// two-factor.commands.server.ts.
import type { Role } from "./permissions";

/**
 * Roles that see survivors' personal data (board applications, reviews, the audit log): a
 * person holding any of them must use two-step sign-in (issue 15). Coordinators and board
 * members may turn it on.
 */
export const TWO_FACTOR_REQUIRED_ROLES: readonly Role[] = ["admin", "reviewer", "secretariat"];

/** True when the roles include one for which two-step sign-in is required. */
export function twoFactorRequired(roles: readonly string[]): boolean {
  return roles.some((role) => (TWO_FACTOR_REQUIRED_ROLES as readonly string[]).includes(role));
}

/** How many recovery codes a person gets; each works once. */
export const RECOVERY_CODE_COUNT = 10;

export type TypedCode =
  { kind: "totp"; code: string } | { kind: "recovery"; code: string } | { kind: "invalid" };

// Crockford's base 32: no I, L, O or U, so a printed code cannot be misread.
const RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
export const RECOVERY_CODE_LENGTH = 12;

/**
 * Reads what a person typed in the second step. Six digits (spaces allowed, as apps show
 * "123 456") are a code from the app; 12 characters of Crockford base 32 (any case, dashes and
 * spaces ignored, O read as 0 and I or L as 1) are a recovery code. Anything else is invalid.
 */
export function readTypedCode(input: string): TypedCode {
  const compact = input.replace(/[\s\u2010-\u2015-]/g, "");
  if (/^\d{6}$/.test(compact)) return { kind: "totp", code: compact };
  const recovery = compact.toLowerCase().replace(/o/g, "0").replace(/[il]/g, "1");
  if (
    recovery.length === RECOVERY_CODE_LENGTH &&
    [...recovery].every((c) => RECOVERY_ALPHABET.includes(c))
  ) {
    return { kind: "recovery", code: recovery };
  }
  return { kind: "invalid" };
}

/** A recovery code as printed: three groups of four, e.g. "7k2m-q9vd-03xh". */
export function formatRecoveryCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

export { RECOVERY_ALPHABET };
