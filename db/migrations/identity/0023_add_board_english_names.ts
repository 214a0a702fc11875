import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // A board's name in English beside the Albanian one ("Albanian first, English always"). Empty
  // when the secretariat gave none: English pages then show the Albanian name
  // (app/board/board-name.ts). Boards created before keep "" and so their Albanian name.
  await db.schema
    .alterTable("boards")
    .addColumn("name_en", "text", (c) => c.notNull().defaultTo(""))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("boards").dropColumn("name_en").execute();
}
