import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // A keyed hash of the stay-informed email (HMAC under a key derived from DATA_KEY, per board,
  // like board_applications.email_lookup), so an admin can find the kept address for a
  // data-subject request without decrypting every row. Null on rows kept before this
  // migration: the admin's search fills it the first time it reads them
  // (app/board/stay-informed.server.ts), as a migration has no DATA_KEY.
  await db.schema.alterTable("board_stay_informed").addColumn("email_lookup", "text").execute();
  await db.schema
    .createIndex("board_stay_informed_email_lookup")
    .on("board_stay_informed")
    .column("email_lookup")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("board_stay_informed_email_lookup").execute();
  await db.schema.alterTable("board_stay_informed").dropColumn("email_lookup").execute();
}
