import { randomInt } from "node:crypto";

import { hashToken } from "./tokens.server";
import { RECOVERY_ALPHABET, RECOVERY_CODE_COUNT, RECOVERY_CODE_LENGTH } from "./two-factor";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

/**
 * Recovery codes: ten per person, each 12 random characters of Crockford base 32 (60 bits),
 * shown once and stored only as SHA-256 of "user id|code". With 60 random bits and the
 * second-step throttle a slow password hash adds nothing; the user id in the hash keeps one
 * person's codes from matching another's.
 */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () =>
    Array.from(
      { length: RECOVERY_CODE_LENGTH },
      () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)],
    ).join(""),
  );
}

/** The stored form of a (normalised, see readTypedCode) recovery code. */
export function hashRecoveryCode(userId: string, code: string): string {
  return hashToken(`recovery|${userId}|${code}`);
}

/** Replaces a person's recovery codes with new ones (the old ones stop working). */
export async function replaceRecoveryCodes(
  userId: string,
  codes: string[],
  now: Date,
  db: IdentityDb,
): Promise<void> {
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await db
    .insertInto("recovery_codes")
    .values(
      codes.map((code) => ({
        user_id: userId,
        code_hash: hashRecoveryCode(userId, code),
        created_at: now.toISOString(),
        used_at: null,
      })),
    )
    .execute();
}

/**
 * Uses up a recovery code: true once for each code, false for an unknown or used one. The
 * single UPDATE with "not used yet" in its condition makes two uses at once impossible.
 */
export async function useRecoveryCode(
  userId: string,
  code: string,
  now: Date,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const result = await db
    .updateTable("recovery_codes")
    .set({ used_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("code_hash", "=", hashRecoveryCode(userId, code))
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many of a person's recovery codes are still unused. */
export async function countUnusedRecoveryCodes(
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<number> {
  const row = await db
    .selectFrom("recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
