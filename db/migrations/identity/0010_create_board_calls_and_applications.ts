import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // A call for members of a board (issue 15, "The board and its call"): open and close dates
  // are calendar dates in TIME_ZONE (YYYY-MM-DD, both days included); blind review is on by
  // default.
  await db.schema
    .createTable("board_calls")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("board_id", "text", (c) => c.notNull().references("boards.id").onDelete("cascade"))
    .addColumn("opens_on", "text", (c) => c.notNull())
    .addColumn("closes_on", "text", (c) => c.notNull())
    .addColumn("blind_mode", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();

  // One application (Annex 3.3). Every personal field and free-text answer sits in
  // `fields_encrypted`: a JSON object field → AES-256-GCM value under the applicant's own data
  // key (kept wrapped by DATA_KEY outside this store, app/board/person-keys.server.ts), so
  // destroying that key erases the application in every backup too (decision 021).
  await db.schema
    .createTable("board_applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("call_id", "text", (c) =>
      c.notNull().references("board_calls.id").onDelete("cascade"),
    )
    // submitted | withdrawn | selected | not_selected
    .addColumn("status", "text", (c) => c.notNull().defaultTo("submitted"))
    .addColumn("reference_code", "text", (c) => c.notNull().unique())
    .addColumn("passphrase_hash", "text", (c) => c.notNull())
    // HMAC of the call and the normalised email (key derived from DATA_KEY): finds a second
    // application by the same email to the same call without storing the email in clear.
    .addColumn("email_lookup", "text", (c) => c.notNull())
    .addColumn("fields_encrypted", "text", (c) => c.notNull())
    .addColumn("lang", "text", (c) => c.notNull().defaultTo("sq"))
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .execute();
  await db.schema
    .createIndex("board_applications_by_call_email")
    .on("board_applications")
    .columns(["call_id", "email_lookup"])
    .execute();

  // Wrong reference or passphrase: failures counted per reference and per client (salted
  // hourly client hash), so guessing is slow. Keys are hashed; rows expire with their window.
  await db.schema
    .createTable("board_access_attempts")
    .addColumn("attempt_key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .execute();

  // A lost passphrase: a single-use link (hash only) sent to the email given.
  await db.schema
    .createTable("board_passphrase_resets")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) =>
      c.notNull().references("board_applications.id").onDelete("cascade"),
    )
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  // What stays of an erased application whose applicant chose to stay informed: the email
  // (encrypted under DATA_KEY) and the board. Nothing else.
  await db.schema
    .createTable("board_stay_informed")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("board_id", "text", (c) => c.notNull().references("boards.id").onDelete("cascade"))
    .addColumn("email_encrypted", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("board_stay_informed").execute();
  await db.schema.dropTable("board_passphrase_resets").execute();
  await db.schema.dropTable("board_access_attempts").execute();
  await db.schema.dropTable("board_applications").execute();
  await db.schema.dropTable("board_calls").execute();
}
