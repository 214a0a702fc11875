/**
 * Every column that holds a value encrypted under DATA_KEY (app/platform/field-encryption.server.ts),
 * with the associated data it was encrypted with. `npm run rotate-data-key` walks this list and
 * nothing else, so a column missing here would stay under the old key and become unreadable.
 *
 * Adding an encrypted column: append one row. db/encrypted-columns.test.ts fails when a column
 * named `*_encrypted` exists in a migrated store without a row here, or when a call of
 * encryptField/decryptField uses associated data that no row's `contextPrefix` starts.
 */
export type EncryptedColumn = {
  store: "identity" | "responses";
  table: string;
  column: string;
  /** The table's primary-key columns: each value is written back to its own row. */
  key: readonly string[];
  /** The associated data of this row's value, exactly as the feature code builds it. */
  context: (row: Readonly<Record<string, unknown>>) => string;
  /** The fixed start of every associated data of this column (checked against the call sites). */
  contextPrefix: string;
};

const text = (value: unknown): string => {
  if (typeof value !== "string") throw new Error("An encrypted row's key is not text");
  return value;
};

export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  // app/platform/email.server.ts: mail kept in the outbox when no SMTP server is configured.
  {
    store: "identity",
    table: "outbox",
    column: "body_encrypted",
    key: ["id"],
    context: (row) => `outbox:${text(row.id)}`,
    contextPrefix: "outbox:",
  },
  // app/auth/kept-input.server.ts: a form's values kept across sign-in (30 minutes).
  {
    store: "identity",
    table: "kept_inputs",
    column: "values_encrypted",
    key: ["token_hash"],
    context: (row) => `kept_input:${text(row.token_hash)}`,
    contextPrefix: "kept_input:",
  },
  // app/feedback/responses.server.ts: acknowledged submissions waiting for the move (PostgreSQL).
  {
    store: "responses",
    table: "held_submissions",
    column: "payload_encrypted",
    key: ["id"],
    context: () => "held-submission",
    contextPrefix: "held-submission",
  },
  // app/feedback/responses.server.ts: free-text answers and their redacted form.
  {
    store: "responses",
    table: "free_text_answers",
    column: "text_encrypted",
    key: ["id"],
    context: (row) => `free-text:${text(row.id)}`,
    contextPrefix: "free-text:",
  },
  {
    store: "responses",
    table: "free_text_answers",
    column: "redacted_encrypted",
    key: ["id"],
    context: (row) => `free-text-redacted:${text(row.id)}`,
    contextPrefix: "free-text-redacted:",
  },
  // app/feedback/responses.server.ts: what the results page last showed (docs/decisions/009).
  {
    store: "responses",
    table: "published_results",
    column: "publication_encrypted",
    key: ["campaign_id"],
    context: (row) => `published-results:${text(row.campaign_id)}`,
    contextPrefix: "published-results:",
  },
  // app/meetings/declarations.server.ts: the full name typed to sign the declaration.
  {
    store: "identity",
    table: "declaration_signatures",
    column: "signed_name_encrypted",
    key: ["user_id", "version"],
    context: (row) => `declaration:${text(row.user_id)}:${Number(row.version)}`,
    contextPrefix: "declaration:",
  },
  // app/auth/totp.server.ts: a person's TOTP secret, and the one being set up.
  {
    store: "identity",
    table: "user_totp",
    column: "secret_encrypted",
    key: ["user_id"],
    context: (row) => `user_totp.secret|${text(row.user_id)}`,
    contextPrefix: "user_totp.secret|",
  },
  {
    store: "identity",
    table: "user_totp",
    column: "pending_secret_encrypted",
    key: ["user_id"],
    context: (row) => `user_totp.pending|${text(row.user_id)}`,
    contextPrefix: "user_totp.pending|",
  },
  // app/meetings/meetings.server.ts: why an invitee declined a meeting (Art. 11 d).
  {
    store: "identity",
    table: "meeting_invitations",
    column: "decline_reason_encrypted",
    key: ["meeting_id", "user_id"],
    context: (row) => `meeting_invitations:${text(row.meeting_id)}:${text(row.user_id)}:reason`,
    contextPrefix: "meeting_invitations:",
  },
  // app/meetings/meetings.server.ts: why a meeting was cancelled (decision 037).
  {
    store: "identity",
    table: "meetings",
    column: "cancellation_reason_encrypted",
    key: ["id"],
    context: (row) => `meetings:${text(row.id)}:cancellation_reason`,
    contextPrefix: "meetings:",
  },
];

/**
 * Columns encrypted under each person's own data key, not under DATA_KEY (crypto-shredding,
 * docs/decisions/021): rotating DATA_KEY must not touch these values, only re-wrap the person
 * keys in the key store (DATA_DIR/person-keys.sqlite or DATABASE_URL_KEYS,
 * app/board/person-keys.server.ts). The registry test
 * accepts them as known so that a new `*_encrypted` column still has to be placed in one list.
 */
export const UNDER_PERSON_KEYS: readonly Pick<
  EncryptedColumn,
  "store" | "table" | "column" | "contextPrefix"
>[] = [
  {
    store: "identity",
    table: "board_applications",
    column: "fields_encrypted",
    contextPrefix: "board_applications|",
  },
  // app/board/member-data-keys.server.ts: a board member's name and contacts, the name typed on
  // the voluntary participation form, the reason a membership ended and the secretariat's Art. 5
  // reasons (migration 0021), under the membership's own key (decision 035). The prefix also covers the older form under DATA_KEY
  // ("board_memberships:<id>:<column>"), which is moved under the member's key at start and
  // by `npm run rotate-data-key` before it rotates anything.
  ...(
    [
      "full_name_encrypted",
      "email_encrypted",
      "phone_encrypted",
      "participation_name_encrypted",
      "end_reason_encrypted",
      "activation_reason_encrypted",
      "end_composition_reason_encrypted",
    ] as const
  ).map((column) => ({
    store: "identity" as const,
    table: "board_memberships",
    column,
    contextPrefix: "board_memberships",
  })),
  // app/board/stay-informed.server.ts: the email of someone erased who asked to stay informed,
  // under a key of its own (decision 043). The prefix also covers the older form under DATA_KEY
  // ("board_stay_informed|<id>"), moved at start and by `npm run rotate-data-key` first.
  {
    store: "identity",
    table: "board_stay_informed",
    column: "email_encrypted",
    contextPrefix: "board_stay_informed|",
  },
  // app/auth/account-keys.server.ts: a board member's account's email and name, under the
  // account's own key (decision 046, migration 0022). The same prefix marks the names typed under
  // declarations and the reasons for declining that such an account seals inside their DATA_KEY
  // columns (declaration_signatures, meeting_invitations above): the rotation re-encrypts only
  // the outer layer.
  ...(["email_encrypted", "display_name_encrypted"] as const).map((column) => ({
    store: "identity" as const,
    table: "users",
    column,
    contextPrefix: "users|",
  })),
  // app/board/review.server.ts: the free text as redacted for blind review, and reviewers' notes.
  {
    store: "identity",
    table: "board_application_redactions",
    column: "fields_encrypted",
    contextPrefix: "board_application_redactions|",
  },
  {
    store: "identity",
    table: "board_review_scores",
    column: "notes_encrypted",
    contextPrefix: "board_review_scores|",
  },
];
