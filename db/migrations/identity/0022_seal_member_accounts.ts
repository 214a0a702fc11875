import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // A board member's account keeps its email and name sealed under a key of its own (decision
  // 046): `email_encrypted` and `display_name_encrypted` hold them, `email` a made-up unique
  // address and `display_name` nothing. Sign-in finds such an account by `email_lookup`, a keyed
  // hash of the address under a key derived from DATA_KEY (unique; null for staff accounts,
  // which keep their address in `email`). A migration has neither DATA_KEY nor the person keys:
  // accounts written before this are sealed at the portal's start (and before a DATA_KEY
  // rotation) by `sealMemberAccounts` (app/auth/account-keys.server.ts).
  await db.schema.alterTable("users").addColumn("email_lookup", "text").execute();
  await db.schema.alterTable("users").addColumn("email_encrypted", "text").execute();
  await db.schema.alterTable("users").addColumn("display_name_encrypted", "text").execute();
  await db.schema
    .createIndex("users_email_lookup")
    .unique()
    .on("users")
    .column("email_lookup")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Sealed accounts are not opened back into plain text: their address stays made up.
  await db.schema.dropIndex("users_email_lookup").execute();
  await db.schema.alterTable("users").dropColumn("display_name_encrypted").execute();
  await db.schema.alterTable("users").dropColumn("email_encrypted").execute();
  await db.schema.alterTable("users").dropColumn("email_lookup").execute();
}
