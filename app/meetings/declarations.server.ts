import { createHash } from "node:crypto";

import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import {
  accountFieldsOf,
  getAccountKey,
  openAccountText,
  sealAccountText,
} from "../auth/account-keys.server";
import type { Lang } from "../i18n/lang";
import { getConfig } from "../platform/config.server";
import { decryptField, encryptField } from "../platform/field-encryption.server";

/** One version of the confidentiality declaration, in both languages. */
export type DeclarationVersion = {
  version: number;
  text: Record<Lang, string>;
  publishedAt: string;
};

/** What one person signed: the version, the language read, the text's hash, name and time. */
export type DeclarationSignature = {
  version: number;
  language: Lang;
  textHash: string;
  signedName: string;
  signedAt: string;
};

/** SHA-256 (hex) of the exact text a person read and signed. */
export function declarationHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The version in force: the highest published. Migration 0012 always stores version 1. */
export async function getCurrentDeclaration(
  db: IdentityDb = getIdentityDb(),
): Promise<DeclarationVersion> {
  const row = await db
    .selectFrom("declaration_versions")
    .selectAll()
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirstOrThrow();
  return {
    version: Number(row.version),
    text: { sq: row.text_sq, en: row.text_en },
    publishedAt: row.published_at,
  };
}

/** Every version, newest first, each with how many people signed it. */
export async function listDeclarationVersions(
  db: IdentityDb = getIdentityDb(),
): Promise<(DeclarationVersion & { signatures: number })[]> {
  const rows = await db
    .selectFrom("declaration_versions")
    .leftJoin(
      "declaration_signatures",
      "declaration_signatures.version",
      "declaration_versions.version",
    )
    .select(({ fn }) => [
      "declaration_versions.version",
      "declaration_versions.text_sq",
      "declaration_versions.text_en",
      "declaration_versions.published_at",
      fn.count<string>("declaration_signatures.user_id").as("signatures"),
    ])
    .groupBy([
      "declaration_versions.version",
      "declaration_versions.text_sq",
      "declaration_versions.text_en",
      "declaration_versions.published_at",
    ])
    .orderBy("declaration_versions.version", "desc")
    .execute();
  return rows.map((row) => ({
    version: Number(row.version),
    text: { sq: row.text_sq, en: row.text_en },
    publishedAt: row.published_at,
    signatures: Number(row.signatures),
  }));
}

/**
 * Stores a new version (the current number + 1) in one transaction and returns its number.
 * Nobody has signed it yet, so every gated page is closed to everyone until they sign again.
 */
export async function insertDeclarationVersion(
  text: Record<Lang, string>,
  publishedBy: string,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const current = await getCurrentDeclaration(trx);
    const version = current.version + 1;
    await trx
      .insertInto("declaration_versions")
      .values({
        version,
        text_sq: text.sq,
        text_en: text.en,
        published_at: now.toISOString(),
        published_by: publishedBy,
      })
      .execute();
    return version;
  });
}

/**
 * Records that `userId` signed `version` having read it in `language`: the SHA-256 of that exact
 * text, the typed full name (encrypted under DATA_KEY; for a board member's sealed account,
 * sealed under the account's own key inside, decision 046) and the time. Signing the same version
 * twice keeps the first signature. Returns false when `version` is not the current one (a page
 * opened before an admin published a newer text): nothing is stored then.
 */
export async function insertSignature(
  userId: string,
  version: number,
  language: Lang,
  signedName: string,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<boolean> {
  const accountKey = await getAccountKey(userId);
  return db.transaction().execute(async (trx) => {
    const current = await getCurrentDeclaration(trx);
    if (current.version !== version) return false;
    await trx
      .insertInto("declaration_signatures")
      .values({
        user_id: userId,
        version,
        language,
        text_hash: declarationHash(current.text[language]),
        signed_name_encrypted: encryptField(
          getConfig().dataKey,
          sealAccountText(accountKey, userId, `declaration|${version}`, signedName),
          `declaration:${userId}:${version}`,
        ),
        signed_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns(["user_id", "version"]).doNothing())
      .execute();
    return true;
  });
}

/** True when `userId` has signed the version in force. */
export async function hasSignedCurrentDeclaration(
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const current = await getCurrentDeclaration(db);
  const row = await db
    .selectFrom("declaration_signatures")
    .select("version")
    .where("user_id", "=", userId)
    .where("version", "=", current.version)
    .executeTakeFirst();
  return Boolean(row);
}

/** Everything `userId` has signed, newest first, the names decrypted. */
export async function listSignatures(
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<DeclarationSignature[]> {
  const rows = await db
    .selectFrom("declaration_signatures")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("version", "desc")
    .execute();
  const accountKey = rows.length ? await getAccountKey(userId) : null;
  return rows.map((row) => ({
    version: Number(row.version),
    language: row.language === "en" ? "en" : "sq",
    textHash: row.text_hash,
    signedName: openSignedName(accountKey, userId, Number(row.version), row.signed_name_encrypted),
    signedAt: row.signed_at,
  }));
}

/** One version's text, or null when there is no such version. */
export async function getDeclarationVersion(
  version: number,
  db: IdentityDb = getIdentityDb(),
): Promise<DeclarationVersion | null> {
  const row = await db
    .selectFrom("declaration_versions")
    .selectAll()
    .where("version", "=", version)
    .executeTakeFirst();
  return row
    ? {
        version: Number(row.version),
        text: { sq: row.text_sq, en: row.text_en },
        publishedAt: row.published_at,
      }
    : null;
}

/**
 * The name typed under declaration `version` by `userId`, from its stored value: decrypted
 * under DATA_KEY, then under the account's own `accountKey` when sealed ("" once that key was
 * destroyed). For this module and the member's export.
 */
export function openSignedName(
  accountKey: Buffer | null,
  userId: string,
  version: number,
  stored: string,
): string {
  return openAccountText(
    accountKey,
    userId,
    `declaration|${version}`,
    decryptField(getConfig().dataKey, stored, `declaration:${userId}:${version}`),
  );
}

/**
 * The demo's signatures: every account in the store signs the version in force with its display
 * name, in Albanian, except `unsignedEmail` (left unsigned so a newcomer can see the gate).
 * Only the demo seed calls this.
 */
export async function seedDemoSignatures(
  unsignedEmail: string,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  const current = await getCurrentDeclaration(db);
  const ids = await db.selectFrom("users").select("id").execute();
  const accounts = await accountFieldsOf(
    ids.map((row) => row.id),
    db,
  );
  for (const [id, account] of accounts)
    if (account.email !== unsignedEmail)
      await insertSignature(id, current.version, "sq", account.displayName, db);
}
