import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { getConfig } from "../platform/config.server";
import { decryptField, encryptField } from "../platform/field-encryption.server";

/**
 * Time-based one-time passwords (RFC 6238) through the `otpauth` library: HMAC-SHA1, 6 digits,
 * 30-second steps, the defaults every authenticator app reads from a QR code. A code is
 * accepted one step either side of the server's clock (RFC 6238 §5.2 allows for drift), and
 * each step's code only once per person (§5.2: "MUST NOT accept the second attempt").
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now: 1 means the previous, current and next code. */
export const TOTP_WINDOW = 1;
/** A secret being set up is kept this long; opening the page again after that shows a new one. */
export const PENDING_SECRET_LIFETIME_MS = 30 * 60 * 1000;

function totpFor(secretBase32: string, label = "", issuer = ""): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random 160-bit secret (RFC 4226 §4 recommends 160 bits), in base 32 as apps take it. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** True for a base-32 secret of at least 128 bits (26 characters), e.g. DEMO_TOTP_SECRET. */
export function isUsableTotpSecret(value: string): boolean {
  return /^[A-Z2-7]{26,}=*$/.test(value);
}

/** The 30-second step a moment falls in (seconds since 1970 divided by 30, rounded down). */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an app shows at a moment (demo output and tests). */
export function totpCode(secretBase32: string, now = new Date()): string {
  return totpFor(secretBase32).generate({ timestamp: now.getTime() });
}

/**
 * The step whose code matches, within TOTP_WINDOW steps of now, or null. The comparison is
 * the library's (constant time). Recording the step as used is the caller's part.
 */
export function matchTotpStep(secretBase32: string, code: string, now = new Date()): number | null {
  const delta = totpFor(secretBase32).validate({
    token: code,
    timestamp: now.getTime(),
    window: TOTP_WINDOW,
  });
  return delta === null ? null : totpStep(now) + delta;
}

/** The otpauth:// address an app reads from the QR code. */
export function totpUri(secretBase32: string, account: string, issuer: string): string {
  return totpFor(secretBase32, account, issuer).toString();
}

/** The QR code of an otpauth:// address as an SVG data URL, drawn on the server. */
export async function totpQrDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

export function encryptTotpSecret(userId: string, secret: string, key = getConfig().dataKey) {
  return encryptField(key, secret, `user_totp.secret|${userId}`);
}

/** Whether a person has two-step sign-in turned on (a confirmed secret). */
export async function hasTwoFactor(
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const row = await db
    .selectFrom("user_totp")
    .select("secret_encrypted")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Boolean(row?.secret_encrypted);
}

/** The ids of people with two-step sign-in turned on (for the people page). */
export async function listTwoFactorUserIds(db: IdentityDb = getIdentityDb()): Promise<Set<string>> {
  const rows = await db
    .selectFrom("user_totp")
    .select("user_id")
    .where("secret_encrypted", "is not", null)
    .execute();
  return new Set(rows.map((row) => row.user_id));
}

/** The confirmed secret of a person, decrypted, or null. */
export async function getTotpSecret(
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<string | null> {
  const row = await db
    .selectFrom("user_totp")
    .select("secret_encrypted")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.secret_encrypted
    ? decryptField(getConfig().dataKey, row.secret_encrypted, `user_totp.secret|${userId}`)
    : null;
}

/**
 * The secret being set up for a person: the one started in the last 30 minutes, else a new
 * one (stored encrypted, not in use until a code from it is confirmed).
 */
export async function startTotpEnrolment(
  userId: string,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<string> {
  const key = getConfig().dataKey;
  const row = await db
    .selectFrom("user_totp")
    .select(["pending_secret_encrypted", "pending_created_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (
    row?.pending_secret_encrypted &&
    row.pending_created_at &&
    now.getTime() - Date.parse(row.pending_created_at) < PENDING_SECRET_LIFETIME_MS
  ) {
    return decryptField(key, row.pending_secret_encrypted, `user_totp.pending|${userId}`);
  }
  const secret = generateTotpSecret();
  const pending = {
    pending_secret_encrypted: encryptField(key, secret, `user_totp.pending|${userId}`),
    pending_created_at: now.toISOString(),
  };
  await db
    .insertInto("user_totp")
    .values({ user_id: userId, secret_encrypted: null, confirmed_at: null, ...pending })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(pending))
    .execute();
  return secret;
}

/** The pending secret if it is still fresh, else null. */
export async function getPendingTotpSecret(
  userId: string,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<string | null> {
  const row = await db
    .selectFrom("user_totp")
    .select(["pending_secret_encrypted", "pending_created_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row?.pending_secret_encrypted || !row.pending_created_at) return null;
  if (now.getTime() - Date.parse(row.pending_created_at) >= PENDING_SECRET_LIFETIME_MS) return null;
  return decryptField(
    getConfig().dataKey,
    row.pending_secret_encrypted,
    `user_totp.pending|${userId}`,
  );
}

/** Makes the pending secret the one in use (after a code from it was accepted). */
export async function activatePendingTotpSecret(
  userId: string,
  secret: string,
  now: Date,
  db: IdentityDb,
): Promise<void> {
  await db
    .updateTable("user_totp")
    .set({
      secret_encrypted: encryptTotpSecret(userId, secret),
      confirmed_at: now.toISOString(),
      pending_secret_encrypted: null,
      pending_created_at: null,
    })
    .where("user_id", "=", userId)
    .execute();
}

/** Stores a confirmed secret directly (the demo seed only: its secrets are printed at start). */
export async function setTotpSecret(
  userId: string,
  secret: string,
  now: Date,
  db: IdentityDb,
): Promise<void> {
  await db
    .insertInto("user_totp")
    .values({
      user_id: userId,
      secret_encrypted: encryptTotpSecret(userId, secret),
      confirmed_at: now.toISOString(),
      pending_secret_encrypted: null,
      pending_created_at: null,
    })
    .execute();
}

/**
 * Records a step's code as used by a person. False when it already was (a replay): the
 * primary key decides, so two requests with the same code at once cannot both pass, on any
 * number of instances. Steps that have left the window are deleted on the way.
 */
export async function claimTotpStep(
  userId: string,
  step: number,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  await db
    .deleteFrom("totp_used_steps")
    .where("user_id", "=", userId)
    .where("step", "<", step - 2 * TOTP_WINDOW - 1)
    .execute();
  // ON CONFLICT DO NOTHING rather than catching the error: on PostgreSQL a failed statement
  // would abort the surrounding transaction.
  const result = await db
    .insertInto("totp_used_steps")
    .values({ user_id: userId, step })
    .onConflict((oc) => oc.columns(["user_id", "step"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Removes a person's two-step sign-in: secret, used steps and recovery codes. */
export async function deleteTwoFactor(userId: string, db: IdentityDb): Promise<void> {
  await db.deleteFrom("user_totp").where("user_id", "=", userId).execute();
  await db.deleteFrom("totp_used_steps").where("user_id", "=", userId).execute();
  await db.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
  await db.deleteFrom("two_factor_throttle").where("user_id", "=", userId).execute();
}
