import * as z from "zod";

/**
 * A decision on one free-text answer in the redaction queue (issue 13 §10):
 * - `preview`: show the text as it would appear in reports, nothing stored;
 * - `approve`: store it as previewed (`previewed` is the wording the preview showed);
 * - `exclude`: leave a waiting text out of reports;
 * - `withdraw`: take an approved text back out of reports and exports.
 * Messages are locale keys (feedback namespace).
 */
const lists = {
  text: z.string().max(4000, "feedback:staff.freeText.errors.text_too_long"),
  names: z.string().max(1000, "feedback:staff.freeText.errors.list_too_long").default(""),
  places: z.string().max(1000, "feedback:staff.freeText.errors.list_too_long").default(""),
  dates: z.string().max(1000, "feedback:staff.freeText.errors.list_too_long").default(""),
};
const id = z.uuid("feedback:staff.freeText.notice.missing");

export const FreeTextDecisionSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("preview"), id, ...lists }),
  z.object({
    decision: z.literal("approve"),
    id,
    ...lists,
    // Markers can make the redacted wording longer than the text itself.
    previewed: z.string().max(20000).default(""),
  }),
  z.object({ decision: z.literal("exclude"), id }),
  z.object({ decision: z.literal("withdraw"), id }),
]);
export type FreeTextDecision = z.infer<typeof FreeTextDecisionSchema>;

/** The redaction fields of one queue item as typed, kept when the page comes back. */
export type RedactionValues = { text: string; names: string; places: string; dates: string };
