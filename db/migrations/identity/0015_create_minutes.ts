import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // The minutes of a held meeting (regulation Art. 10, 12), decision 031. `number` 0 is the
  // original minutes; 1, 2, … are numbered amendments, each with its own circulation and
  // approval. `status`: draft, circulated (members comment until `comment_deadline`, the last
  // calendar day in TIME_ZONE on which a comment is accepted), approved (locked: the approved
  // text's SHA-256 is `content_hash`). `approval_kind`: chair, acting_chair (chosen by the
  // members when the chair was absent or the post is empty: `acting_chair_id`) or meeting
  // (approved by decision at a later meeting: `approval_meeting_id`).
  await db.schema
    .createTable("minutes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) =>
      c.notNull().references("meetings.id").onDelete("cascade"),
    )
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("comment_deadline", "text")
    .addColumn("circulated_at", "text")
    .addColumn("acting_chair_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("approval_kind", "text")
    .addColumn("approval_meeting_id", "text", (c) =>
      c.references("meetings.id").onDelete("set null"),
    )
    .addColumn("approved_at", "text")
    .addColumn("approved_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("content_hash", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("minutes_meeting_number", ["meeting_id", "number"])
    .execute();

  // Every saved text of a minutes document, kept (any two can be compared). The latest is the
  // current text; its `number` is the version a save must name (two people editing: the later
  // save is refused and shown both texts). `content` is JSON: attendance as recorded at the
  // meeting (status only, never a reason) and, per agenda item, discussion and decisions in
  // Markdown and whether the item is confidential (left out of the report export).
  await db.schema
    .createTable("minutes_revisions")
    .addColumn("minutes_id", "text", (c) =>
      c.notNull().references("minutes.id").onDelete("cascade"),
    )
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("minutes_revisions_pk", ["minutes_id", "number"])
    .execute();

  // Members' answers to circulated minutes: a comment on one agenda item (`agenda_item_id`)
  // or on the whole text (null), or "no objection" (`kind`). `resolved_at`: the secretariat
  // has dealt with the comment (the chair sees the unresolved ones before approving).
  await db.schema
    .createTable("minutes_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("minutes_id", "text", (c) =>
      c.notNull().references("minutes.id").onDelete("cascade"),
    )
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("agenda_item_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("resolved_at", "text")
    .execute();
  await db.schema
    .createIndex("minutes_comments_minutes")
    .on("minutes_comments")
    .column("minutes_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("minutes_comments").execute();
  await db.schema.dropTable("minutes_revisions").execute();
  await db.schema.dropTable("minutes").execute();
}
