import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for sensitive fields at rest. The stored form is a versioned string
 * "v1.<iv>.<tag>.<ciphertext>" (base64url) so the key or algorithm can change later without
 * guessing what an old value is. `context` is bound as additional authenticated data, so a value
 * copied into another column or row fails to decrypt instead of silently reading as valid.
 */
const VERSION = "v1";

export function encryptField(key: Buffer, plaintext: string, context: string): string {
  assertKey(key);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptField(key: Buffer, stored: string, context: string): string {
  assertKey(key);
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) {
    throw new Error("Unrecognised encrypted field format");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([
    decipher.update(Buffer.from(ciphertext, "base64url")),
    decipher.final(),
  ]).toString("utf8");
}

function assertKey(key: Buffer) {
  if (key.length !== 32) throw new Error("The data key must be 32 bytes");
}

/**
 * A fresh 32-byte data key for one person (an applicant or a member): their fields are
 * encrypted under it, and destroying it erases them everywhere, backups included
 * (crypto-shredding, docs/decisions/021).
 */
export function generateDataKey(): Buffer {
  return randomBytes(32);
}

/** A person's data key encrypted under the master key (DATA_KEY), bound to `context`. */
export function wrapDataKey(masterKey: Buffer, dataKey: Buffer, context: string): string {
  assertKey(dataKey);
  return encryptField(masterKey, dataKey.toString("base64"), `data-key|${context}`);
}

/** The data key back from its wrapped form; throws on a wrong master key, context or tampering. */
export function unwrapDataKey(masterKey: Buffer, wrapped: string, context: string): Buffer {
  const key = Buffer.from(decryptField(masterKey, wrapped, `data-key|${context}`), "base64");
  assertKey(key);
  return key;
}

/**
 * A keyed hash that finds an email address again without storing it readable (a "blind
 * index"): HMAC-SHA-256 of `scope|email` (trimmed, lower case) under a key derived from
 * `dataKey` for `purpose`; base64url. The same address in another scope (call, board) or for
 * another purpose gives an unrelated value. `npm run rotate-data-key` recomputes every one.
 */
export function emailBlindIndex(
  dataKey: Buffer,
  purpose: string,
  scope: string,
  email: string,
): string {
  const key = createHmac("sha256", dataKey).update(purpose).digest();
  return createHmac("sha256", key)
    .update(`${scope}|${email.trim().toLowerCase()}`)
    .digest("base64url");
}
