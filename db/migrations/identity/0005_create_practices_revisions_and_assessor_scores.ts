import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Annex 1.1: a good practice seen elsewhere, and the answers on whether it can be replicated.
  await db.schema
    .createTable("good_practices")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) =>
      c.notNull().references("organisations.id").onDelete("cascade"),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .execute();
  await db.schema
    .createIndex("good_practices_organisation")
    .on("good_practices")
    .column("organisation_id")
    .execute();

  // Editing a completed assessment makes a new revision that points at the one it replaces;
  // the history shows the latest revision and keeps the earlier ones.
  await db.schema
    .alterTable("assessments")
    .addColumn("revision_of", "text", (c) => c.references("assessments.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("assessments_revision_of")
    .on("assessments")
    .column("revision_of")
    .execute();

  // Team scoring: each assessor's own scores, kept beside the agreed ones.
  await db.schema
    .createTable("assessor_scores")
    .addColumn("assessment_id", "text", (c) =>
      c.notNull().references("assessments.id").onDelete("cascade"),
    )
    .addColumn("assessor_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("score", "integer")
    .addColumn("note", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessor_scores_pk", ["assessment_id", "assessor_id", "item_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("assessor_scores").execute();
  await db.schema.dropIndex("assessments_revision_of").execute();
  await db.schema.alterTable("assessments").dropColumn("revision_of").execute();
  await db.schema.dropTable("good_practices").execute();
}
