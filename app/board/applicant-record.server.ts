import { getPersonKey, type KeyStore } from "./person-keys.server";
import { FREE_TEXT_FIELDS } from "./review-rules";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { decryptField } from "../platform/field-encryption.server";

/**
 * What review and selection hold about one application, for the applicant's data export
 * (Law no. 124/2024, right of access; issue 15). Every row is read by this application's id
 * only, so no other applicant's data can enter; "who" and "when" are given as stored (staff
 * user ids, ISO 8601 UTC times). Notes and redacted texts are decrypted with the applicant's
 * own key; when the key is gone (erased) the texts are left out as `null`.
 */
export type ApplicantReviewRecord = {
  /** Each reviewer's scores (0-3 on the three Annex 3.2 criteria) and notes. */
  reviews: {
    reviewerId: string;
    experience: number;
    expertise: number;
    participation: number;
    notes: string | null;
    submittedAt: string;
  }[];
  /** Reviewers who stepped aside: `self` (marked the name) or recorded by the secretariat. */
  recusals: { reviewerId: string; source: string; recordedAt: string; recordedBy: string | null }[];
  /** The free texts as the secretariat redacted them for blind review, or null. */
  redaction: {
    texts: Record<string, string> | null;
    redactedAt: string;
    redactedBy: string | null;
  } | null;
  /** When and by whom the application was put on the shortlist, or null. */
  shortlist: { addedAt: string; addedBy: string | null } | null;
  /** The NRM vote counts about this applicant and how the outcome was sent, or null. */
  selectionVote: {
    votesFor: number;
    votesAgainst: number;
    recordedAt: string;
    recordedBy: string | null;
    outcomeSentAt: string | null;
    outcomeChannel: string | null;
  } | null;
};

/** Reads the review and selection record of `applicationId` (see ApplicantReviewRecord). */
export async function applicantReviewRecord(
  applicationId: string,
  db: IdentityDb = getIdentityDb(),
  keys?: KeyStore,
): Promise<ApplicantReviewRecord> {
  const key = await getPersonKey(applicationId, keys);
  const [scores, recusals, redaction, shortlist, vote] = await Promise.all([
    db
      .selectFrom("board_review_scores")
      .selectAll()
      .where("application_id", "=", applicationId)
      .orderBy("submitted_at")
      .orderBy("reviewer_id")
      .execute(),
    db
      .selectFrom("board_recusals")
      .selectAll()
      .where("application_id", "=", applicationId)
      .orderBy("recorded_at")
      .orderBy("reviewer_id")
      .execute(),
    db
      .selectFrom("board_application_redactions")
      .selectAll()
      .where("application_id", "=", applicationId)
      .executeTakeFirst(),
    db
      .selectFrom("board_shortlist")
      .selectAll()
      .where("application_id", "=", applicationId)
      .executeTakeFirst(),
    db
      .selectFrom("board_selection_votes")
      .selectAll()
      .where("application_id", "=", applicationId)
      .executeTakeFirst(),
  ]);
  const storedTexts = redaction
    ? (JSON.parse(redaction.fields_encrypted) as Record<string, string>)
    : {};
  return {
    reviews: scores.map((row) => ({
      reviewerId: row.reviewer_id,
      experience: Number(row.experience),
      expertise: Number(row.expertise),
      participation: Number(row.participation),
      notes: key
        ? decryptField(
            key,
            row.notes_encrypted,
            `board_review_scores|${applicationId}|${row.reviewer_id}`,
          )
        : null,
      submittedAt: row.submitted_at,
    })),
    recusals: recusals.map((row) => ({
      reviewerId: row.reviewer_id,
      source: row.source,
      recordedAt: row.recorded_at,
      recordedBy: row.recorded_by,
    })),
    redaction: redaction
      ? {
          texts: key
            ? Object.fromEntries(
                FREE_TEXT_FIELDS.map((field) => [
                  field,
                  storedTexts[field]
                    ? decryptField(
                        key,
                        storedTexts[field],
                        `board_application_redactions|${applicationId}|${field}`,
                      )
                    : "",
                ]),
              )
            : null,
          redactedAt: redaction.redacted_at,
          redactedBy: redaction.redacted_by,
        }
      : null,
    shortlist: shortlist ? { addedAt: shortlist.added_at, addedBy: shortlist.added_by } : null,
    selectionVote: vote
      ? {
          votesFor: Number(vote.votes_for),
          votesAgainst: Number(vote.votes_against),
          recordedAt: vote.recorded_at,
          recordedBy: vote.recorded_by,
          outcomeSentAt: vote.outcome_sent_at,
          outcomeChannel: vote.outcome_channel,
        }
      : null,
  };
}
