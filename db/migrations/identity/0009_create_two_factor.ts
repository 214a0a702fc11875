import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Two-step sign-in with a time-based one-time password (RFC 6238, decision 020). One row per
  // person who has started or finished setting it up. The shared secrets are encrypted with
  // DATA_KEY (the user id as associated data). secret_encrypted is the one in use (null until
  // the first code is confirmed); pending_secret_encrypted is one being set up and replaces it
  // only once a code from it is typed.
  await db.schema
    .createTable("user_totp")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("secret_encrypted", "text")
    .addColumn("confirmed_at", "text")
    .addColumn("pending_secret_encrypted", "text")
    .addColumn("pending_created_at", "text")
    .execute();

  // Time steps (30-second windows, counted from 1970) whose code has been accepted: the primary
  // key makes a code usable once, even by two requests at the same moment on two instances.
  // Steps older than the accepted window are deleted.
  await db.schema
    .createTable("totp_used_steps")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("step", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("totp_used_steps_pkey", ["user_id", "step"])
    .execute();

  // Ten single-use recovery codes per person; only a hash of each is stored.
  await db.schema
    .createTable("recovery_codes")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addPrimaryKeyConstraint("recovery_codes_pkey", ["user_id", "code_hash"])
    .execute();

  // A sign-in between the password and the second step: no session and no rights yet. The
  // browser holds only a random token in a short-lived cookie; its hash is the key here.
  // stage is "code" (type a code) or "enrol" (a required role without two-step sign-in yet).
  await db.schema
    .createTable("sign_in_challenges")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("redirect_to", "text", (c) => c.notNull())
    .addColumn("kept", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sign_in_challenges_expires_at")
    .on("sign_in_challenges")
    .column("expires_at")
    .execute();

  // Wrong second-step codes per account, shared by every instance (as sign_in_throttle).
  await db.schema
    .createTable("two_factor_throttle")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_failure_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("two_factor_throttle").execute();
  await db.schema.dropTable("sign_in_challenges").execute();
  await db.schema.dropTable("recovery_codes").execute();
  await db.schema.dropTable("totp_used_steps").execute();
  await db.schema.dropTable("user_totp").execute();
}
