// Client-safe: the audit page's filter lists these in the browser too.
/** Every audited action. Later features add theirs (e.g. "application.viewed"). */
export const AUDIT_ACTIONS = [
  "sign_in",
  "sign_in_failed",
  "sign_in_locked",
  "sign_out",
  "password_changed",
  "invitation_sent",
  "invitation_accepted",
  "roles_changed",
  "account_disabled",
  "account_enabled",
  "outbox_message_viewed",
  "feedback_campaign_created",
  "feedback_codes_generated",
  "feedback_free_text_viewed",
  "feedback_free_text_reviewed",
  "feedback_exported",
  "organisation_created",
  "organisation_members_changed",
  "programme_created",
  "programme_status_changed",
  "assessment_completed",
  "good_practice_created",
  "good_practice_completed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
