import { sql, type Kysely } from "kysely";

/**
 * The counts coordinators see (docs/decisions/009): a copy of answer_tallies brought up to date
 * only when at least k responses have arrived since the last copy, so that two views of the
 * results never differ by fewer than k people. Same keys as answer_tallies, WITHOUT ROWID.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("published_tallies")
    .addColumn("campaign_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("choice", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("respondent_mode", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("published_tallies_pk", [
      "campaign_id",
      "question_id",
      "choice",
      "language",
      "respondent_mode",
    ])
    .modifyEnd(sql`without rowid`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("published_tallies").execute();
}
