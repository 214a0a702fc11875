import type { Kysely } from "kysely";

import { withoutRowid } from "../../open-store";

/**
 * Anonymity by construction (docs/decisions/001, 005): every table is keyed by random ids or by
 * aggregate keys and created WITHOUT ROWID, so storage order says nothing about submission
 * order; no autoincrement; no time finer than a day; nothing about the person, the device,
 * the visit, the access code used or the staff member who typed the answers. On PostgreSQL,
 * which has no WITHOUT ROWID, the tables are rewritten in shuffled batches instead
 * (db/response-shuffle.ts, docs/decisions/018).
 */

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per submission. Choice answers only; free text lives apart (below).
  await db.schema
    .createTable("responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("campaign_id", "text", (c) => c.notNull())
    .addColumn("template_version", "integer", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("respondent_mode", "text", (c) => c.notNull())
    .addColumn("submitted_period", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .modifyEnd(withoutRowid(db))
    .execute();
  await db.schema.createIndex("responses_campaign").on("responses").column("campaign_id").execute();

  // Running counts per campaign, question, choice, language and mode, kept in the same
  // transaction as each response, so results never scan every answer.
  await db.schema
    .createTable("answer_tallies")
    .addColumn("campaign_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("choice", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("respondent_mode", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("answer_tallies_pk", [
      "campaign_id",
      "question_id",
      "choice",
      "language",
      "respondent_mode",
    ])
    .modifyEnd(withoutRowid(db))
    .execute();

  // Free text and comments, not linked to their response row, encrypted, and shown in reports
  // only after a coordinator has redacted and approved them.
  await db.schema
    .createTable("free_text_answers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("campaign_id", "text", (c) => c.notNull())
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("text_encrypted", "text", (c) => c.notNull())
    .addColumn("redacted_encrypted", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .modifyEnd(withoutRowid(db))
    .execute();
  await db.schema
    .createIndex("free_text_answers_campaign_status")
    .on("free_text_answers")
    .columns(["campaign_id", "status", "question_id"])
    .execute();

  // Single-use access codes: only a hash and a used flag. Never when, never by which response.
  await db.schema
    .createTable("access_codes")
    .addColumn("code_hash", "text", (c) => c.primaryKey())
    .addColumn("campaign_id", "text", (c) => c.notNull())
    .addColumn("used", "integer", (c) => c.notNull())
    .modifyEnd(withoutRowid(db))
    .execute();
  await db.schema
    .createIndex("access_codes_campaign")
    .on("access_codes")
    .column("campaign_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["access_codes", "free_text_answers", "answer_tallies", "responses"]) {
    await db.schema.dropTable(table).execute();
  }
}
