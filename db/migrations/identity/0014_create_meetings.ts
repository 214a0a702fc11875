import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // A board meeting (regulation Art. 11): when (`starts_at`, an instant in UTC, and
  // `meeting_day`, its calendar day in TIME_ZONE, the day the notice rule counts back from),
  // where (a place, an online link or both), the briefing on the work since the last meeting
  // (Art. 11 e), and whether it was called as extraordinary inside the 5-working-day notice
  // window (Art. 11 a, c), with the reason. `notice_sent_on` is the day the invitations went.
  await db.schema
    .createTable("meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("board_id", "text", (c) => c.notNull().references("boards.id").onDelete("cascade"))
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("meeting_day", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("online_link", "text", (c) => c.notNull())
    .addColumn("briefing", "text", (c) => c.notNull())
    .addColumn("extraordinary", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("extraordinary_reason", "text")
    .addColumn("notice_sent_on", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("meetings_board").on("meetings").column("board_id").execute();

  // The agenda: items in order, each with a short summary.
  await db.schema
    .createTable("meeting_agenda_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) =>
      c.notNull().references("meetings.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meeting_agenda_items_meeting")
    .on("meeting_agenda_items")
    .column("meeting_id")
    .execute();

  // Who is invited and what they answered (Art. 11 d): confirmed, or declined with a written
  // reason (personal data: encrypted under DATA_KEY, read only by the chair and the
  // secretariat). `reminded_at` marks the one reminder to someone who has not answered.
  await db.schema
    .createTable("meeting_invitations")
    .addColumn("meeting_id", "text", (c) =>
      c.notNull().references("meetings.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("reply", "text")
    .addColumn("decline_reason_encrypted", "text")
    .addColumn("replied_at", "text")
    .addColumn("reminded_at", "text")
    // 1 for a guest invited to this meeting only (Art. 5 c), who sees no other meeting.
    .addColumn("guest", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("meeting_invitations_pk", ["meeting_id", "user_id"])
    .execute();

  // Attendance as recorded at the meeting, kept apart from the replies: someone who confirmed
  // may be absent, someone who declined may come.
  await db.schema
    .createTable("meeting_attendance")
    .addColumn("meeting_id", "text", (c) =>
      c.notNull().references("meetings.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("meeting_attendance_pk", ["meeting_id", "user_id"])
    .execute();

  // Each person's choices for meeting messages: the language of the emails, and whether they
  // want a calendar file (off until they opt in: a calendar entry can be seen by others).
  await db.schema
    .createTable("meeting_preferences")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("lang", "text", (c) => c.notNull())
    .addColumn("calendar_file", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("meeting_preferences").execute();
  await db.schema.dropTable("meeting_attendance").execute();
  await db.schema.dropTable("meeting_invitations").execute();
  await db.schema.dropTable("meeting_agenda_items").execute();
  await db.schema.dropTable("meetings").execute();
}
