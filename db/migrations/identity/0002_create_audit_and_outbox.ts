import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // No foreign key on the actor: the record of what happened outlives the account.
  await db.schema
    .createTable("audit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("occurred_at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("actor_email", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject", "text")
    .addColumn("details", "text")
    .execute();
  await db.schema
    .createIndex("audit_events_occurred_at")
    .on("audit_events")
    .column("occurred_at")
    .execute();
  await db.schema
    .createIndex("audit_events_action_occurred_at")
    .on("audit_events")
    .columns(["action", "occurred_at"])
    .execute();

  // Mail that could not be sent by SMTP (none configured) waits here for an admin to read.
  // Bodies hold invitation links, so they are encrypted at rest.
  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_encrypted", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("outbox_created_at").on("outbox").column("created_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("outbox").execute();
  await db.schema.dropTable("audit_events").execute();
}
