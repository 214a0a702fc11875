import type { Kysely } from "kysely";

import { FIRST_DECLARATION } from "../../../app/meetings/declaration-text";

export async function up(db: Kysely<unknown>): Promise<void> {
  // The confidentiality declaration (Art. 13-14 of the board's regulation), one row per
  // version in both languages. An admin publishes a new version; every signer signs again.
  await db.schema
    .createTable("declaration_versions")
    .addColumn("version", "integer", (c) => c.primaryKey())
    .addColumn("text_sq", "text", (c) => c.notNull())
    .addColumn("text_en", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("published_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  // Who signed which version, when, in which language, and the SHA-256 of the exact text they
  // read; the typed full name is personal data and stored encrypted under DATA_KEY.
  await db.schema
    .createTable("declaration_signatures")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull().references("declaration_versions.version"))
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("text_hash", "text", (c) => c.notNull())
    .addColumn("signed_name_encrypted", "text", (c) => c.notNull())
    .addColumn("signed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("declaration_signatures_pk", ["user_id", "version"])
    .execute();
  await (db as Kysely<{ declaration_versions: Record<string, unknown> }>)
    .insertInto("declaration_versions")
    .values({
      version: 1,
      text_sq: FIRST_DECLARATION.sq,
      text_en: FIRST_DECLARATION.en,
      published_at: new Date().toISOString(),
      published_by: null,
    })
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("declaration_signatures").execute();
  await db.schema.dropTable("declaration_versions").execute();
}
