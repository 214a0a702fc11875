import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // A survivor advisory board (instruments.md §4, Annexes 3.1-3.4). Its calls, applications,
  // members, elections and meetings reference it. Lists are JSON text arrays so the same column
  // works on SQLite and PostgreSQL.
  await db.schema
    .createTable("boards")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    // Annex 3.1 areas of work the board covers, as codes (app/board/areas.ts), JSON array.
    .addColumn("areas", "text", (c) => c.notNull().defaultTo("[]"))
    // Functions or areas in the board's own words, beside the Annex 3.1 list.
    .addColumn("areas_other", "text", (c) => c.notNull().defaultTo(""))
    // Art. 5: "citizen" (Albanian citizens only) or "citizen_or_resident" (also foreigners
    // lawfully resident in Albania).
    .addColumn("residence_rule", "text", (c) => c.notNull().defaultTo("citizen_or_resident"))
    // Art. 5 and 6: a two-year mandate, renewable.
    .addColumn("mandate_months", "integer", (c) => c.notNull().defaultTo(24))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("boards").execute();
}
