import type { Kysely } from "kysely";

// Feedback campaigns are the organisation's settings, so they live with identities; the
// answers they collect live only in the response store.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("feedback_campaigns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("template_id", "text", (c) => c.notNull())
    .addColumn("template_version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("purpose_other", "text")
    .addColumn("collecting_organisation", "text", (c) => c.notNull())
    .addColumn("collector_provided_support", "integer", (c) => c.notNull())
    .addColumn("sections", "text", (c) => c.notNull())
    .addColumn("opens_on", "text", (c) => c.notNull())
    .addColumn("closes_on", "text", (c) => c.notNull())
    .addColumn("languages", "text", (c) => c.notNull())
    .addColumn("access_mode", "text", (c) => c.notNull())
    .addColumn("respondent_mode", "text", (c) => c.notNull())
    .addColumn("date_granularity", "text", (c) => c.notNull())
    .addColumn("min_group_size", "integer", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("feedback_campaigns_dates")
    .on("feedback_campaigns")
    .columns(["opens_on", "closes_on"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("feedback_campaigns").execute();
}
