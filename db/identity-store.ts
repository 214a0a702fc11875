import type { Kysely } from "kysely";

import { identityMigrations } from "./migrations/identity";
import { migrateStore, openStore } from "./open-store";
import { getConfig } from "../app/platform/config.server";

/**
 * The identity store: staff accounts, sessions, invitations, the audit log, and later board
 * applications, members and meetings. It never holds feedback answers, and no module may
 * import this store together with the response store (tests/unit/store-separation.test.ts).
 */
export type IdentityDatabase = {
  users: {
    id: string;
    email: string;
    display_name: string;
    password_hash: string | null;
    status: "invited" | "active" | "disabled";
    created_at: string;
    password_changed_at: string | null;
    /** Keyed hash of a sealed account's email, for sign-in (migration 0022); null for staff. */
    email_lookup: string | null;
    /** A board member's email and name under the account's own key (0022, decision 046). */
    email_encrypted: string | null;
    display_name_encrypted: string | null;
  };
  user_roles: { user_id: string; role: string };
  sessions: { id_hash: string; user_id: string; created_at: string; last_seen_at: string };
  invitations: {
    token_hash: string;
    user_id: string;
    invited_by: string | null;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
  sign_in_throttle: {
    email_key: string;
    failures: number;
    last_failure_at: string;
    locked_until: string | null;
  };
  audit_events: {
    id: string;
    occurred_at: string;
    actor_user_id: string | null;
    actor_email: string | null;
    action: string;
    subject: string | null;
    details: string | null;
  };
  feedback_campaigns: {
    id: string;
    slug: string;
    template_id: string;
    template_version: number;
    organisation_id: string | null;
    purpose: string;
    collector_provided_support: number;
    sections: string;
    opens_on: string;
    closes_on: string;
    languages: string;
    access_mode: string;
    respondent_mode: string;
    date_granularity: string;
    min_group_size: number;
    created_by: string | null;
    created_at: string;
  };
  /** A campaign's wording in each offered language (migration 0006). */
  feedback_campaign_texts: {
    campaign_id: string;
    lang: string;
    title: string;
    purpose_other: string | null;
    collecting_organisation: string;
  };
  organisations: { id: string; name: string; type: string; created_at: string };
  organisation_members: { organisation_id: string; user_id: string };
  programmes: {
    id: string;
    organisation_id: string;
    name: string;
    description: string;
    status: "active" | "closed";
    created_at: string;
  };
  assessments: {
    id: string;
    programme_id: string;
    assessed_on: string;
    participants: string;
    status: "draft" | "completed";
    version: number;
    instrument_version: number;
    created_by: string | null;
    created_at: string;
    completed_at: string | null;
    revision_of: string | null;
  };
  assessor_scores: {
    assessment_id: string;
    assessor_id: string;
    item_id: string;
    score: number | null;
    note: string;
  };
  good_practices: {
    id: string;
    organisation_id: string;
    title: string;
    description: string;
    answers: string;
    status: "draft" | "completed";
    version: number;
    created_by: string | null;
    created_at: string;
    completed_at: string | null;
  };
  assessment_scores: { assessment_id: string; item_id: string; score: number | null; note: string };
  kept_inputs: {
    token_hash: string;
    path: string;
    user_id: string | null;
    values_encrypted: string;
    created_at: string;
    expires_at: string;
  };
  password_resets: {
    token_hash: string;
    user_id: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
  };
  user_totp: {
    user_id: string;
    secret_encrypted: string | null;
    confirmed_at: string | null;
    pending_secret_encrypted: string | null;
    pending_created_at: string | null;
  };
  totp_used_steps: { user_id: string; step: number };
  recovery_codes: {
    user_id: string;
    code_hash: string;
    created_at: string;
    used_at: string | null;
  };
  sign_in_challenges: {
    id_hash: string;
    user_id: string;
    stage: "code" | "enrol";
    redirect_to: string;
    kept: string | null;
    created_at: string;
    expires_at: string;
  };
  two_factor_throttle: {
    user_id: string;
    failures: number;
    last_failure_at: string;
    locked_until: string | null;
  };
  boards: {
    id: string;
    name: string;
    /** English name, "" when none (then English pages show `name`); migration 0023. */
    name_en: string;
    areas: string;
    areas_other: string;
    residence_rule: "citizen" | "citizen_or_resident";
    mandate_months: number;
    created_at: string;
    created_by: string | null;
  };
  declaration_versions: {
    version: number;
    text_sq: string;
    text_en: string;
    published_at: string;
    published_by: string | null;
  };
  declaration_signatures: {
    user_id: string;
    version: number;
    language: string;
    text_hash: string;
    signed_name_encrypted: string;
    signed_at: string;
  };
  /** Board membership (migration 0011, app/board/membership.server.ts). */
  board_memberships: {
    id: string;
    board_id: string;
    user_id: string | null;
    application_id: string | null;
    full_name_encrypted: string;
    email_encrypted: string;
    phone_encrypted: string | null;
    status: "invited" | "signed" | "active" | "ended";
    participation_name_encrypted: string | null;
    participation_signed_on: string | null;
    term_starts_on: string | null;
    term_ends_on: string | null;
    renewals: number;
    term_reminder_sent_at: string | null;
    /** Before migration 0021 only: emptied at start once sealed into the column below. */
    activation_reason: string | null;
    /** The Art. 5 reason for an activation, under the member's own key (0021). */
    activation_reason_encrypted: string | null;
    ended_on: string | null;
    end_kind: "withdrawn" | "ended" | null;
    end_reason_encrypted: string | null;
    /** Before migration 0021 only: emptied at start once sealed into the column below. */
    end_composition_reason: string | null;
    /** The Art. 5 reason for an end, under the member's own key (0021). */
    end_composition_reason_encrypted: string | null;
    created_at: string;
    created_by: string | null;
  };
  board_positions: {
    id: string;
    board_id: string;
    membership_id: string;
    position: string;
    starts_on: string;
    ends_on: string;
    election_id: string | null;
  };
  board_elections: {
    id: string;
    board_id: string;
    position: string;
    status: "open" | "closed" | "void";
    candidates: string;
    eligible_count: number;
    holder: string;
    opened_on: string;
    closed_on: string | null;
    outcome: string | null;
    results: string | null;
    elected_membership_id: string | null;
  };
  board_election_voters: { election_id: string; membership_id: string; has_voted: number };
  board_ballots: { election_id: string; ballot_key: string; choice: string };
  /** Calls for board members (migration 0010). */
  board_calls: {
    id: string;
    board_id: string;
    opens_on: string;
    closes_on: string;
    blind_mode: number;
    created_at: string;
    created_by: string | null;
  };
  /** Board applications, personal fields encrypted per applicant (migration 0010). */
  board_applications: {
    id: string;
    call_id: string;
    status: "submitted" | "withdrawn" | "selected" | "not_selected";
    reference_code: string;
    passphrase_hash: string;
    email_lookup: string;
    fields_encrypted: string;
    lang: string;
    submitted_at: string;
    decided_at: string | null;
  };
  board_access_attempts: { attempt_key: string; failures: number; window_started_at: string };
  board_passphrase_resets: {
    token_hash: string;
    application_id: string;
    expires_at: string;
    used_at: string | null;
  };
  board_stay_informed: {
    id: string;
    board_id: string;
    email_encrypted: string;
    created_at: string;
    /** Keyed hash of the email per board (migration 0020); null on rows kept before it. */
    email_lookup: string | null;
  };
  /** Board meetings (migration 0014, app/meetings/meetings.server.ts). */
  meetings: {
    id: string;
    board_id: string;
    starts_at: string;
    meeting_day: string;
    place: string;
    online_link: string;
    briefing: string;
    extraordinary: number;
    extraordinary_reason: string | null;
    notice_sent_on: string;
    created_at: string;
    created_by: string | null;
    sequence: number;
    changed_at: string | null;
    cancelled_at: string | null;
    cancelled_by: string | null;
    cancellation_reason_encrypted: string | null;
  };
  closed_days: {
    day: string;
    label: string;
    created_at: string;
    created_by: string | null;
  };
  meeting_agenda_items: {
    id: string;
    meeting_id: string;
    position: number;
    title: string;
    summary: string;
  };
  meeting_invitations: {
    meeting_id: string;
    user_id: string;
    reply: "confirmed" | "declined" | null;
    decline_reason_encrypted: string | null;
    replied_at: string | null;
    reminded_at: string | null;
    guest: number;
  };
  meeting_attendance: {
    meeting_id: string;
    user_id: string;
    status: "present" | "late" | "left_early" | "excused" | "absent";
    recorded_at: string;
    recorded_by: string | null;
  };
  meeting_preferences: { user_id: string; lang: string; calendar_file: number };
  /** Minutes of meetings, revisions and comments (migration 0015, app/meetings/minutes.server.ts). */
  minutes: {
    id: string;
    meeting_id: string;
    number: number;
    status: "draft" | "circulated" | "approved";
    comment_deadline: string | null;
    circulated_at: string | null;
    acting_chair_id: string | null;
    approval_kind: "chair" | "acting_chair" | "meeting" | null;
    approval_meeting_id: string | null;
    approved_at: string | null;
    approved_by: string | null;
    content_hash: string | null;
    created_at: string;
  };
  minutes_revisions: {
    minutes_id: string;
    number: number;
    content: string;
    created_at: string;
    created_by: string | null;
  };
  minutes_comments: {
    id: string;
    minutes_id: string;
    revision: number;
    user_id: string | null;
    agenda_item_id: string | null;
    kind: "comment" | "no_objection";
    body: string;
    created_at: string;
    resolved_at: string | null;
  };
  /** Action items of a meeting (migration 0016, app/meetings/action-items.server.ts). */
  meeting_action_items: {
    id: string;
    meeting_id: string;
    agenda_item_id: string;
    task: string;
    owner_user_id: string | null;
    due_on: string;
    status: "open" | "done" | "dropped";
    declined_at: string | null;
    reminded_before_at: string | null;
    reminded_overdue_at: string | null;
    created_at: string;
    created_by: string | null;
    updated_at: string;
  };
  /** Review and selection of a call's applications (migration 0013). */
  board_call_reviewers: {
    call_id: string;
    user_id: string;
    assigned_at: string;
    assigned_by: string | null;
    recusal_done_at: string | null;
  };
  board_recusals: {
    application_id: string;
    reviewer_id: string;
    source: "self" | "secretariat";
    recorded_at: string;
    recorded_by: string | null;
  };
  board_application_redactions: {
    application_id: string;
    fields_encrypted: string;
    redacted_at: string;
    redacted_by: string | null;
  };
  board_review_scores: {
    application_id: string;
    reviewer_id: string;
    experience: number;
    expertise: number;
    participation: number;
    notes_encrypted: string;
    submitted_at: string;
  };
  board_shortlist: {
    application_id: string;
    call_id: string;
    added_at: string;
    added_by: string | null;
  };
  board_call_selection: {
    call_id: string;
    shortlist_fixed_at: string | null;
    shortlist_fixed_by: string | null;
    nrm_meeting_on: string | null;
    list_sent_on: string | null;
    list_late_reason: string | null;
  };
  board_selection_votes: {
    application_id: string;
    votes_for: number;
    votes_against: number;
    recorded_at: string;
    recorded_by: string | null;
    outcome_sent_at: string | null;
    outcome_channel: "email" | "personal" | null;
  };
  outbox: {
    id: string;
    recipient: string;
    subject: string;
    body_encrypted: string;
    created_at: string;
  };
};

export type IdentityDb = Kysely<IdentityDatabase>;

let instance: IdentityDb | undefined;

export function getIdentityDb(): IdentityDb {
  const { identityStorePath, identityDatabaseUrl, databasePoolSize } = getConfig();
  instance ??= openStore<IdentityDatabase>(
    identityDatabaseUrl
      ? { engine: "postgres", url: identityDatabaseUrl, poolSize: databasePoolSize }
      : // secure_delete: what an erasure deletes or overwrites (mail waiting for an erased
        // member, a closed account's address) leaves no bytes in the file's free space, and so
        // none in a snapshot taken later (decision 046).
        { engine: "sqlite", filename: identityStorePath, options: { secureDelete: true } },
  );
  return instance;
}

export function migrateIdentityStore(db: IdentityDb = getIdentityDb()): Promise<string[]> {
  return migrateStore(db as Kysely<unknown>, identityMigrations, "identity");
}

export async function closeIdentityDb(): Promise<void> {
  const db = instance;
  instance = undefined;
  await db?.destroy();
}
