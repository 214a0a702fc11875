import { generateToken, hashToken } from "./tokens.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { getConfig } from "../platform/config.server";
import { decryptField, encryptField } from "../platform/field-encryption.server";
import { formDataToValues, type FormValues } from "../ui/parse-form";

/**
 * Input kept when a staff form is posted after the session ended (decision 013).
 *
 * The values are kept server-side in the identity store (so several instances share them),
 * encrypted under DATA_KEY with the token hash as associated data, for at most 30 minutes,
 * behind a random single-use token that only the browser which posted them receives. The CSRF
 * token and anything that looks like a password are never kept: after sign-in the person sees
 * the form filled in again and presses Save, which is checked against the new session.
 */
export const KEPT_INPUT_LIFETIME_MS = 30 * 60 * 1000;
/** Larger bodies are not kept (the longest form, the self-assessment, is about 35 000 chars). */
export const KEPT_INPUT_MAX_CHARS = 200_000;
/** A ceiling on rows alive at once, so anonymous posts cannot fill the store. */
export const KEPT_INPUT_MAX_ROWS = 500;

const NEVER_KEPT = /^(csrf|_data|intent-csrf)$|password/i;

/** The fields of a posted form that may be kept: no CSRF token, no password. */
export function keepableValues(formData: FormData): FormValues {
  const omit = [...new Set(formData.keys())].filter((name) => NEVER_KEPT.test(name));
  return formDataToValues(formData, omit);
}

/**
 * The page a kept post came from: the path and query of the action, without Remix's own, and
 * without `saved` (the outcome of an earlier post: the page said "saved" next to input that,
 * kept across a sign-in, is not saved yet).
 */
export function keptInputPath(url: URL): string {
  const search = new URLSearchParams(url.search);
  for (const name of ["index", "_data", "restore", "saved"]) search.delete(name);
  const query = search.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/**
 * Keeps what was posted and returns the single-use token, or null when there is nothing worth
 * keeping, the body is too large, or too many are already kept.
 */
export async function keepInput(
  input: { formData: FormData; path: string; userId: string | null },
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<string | null> {
  const values = keepableValues(input.formData);
  const meaningful = Object.entries(values).some(
    ([name, value]) =>
      name !== "intent" && (Array.isArray(value) ? value.length > 0 : value !== ""),
  );
  if (!meaningful) return null;
  const json = JSON.stringify(values);
  if (json.length > KEPT_INPUT_MAX_CHARS) return null;
  const alive = await db
    .selectFrom("kept_inputs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirstOrThrow();
  if (Number(alive.n) >= KEPT_INPUT_MAX_ROWS) return null;
  const token = generateToken();
  const tokenHash = hashToken(token);
  await db
    .insertInto("kept_inputs")
    .values({
      token_hash: tokenHash,
      path: input.path,
      user_id: input.userId,
      values_encrypted: encryptField(getConfig().dataKey, json, `kept_input:${tokenHash}`),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + KEPT_INPUT_LIFETIME_MS).toISOString(),
    })
    .execute();
  return token;
}

/**
 * At sign-in: ties a kept input to the person who signed in and returns the page it belongs
 * to. Kept input of another person (when the ended session's owner was known) is deleted, so
 * one person's notes never appear in another's form. Null when unknown, expired or not theirs.
 */
export async function claimKeptInput(
  token: string,
  userId: string,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<{ path: string } | null> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom("kept_inputs")
    .select(["path", "user_id", "expires_at"])
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row) return null;
  if (Date.parse(row.expires_at) <= now.getTime() || (row.user_id && row.user_id !== userId)) {
    await db.deleteFrom("kept_inputs").where("token_hash", "=", tokenHash).execute();
    return null;
  }
  if (!row.user_id) {
    await db
      .updateTable("kept_inputs")
      .set({ user_id: userId })
      .where("token_hash", "=", tokenHash)
      .execute();
  }
  return { path: row.path };
}

/**
 * On the page of origin after sign-in: returns the kept values once and deletes them. Only for
 * the person who claimed them, on the same path, before they expire.
 */
export async function takeKeptInput(
  token: string,
  input: { userId: string; path: string },
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<FormValues | null> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom("kept_inputs")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!row || row.user_id !== input.userId || row.path !== input.path) return null;
  const deleted = await db
    .deleteFrom("kept_inputs")
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) return null;
  if (Date.parse(row.expires_at) <= now.getTime()) return null;
  const json = decryptField(getConfig().dataKey, row.values_encrypted, `kept_input:${tokenHash}`);
  const parsed: unknown = JSON.parse(json);
  return isFormValues(parsed) ? parsed : null;
}

/** Deletes every kept input past its 30 minutes. Returns how many were deleted. */
export async function deleteExpiredKeptInputs(
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<number> {
  const result = await db
    .deleteFrom("kept_inputs")
    .where("expires_at", "<=", now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

function isFormValues(value: unknown): value is FormValues {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  return Object.values(value).every(
    (v) => typeof v === "string" || (Array.isArray(v) && v.every((s) => typeof s === "string")),
  );
}
