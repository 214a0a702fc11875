import type { Kysely } from "kysely";

import { withoutRowid } from "../../open-store";

/**
 * Where acknowledged submissions wait on PostgreSQL until they are moved, shuffled, into the
 * response tables (db/response-holding.ts, docs/decisions/018). Encrypted, no time, no order
 * column; emptied at every move. Created on SQLite too (one schema), where it stays empty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("held_submissions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("campaign_id", "text", (c) => c.notNull())
    .addColumn("payload_encrypted", "text", (c) => c.notNull())
    .modifyEnd(withoutRowid(db))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("held_submissions").execute();
}
