import { z } from "zod";

import { TEMPLATES } from "./templates";
import { LANGS } from "../i18n/lang";

/** Client-safe: the campaign form's choices and its zod schema. */
export const PURPOSES = [
  "service_evaluation",
  "nrm_monitoring",
  "reporting",
  "strategy",
  "research",
  "other",
] as const;
export const ACCESS_MODES = ["open", "codes"] as const;
export const RESPONDENT_MODES = ["self", "interview", "both"] as const;
export const DATE_GRANULARITIES = ["day", "week"] as const;
export const MIN_GROUP_SIZE_FLOOR = 3;
export const DEFAULT_MIN_GROUP_SIZE = 5;

export type AccessMode = (typeof ACCESS_MODES)[number];
export type RespondentMode = (typeof RESPONDENT_MODES)[number];

const IsoDate = z
  .string({ error: "feedback:errors.date_invalid" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "feedback:errors.date_invalid" })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), {
    error: "feedback:errors.date_invalid",
  });

const asArray = (value: unknown) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const CampaignFields = z.object({
  title: z
    .string({ error: "feedback:errors.title_required" })
    .trim()
    .min(1, { error: "feedback:errors.title_required" })
    .max(200, { error: "feedback:errors.title_too_long" }),
  templateId: z.enum(Object.keys(TEMPLATES) as [string, ...string[]], {
    error: "feedback:errors.template_required",
  }),
  purpose: z.enum(PURPOSES, { error: "feedback:errors.purpose_required" }),
  purposeOther: z
    .string()
    .trim()
    .max(300, { error: "feedback:errors.purpose_other_too_long" })
    .optional()
    .default(""),
  collectingOrganisation: z
    .string({ error: "feedback:errors.organisation_required" })
    .trim()
    .min(1, { error: "feedback:errors.organisation_required" })
    .max(200, { error: "feedback:errors.organisation_too_long" }),
  collectorProvidedSupport: z.enum(["yes", "no"], {
    error: "feedback:errors.collector_required",
  }),
  sections: z.preprocess(
    asArray,
    z.array(z.string()).min(1, { error: "feedback:errors.sections_required" }),
  ),
  opensOn: IsoDate,
  closesOn: IsoDate,
  languages: z.preprocess(
    asArray,
    z
      .array(z.enum(LANGS, { error: "feedback:errors.languages_required" }))
      .min(1, { error: "feedback:errors.languages_required" }),
  ),
  accessMode: z.enum(ACCESS_MODES, { error: "feedback:errors.access_required" }),
  respondentMode: z.enum(RESPONDENT_MODES, { error: "feedback:errors.respondent_required" }),
  dateGranularity: z.enum(DATE_GRANULARITIES, { error: "feedback:errors.granularity_required" }),
  minGroupSize: z.coerce
    .number({ error: "feedback:errors.k_invalid" })
    .int({ error: "feedback:errors.k_invalid" })
    .min(MIN_GROUP_SIZE_FLOOR, { error: "feedback:errors.k_too_small" })
    .max(1000, { error: "feedback:errors.k_invalid" }),
});

type IssueSink = { addIssue(issue: { code: "custom"; path: string[]; message: string }): void };

/** Rules shared by creating and editing: the "other" purpose needs words, dates in order. */
function refinePurposeAndDates(
  value: { purpose: string; purposeOther: string; opensOn: string; closesOn: string },
  ctx: IssueSink,
) {
  if (value.purpose === "other" && !value.purposeOther) {
    ctx.addIssue({
      code: "custom",
      path: ["purposeOther"],
      message: "feedback:errors.purpose_other_required",
    });
  }
  if (value.closesOn < value.opensOn) {
    ctx.addIssue({
      code: "custom",
      path: ["closesOn"],
      message: "feedback:errors.closes_before_opens",
    });
  }
}

export const CampaignSchema = CampaignFields.superRefine((value, ctx) => {
  refinePurposeAndDates(value, ctx);
  const template = TEMPLATES[value.templateId];
  const known = new Set(template?.sections.map((s) => s.id));
  if (value.sections.some((id) => !known.has(id))) {
    ctx.addIssue({
      code: "custom",
      path: ["sections"],
      message: "feedback:errors.sections_unknown",
    });
  }
});
export type CampaignInput = z.output<typeof CampaignSchema>;

/**
 * What can change once a campaign exists: its wording and its dates. The questionnaire, the
 * languages, the access and respondent modes, the date precision and k stay as they were, so
 * that every answer of a campaign was given to the same questions under the same promises.
 */
export const CampaignDetailsSchema = CampaignFields.pick({
  title: true,
  purpose: true,
  purposeOther: true,
  collectingOrganisation: true,
  collectorProvidedSupport: true,
  opensOn: true,
  closesOn: true,
}).superRefine(refinePurposeAndDates);
export type CampaignDetails = z.output<typeof CampaignDetailsSchema>;

export type CampaignStatus = "scheduled" | "open" | "closed";

/** Open from the start of `opensOn` to the end of `closesOn` (dates are calendar days). */
export function campaignStatus(
  campaign: { opensOn: string; closesOn: string },
  today: string,
): CampaignStatus {
  if (today < campaign.opensOn) return "scheduled";
  if (today > campaign.closesOn) return "closed";
  return "open";
}
