import type { Kysely } from "kysely";

import { withoutRowid } from "../../open-store";

export async function up(db: Kysely<unknown>): Promise<void> {
  // A person's membership of a survivor advisory board (instruments.md §4, Art. 5, 14 d, 15).
  // Contact fields are AES-256-GCM under DATA_KEY (app/board/membership.server.ts), bound to
  // the row id and the column name. `application_id` links a membership to the application it
  // came from, once selection exists (no foreign key: applications live in another migration).
  await db.schema
    .createTable("board_memberships")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("board_id", "text", (c) => c.notNull().references("boards.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("application_id", "text")
    .addColumn("full_name_encrypted", "text", (c) => c.notNull())
    .addColumn("email_encrypted", "text", (c) => c.notNull())
    .addColumn("phone_encrypted", "text")
    // invited: account invited, form not signed; signed: voluntary participation form signed
    // (Art. 15), waiting for activation; active; ended (withdrawn or ended by the secretariat).
    .addColumn("status", "text", (c) => c.notNull().defaultTo("invited"))
    .addColumn("participation_name_encrypted", "text")
    .addColumn("participation_signed_on", "text")
    .addColumn("term_starts_on", "text")
    .addColumn("term_ends_on", "text")
    .addColumn("renewals", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("term_reminder_sent_at", "text")
    // Art. 5: why a change that leaves the board outside 3, 5 or 7 members was made anyway.
    .addColumn("activation_reason", "text")
    .addColumn("ended_on", "text")
    .addColumn("end_kind", "text")
    .addColumn("end_reason_encrypted", "text")
    .addColumn("end_composition_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("board_memberships_board")
    .on("board_memberships")
    .column("board_id")
    .execute();

  // Positions held (Art. 6 e): chair for one year, re-electable once; other positions alike.
  await db.schema
    .createTable("board_positions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("board_id", "text", (c) => c.notNull().references("boards.id").onDelete("cascade"))
    .addColumn("membership_id", "text", (c) =>
      c.notNull().references("board_memberships.id").onDelete("cascade"),
    )
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("election_id", "text")
    .execute();

  // A round of a secret ballot (docs/decisions/023). No choice is stored here until the close,
  // and then only the totals (`results`, JSON), which are the published outcome.
  await db.schema
    .createTable("board_elections")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("board_id", "text", (c) => c.notNull().references("boards.id").onDelete("cascade"))
    .addColumn("position", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    // Membership ids standing, JSON array.
    .addColumn("candidates", "text", (c) => c.notNull())
    .addColumn("eligible_count", "integer", (c) => c.notNull())
    // The process holding this round's ballots in memory until the close (decision 023).
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("opened_on", "text", (c) => c.notNull())
    .addColumn("closed_on", "text")
    .addColumn("outcome", "text")
    .addColumn("results", "text")
    .addColumn("elected_membership_id", "text")
    .execute();

  // Who may vote in a round and whether they have: the only link between a member and a round.
  // Never written in the same transaction as a ballot.
  await db.schema
    .createTable("board_election_voters")
    .addColumn("election_id", "text", (c) =>
      c.notNull().references("board_elections.id").onDelete("cascade"),
    )
    .addColumn("membership_id", "text", (c) => c.notNull())
    .addColumn("has_voted", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("board_election_voters_pk", ["election_id", "membership_id"])
    .execute();

  // The ballots of closed rounds: a random key and the choice ("" for a blank ballot). No
  // voter, no time, no sequence. All of a round's ballots are written shuffled in the one
  // transaction that closes it; on SQLite the table is stored in key order (WITHOUT ROWID).
  await db.schema
    .createTable("board_ballots")
    .addColumn("election_id", "text", (c) =>
      c.notNull().references("board_elections.id").onDelete("cascade"),
    )
    .addColumn("ballot_key", "text", (c) => c.notNull())
    .addColumn("choice", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("board_ballots_pk", ["election_id", "ballot_key"])
    .modifyEnd(withoutRowid(db))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("board_ballots").execute();
  await db.schema.dropTable("board_election_voters").execute();
  await db.schema.dropTable("board_elections").execute();
  await db.schema.dropTable("board_positions").execute();
  await db.schema.dropTable("board_memberships").execute();
}
