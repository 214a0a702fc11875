import { openAccounts } from "./account-keys.server";
import { generateToken, hashToken } from "./tokens.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

/** A reset link works once, for one hour (OWASP Forgot Password Cheat Sheet). */
export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;
/** At most this many reset emails per account per hour; more requests get the same answer. */
export const PASSWORD_RESETS_PER_HOUR = 3;

export type PasswordResetState = "valid" | "unknown" | "used" | "expired";

export function passwordResetState(
  reset: { expires_at: string; used_at: string | null } | undefined,
  now: Date,
): PasswordResetState {
  if (!reset) return "unknown";
  if (reset.used_at) return "used";
  if (Date.parse(reset.expires_at) <= now.getTime()) return "expired";
  return "valid";
}

/** How many reset links were made for this account in the last hour. */
export async function countRecentPasswordResets(
  userId: string,
  now: Date,
  db: IdentityDb = getIdentityDb(),
): Promise<number> {
  const row = await db
    .selectFrom("password_resets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("created_at", ">", new Date(now.getTime() - 60 * 60 * 1000).toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Makes a reset link's token for an account; earlier unused links of the account stop working
 * (only the newest email counts). Only the token's SHA-256 hash is stored.
 */
export async function createPasswordReset(
  userId: string,
  db: IdentityDb,
  now = new Date(),
): Promise<string> {
  const token = generateToken();
  await db
    .updateTable("password_resets")
    .set({ expires_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .execute();
  await db
    .insertInto("password_resets")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/**
 * The reset link `token` with its account's email (opened for a board member's sealed
 * account, decision 046) and status; undefined for an unknown token.
 */
export async function findPasswordReset(token: string, db: IdentityDb = getIdentityDb()) {
  const row = await db
    .selectFrom("password_resets")
    .innerJoin("users", "users.id", "password_resets.user_id")
    .select([
      "password_resets.token_hash",
      "password_resets.user_id",
      "password_resets.expires_at",
      "password_resets.used_at",
      "users.email",
      "users.display_name",
      "users.email_encrypted",
      "users.display_name_encrypted",
      "users.status",
    ])
    .where("password_resets.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) return undefined;
  const opened = (await openAccounts([{ ...row, id: row.user_id }])).get(row.user_id)!;
  return {
    token_hash: row.token_hash,
    user_id: row.user_id,
    expires_at: row.expires_at,
    used_at: row.used_at,
    email: opened.email,
    status: row.status,
  };
}

/** Marks a link used; false when another request used it first. */
export async function markPasswordResetUsed(tokenHash: string, db: IdentityDb, now = new Date()) {
  const result = await db
    .updateTable("password_resets")
    .set({ used_at: now.toISOString() })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Deletes links past their hour, keeping them one more hour so the throttle still counts them
 * (the count looks back one hour from creation).
 */
export async function deleteExpiredPasswordResets(
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<number> {
  const result = await db
    .deleteFrom("password_resets")
    .where(
      "created_at",
      "<=",
      new Date(now.getTime() - 2 * PASSWORD_RESET_LIFETIME_MS).toISOString(),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
