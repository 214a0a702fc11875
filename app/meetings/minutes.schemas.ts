import * as z from "zod";

import { isCalendarDate } from "../platform/calendar-date";
import { storableText, type FieldErrors, type FormValues } from "../ui/parse-form";

/**
 * Forms of the minutes pages (client-safe). Messages are locale keys in `minutes:errors`.
 * Minutes fields are named by agenda position (1-based): `discussion3`, `decisions3`,
 * `confidential3`.
 */
export const MAX_MINUTES_FIELD_LENGTH = 20_000;
export const MAX_COMMENT_LENGTH = 5_000;

/** The text of one agenda item as typed in the minutes form. */
export type MinutesItemInput = { discussion: string; decisions: string; confidential: boolean };

/**
 * Reads the minutes form of a meeting with `itemCount` agenda items: per item the discussion
 * and the decisions (Markdown, at most 20,000 characters each) and the confidential mark.
 * Errors are keyed by field name (`discussion2`: minutes:errors.too_long).
 */
export function parseMinutesForm(
  values: FormValues,
  itemCount: number,
): { items: MinutesItemInput[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const items: MinutesItemInput[] = [];
  const read = (name: string) => {
    const value = values[name];
    const text = storableText(typeof value === "string" ? value : "").trim();
    if (text.length > MAX_MINUTES_FIELD_LENGTH) errors[name] = "minutes:errors.too_long";
    return text;
  };
  for (let i = 1; i <= itemCount; i++)
    items.push({
      discussion: read(`discussion${i}`),
      decisions: read(`decisions${i}`),
      confidential: values[`confidential${i}`] === "yes",
    });
  return { items, errors };
}

/** Circulating minutes: the last day on which comments are accepted (checked against today by the command). */
export const CirculateSchema = z.object({
  deadline: z.string().trim().refine(isCalendarDate, "minutes:errors.deadline_invalid"),
});

/**
 * A member's answer to circulated minutes: a comment on one agenda item (`item`: its 1-based
 * position) or on the whole text (`item` "all"), or "no objection".
 */
export const CommentSchema = z
  .object({
    kind: z.enum(["comment", "no_objection"], { error: "minutes:errors.kind_required" }),
    item: z
      .string()
      .trim()
      .regex(/^(all|[1-9][0-9]{0,2})$/, "minutes:errors.item_invalid")
      .optional()
      .default("all"),
    body: z
      .string()
      .trim()
      .max(MAX_COMMENT_LENGTH, "minutes:errors.comment_too_long")
      .optional()
      .default(""),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "comment" && value.body === "")
      ctx.addIssue({ code: "custom", path: ["body"], message: "minutes:errors.comment_required" });
  });
export type CommentInput = z.output<typeof CommentSchema>;

/** Approving: by the chair, by the acting chair, or recorded as decided at a later meeting. */
export const ApproveSchema = z
  .object({
    approvalKind: z.enum(["chair", "acting_chair", "meeting"], {
      error: "minutes:errors.approval_kind_required",
    }),
    approvalMeetingId: z.string().trim().max(100).optional().default(""),
  })
  .superRefine((value, ctx) => {
    if (value.approvalKind === "meeting" && value.approvalMeetingId === "")
      ctx.addIssue({
        code: "custom",
        path: ["approvalMeetingId"],
        message: "minutes:errors.meeting_required",
      });
  });

/** The acting chair the members chose (an account id among the board's current members). */
export const ActingChairSchema = z.object({
  actingChairId: z.string().trim().min(1, "minutes:errors.acting_chair_required").max(100),
});
