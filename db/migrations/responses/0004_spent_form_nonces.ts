import type { Kysely } from "kysely";

import { withoutRowid } from "../../open-store";

/**
 * The questionnaire's one-time form nonces that were used, so that a form sent twice (to two
 * app instances, or across a restart) is stored once (docs/decisions/019). Only a keyed hash of
 * the nonce (never the nonce, which holds its issue time) and the day after which the row may
 * go; nothing ties it to the response it came with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("spent_form_nonces")
    .addColumn("nonce_hash", "text", (c) => c.primaryKey())
    .addColumn("expires_on", "text", (c) => c.notNull())
    .modifyEnd(withoutRowid(db))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("spent_form_nonces").execute();
}
