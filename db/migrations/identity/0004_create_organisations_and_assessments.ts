import type { Kysely } from "kysely";

// Organisations and their programmes, and the survivor-informed self-assessments of those
// programmes (Annex 4.1). Organisational data, not personal data: it lives with identities.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("organisations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // Which coordinators work for which organisation (a person may work for several).
  await db.schema
    .createTable("organisation_members")
    .addColumn("organisation_id", "text", (c) =>
      c.notNull().references("organisations.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("organisation_members_pk", ["organisation_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("organisation_members_user")
    .on("organisation_members")
    .column("user_id")
    .execute();

  await db.schema
    .createTable("programmes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) =>
      c.notNull().references("organisations.id").onDelete("cascade"),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("programmes_organisation")
    .on("programmes")
    .column("organisation_id")
    .execute();

  // One row per assessment; `version` increases on every save so two people saving the same
  // draft cannot overwrite each other unnoticed.
  await db.schema
    .createTable("assessments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) =>
      c.notNull().references("programmes.id").onDelete("cascade"),
    )
    .addColumn("assessed_on", "text", (c) => c.notNull())
    .addColumn("participants", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("instrument_version", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .execute();
  await db.schema
    .createIndex("assessments_programme_date")
    .on("assessments")
    .columns(["programme_id", "assessed_on"])
    .execute();

  // The agreed score and evidence note per item.
  await db.schema
    .createTable("assessment_scores")
    .addColumn("assessment_id", "text", (c) =>
      c.notNull().references("assessments.id").onDelete("cascade"),
    )
    .addColumn("item_id", "text", (c) => c.notNull())
    .addColumn("score", "integer")
    .addColumn("note", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessment_scores_pk", ["assessment_id", "item_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "assessment_scores",
    "assessments",
    "programmes",
    "organisation_members",
    "organisations",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
