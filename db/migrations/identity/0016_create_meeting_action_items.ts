import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Action items (regulation Art. 12 e, issue 16): a task the chair or the secretariat assigns
  // at the end of a meeting, under one of its agenda items, to an owner (a member of the board
  // or a secretariat account) with a due date ("YYYY-MM-DD" in TIME_ZONE) and a status: open,
  // done or dropped. An owner may decline without a reason (Art. 15): the owner is then cleared
  // and `declined_at` set, so the chair sees the task needs someone else. `reminded_before_at`
  // and `reminded_overdue_at` mark the two neutral reminders, each sent once.
  await db.schema
    .createTable("meeting_action_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) =>
      c.notNull().references("meetings.id").onDelete("cascade"),
    )
    .addColumn("agenda_item_id", "text", (c) =>
      c.notNull().references("meeting_agenda_items.id").onDelete("cascade"),
    )
    .addColumn("task", "text", (c) => c.notNull())
    .addColumn("owner_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("declined_at", "text")
    .addColumn("reminded_before_at", "text")
    .addColumn("reminded_overdue_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_action_items_meeting")
    .on("meeting_action_items")
    .column("meeting_id")
    .execute();
  await db.schema
    .createIndex("meeting_action_items_owner")
    .on("meeting_action_items")
    .column("owner_user_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("meeting_action_items").execute();
}
