import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // What a staff member had typed when their session ended, kept for at most 30 minutes so it
  // can be put back on the form after sign-in. Only the hash of the single-use token is stored;
  // the values are encrypted (they may hold evidence notes). user_id is the owner of the ended
  // session when it was still known, else it is set by the sign-in that claims the token.
  await db.schema
    .createTable("kept_inputs")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("values_encrypted", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("kept_inputs_expires_at")
    .on("kept_inputs")
    .column("expires_at")
    .execute();

  // Password reset links: single use, one hour, only the token's hash is stored.
  await db.schema
    .createTable("password_resets")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema
    .createIndex("password_resets_user_id_created_at")
    .on("password_resets")
    .columns(["user_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("password_resets_expires_at")
    .on("password_resets")
    .column("expires_at")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("password_resets").execute();
  await db.schema.dropTable("kept_inputs").execute();
}
