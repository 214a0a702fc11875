import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // A meeting changed or cancelled before it starts (decision 037). `sequence` is the calendar
  // file's SEQUENCE (RFC 5545): 0 when scheduled, raised by every change and by the
  // cancellation, so a calendar that imported the file replaces its entry. `changed_at` is the
  // last change. A cancelled meeting keeps its row (the invitees were told; the audit log names
  // it) with `cancelled_at` set and the reason, which only the chair and the secretariat read
  // (encrypted under DATA_KEY: it may say why a person cannot come).
  // One column per statement: SQLite adds columns one at a time.
  await db.schema
    .alterTable("meetings")
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("meetings").addColumn("changed_at", "text").execute();
  await db.schema.alterTable("meetings").addColumn("cancelled_at", "text").execute();
  await db.schema
    .alterTable("meetings")
    .addColumn("cancelled_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .alterTable("meetings")
    .addColumn("cancellation_reason_encrypted", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of [
    "cancellation_reason_encrypted",
    "cancelled_by",
    "cancelled_at",
    "changed_at",
    "sequence",
  ])
    await db.schema.alterTable("meetings").dropColumn(column).execute();
}
