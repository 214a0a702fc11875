import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Days the office is closed beyond weekends and Albanian public holidays (decision 038): a
  // calendar day ("YYYY-MM-DD", TIME_ZONE) and a short label. The notice rules count them as
  // non-working days (app/platform/working-days.ts).
  await db.schema
    .createTable("closed_days")
    .addColumn("day", "text", (c) => c.primaryKey())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("closed_days").execute();
}
