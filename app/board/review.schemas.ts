import * as z from "zod";

import { REVIEW_CRITERIA, SCORE_MAX, SCORE_MIN } from "./review-rules";
import { isCalendarDate } from "../platform/calendar-date";

/**
 * Forms of review and selection (client-safe). Messages are locale keys in `review:errors`.
 */
const E = "review:errors";
const list = (value: unknown) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const ID = z.string().trim().max(100, `${E}.choose`);

/** The secretariat's choice of reviewers for a call (checkboxes; none is allowed). */
export const AssignReviewersSchema = z.object({
  reviewers: z.preprocess(list, z.array(ID).max(200, `${E}.choose`)),
});

/** A conflict the secretariat records: which reviewer, which applicant. */
export const ConflictSchema = z.object({
  reviewerId: ID.min(1, `${E}.reviewer_required`),
  applicationId: ID.min(1, `${E}.applicant_required`),
});
export const CONFLICT_FIELD_ORDER = ["reviewerId", "applicationId"] as const;

/** The names a reviewer marks as known on the recusal list (none is a valid answer). */
export const RecusalSchema = z.object({
  known: z.preprocess(list, z.array(z.string().max(40, `${E}.choose`)).max(2000, `${E}.choose`)),
  /** When the page listed the names (ISO instant); anything sent later is not cleared. */
  listedAt: z.string().datetime().optional().catch(undefined),
});

/** Text limit of a redaction list and of a reviewer's notes, in characters. */
export const REVIEW_LIMITS = { list: 2000, notes: 3000 } as const;

/** What the secretariat hides in an application's free text: phrases separated by commas. */
export const RedactionSchema = z.object({
  intent: z.enum(["preview", "save"]).default("save"),
  names: z.string().max(REVIEW_LIMITS.list, `${E}.list_too_long`).default(""),
  places: z.string().max(REVIEW_LIMITS.list, `${E}.list_too_long`).default(""),
  organisations: z.string().max(REVIEW_LIMITS.list, `${E}.list_too_long`).default(""),
});
export const REDACTION_FIELD_ORDER = ["names", "places", "organisations"] as const;

const score = z
  .string(`${E}.score_required`)
  .regex(new RegExp(`^[${SCORE_MIN}-${SCORE_MAX}]$`), `${E}.score_required`)
  .transform(Number);

/** One reviewer's scores of one application: each Annex 3.2 criterion 0-3, with notes. */
export const ScoreSchema = z.object({
  experience: score,
  expertise: score,
  participation: score,
  notes: z.string().trim().max(REVIEW_LIMITS.notes, `${E}.notes_too_long`).default(""),
});
export const SCORE_FIELD_ORDER = [...REVIEW_CRITERIA, "notes"] as const;
export type ScoreInput = z.output<typeof ScoreSchema>;

/** The shortlist (checkboxes), or fixing it. */
export const ShortlistSchema = z.object({
  intent: z.enum(["shortlist", "fix"], `${E}.choose`),
  shortlist: z.preprocess(list, z.array(ID).max(2000, `${E}.choose`)),
});

const DAY = z.string().trim().refine(isCalendarDate, `${E}.date_invalid`);

/** The NRM meeting date, the day the candidate list was sent, and a reason if late. */
export const ListSentSchema = z.object({
  intent: z.literal("list"),
  meetingOn: DAY,
  sentOn: DAY,
  lateReason: z.string().trim().max(REVIEW_LIMITS.list, `${E}.list_too_long`).default(""),
});
export const LIST_SENT_FIELD_ORDER = ["meetingOn", "sentOn", "lateReason"] as const;

const COUNT = z
  .string()
  .trim()
  .regex(/^\d{1,3}$/, `${E}.votes_invalid`)
  .transform(Number);

/** The NRM's votes on one candidate and the decision. */
export const VoteSchema = z.object({
  intent: z.literal("vote"),
  applicationId: ID.min(1, `${E}.applicant_required`),
  votesFor: COUNT,
  votesAgainst: COUNT,
  decision: z.enum(["selected", "not_selected"], `${E}.decision_required`),
});
