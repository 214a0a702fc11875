import type { Kysely } from "kysely";

import { withoutRowid } from "../../open-store";

/**
 * What coordinators were last shown of each campaign (docs/decisions/009): the counts behind the
 * results and behind the splits by language and mode, which move on only in steps of at least
 * k responses. One encrypted row per campaign, replaced whole: kept in clear, the difference
 * between it and the running counts would be the answers of the latest few respondents.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("published_results")
    .addColumn("campaign_id", "text", (c) => c.primaryKey())
    .addColumn("publication_encrypted", "text", (c) => c.notNull())
    .modifyEnd(withoutRowid(db))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("published_results").execute();
}
