import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  // Reviewers assigned to a call by the secretariat (issue 15, "Review and selection").
  // `recusal_done_at`: when the reviewer finished going through the shuffled list of names;
  // until then they see no application of the call.
  await db.schema
    .createTable("board_call_reviewers")
    .addColumn("call_id", "text", (c) =>
      c.notNull().references("board_calls.id").onDelete("cascade"),
    )
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("assigned_at", "text", (c) => c.notNull())
    .addColumn("assigned_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("recusal_done_at", "text")
    .addPrimaryKeyConstraint("board_call_reviewers_pk", ["call_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("board_call_reviewers_user")
    .on("board_call_reviewers")
    .column("user_id")
    .execute();

  // A recorded conflict of interest: the reviewer marked the applicant's name (`self`), or the
  // secretariat recorded it (`secretariat`). Conflicts found by the nominating organisation are
  // computed on every check, not stored (app/board/recusal.server.ts). Goes with the
  // application when it is erased.
  await db.schema
    .createTable("board_recusals")
    .addColumn("application_id", "text", (c) =>
      c.notNull().references("board_applications.id").onDelete("cascade"),
    )
    .addColumn("reviewer_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("board_recusals_pk", ["application_id", "reviewer_id"])
    .execute();

  // The free-text answers as reviewers see them in blind mode, after the secretariat redacted
  // names, towns and organisations: encrypted under the applicant's own key (crypto-shredding,
  // decision 021), like the application itself.
  await db.schema
    .createTable("board_application_redactions")
    .addColumn("application_id", "text", (c) =>
      c.primaryKey().references("board_applications.id").onDelete("cascade"),
    )
    .addColumn("fields_encrypted", "text", (c) => c.notNull())
    .addColumn("redacted_at", "text", (c) => c.notNull())
    .addColumn("redacted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();

  // One reviewer's scores of one application on the three individual criteria of Annex 3.2
  // (0-3 each); the notes are about a person, so encrypted under the applicant's key.
  await db.schema
    .createTable("board_review_scores")
    .addColumn("application_id", "text", (c) =>
      c.notNull().references("board_applications.id").onDelete("cascade"),
    )
    .addColumn("reviewer_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("experience", "integer", (c) => c.notNull())
    .addColumn("expertise", "integer", (c) => c.notNull())
    .addColumn("participation", "integer", (c) => c.notNull())
    .addColumn("notes_encrypted", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("board_review_scores_pk", ["application_id", "reviewer_id"])
    .execute();

  // The shortlist of a call, and when the secretariat fixed it (blind mode ends then).
  await db.schema
    .createTable("board_shortlist")
    .addColumn("application_id", "text", (c) =>
      c.primaryKey().references("board_applications.id").onDelete("cascade"),
    )
    .addColumn("call_id", "text", (c) =>
      c.notNull().references("board_calls.id").onDelete("cascade"),
    )
    .addColumn("added_at", "text", (c) => c.notNull())
    .addColumn("added_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();
  await db.schema
    .createTable("board_call_selection")
    .addColumn("call_id", "text", (c) =>
      c.primaryKey().references("board_calls.id").onDelete("cascade"),
    )
    .addColumn("shortlist_fixed_at", "text")
    .addColumn("shortlist_fixed_by", "text", (c) => c.references("users.id").onDelete("set null"))
    // Art. 6 b-d: the NRM meeting that votes, the day the candidate list reached the
    // directorate (due 10 working days before), and the reason when it was later.
    .addColumn("nrm_meeting_on", "text")
    .addColumn("list_sent_on", "text")
    .addColumn("list_late_reason", "text")
    .execute();

  // The NRM vote on each shortlisted candidate: counts only (the vote is the NRM's, recorded by
  // the secretariat); the decision itself is the application's status.
  await db.schema
    .createTable("board_selection_votes")
    .addColumn("application_id", "text", (c) =>
      c.primaryKey().references("board_applications.id").onDelete("cascade"),
    )
    .addColumn("votes_for", "integer", (c) => c.notNull())
    .addColumn("votes_against", "integer", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.references("users.id").onDelete("set null"))
    // When the applicant was told the outcome, and how: `email` (a neutral message pointing to
    // the status page behind the reference code) or `personal` (email not allowed: the
    // secretariat tells them by the channel they allowed).
    .addColumn("outcome_sent_at", "text")
    .addColumn("outcome_channel", "text")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("board_selection_votes").execute();
  await db.schema.dropTable("board_call_selection").execute();
  await db.schema.dropTable("board_shortlist").execute();
  await db.schema.dropTable("board_review_scores").execute();
  await db.schema.dropTable("board_application_redactions").execute();
  await db.schema.dropTable("board_recusals").execute();
  await db.schema.dropTable("board_call_reviewers").execute();
}
