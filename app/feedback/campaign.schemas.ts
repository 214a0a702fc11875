import * as z from "zod";

import { TEMPLATES } from "./templates";
import { LANGS, type Lang } from "../i18n/lang";
import { isCalendarDate } from "../platform/calendar-date";

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
/**
 * How precisely a response's sending date is kept (issue 12 §8). The form's default is the ISO
 * week: in a small programme a day can be enough to tell who answered.
 */
export const DATE_GRANULARITIES = ["day", "week", "month"] as const;
export const DEFAULT_DATE_GRANULARITY = "week" satisfies (typeof DATE_GRANULARITIES)[number];
export const MIN_GROUP_SIZE_FLOOR = 3;
export const DEFAULT_MIN_GROUP_SIZE = 5;

export type AccessMode = (typeof ACCESS_MODES)[number];
export type RespondentMode = (typeof RESPONDENT_MODES)[number];

const IsoDate = z
  .string({ error: "feedback:errors.date_invalid" })
  .refine(isCalendarDate, { error: "feedback:errors.date_invalid" });

const asArray = (value: unknown) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The wording a respondent sees, once per offered language (issue 13 §2). */
export type CampaignText = {
  title: string;
  purposeOther: string | null;
  collectingOrganisation: string;
};
export type CampaignTexts = Partial<Record<Lang, CampaignText>>;
export const TEXT_FIELDS = ["title", "purposeOther", "collectingOrganisation"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/** The form field holding one wording in one language: `title_sq`, `collectingOrganisation_en`. */
export const textFieldName = (field: TextField, lang: Lang) => `${field}_${lang}` as const;

const MAX_LENGTH: Record<TextField, [number, string]> = {
  title: [200, "feedback:errors.title_too_long"],
  purposeOther: [300, "feedback:errors.purpose_other_too_long"],
  collectingOrganisation: [200, "feedback:errors.organisation_too_long"],
};
const REQUIRED: Record<TextField, string> = {
  title: "title_required",
  purposeOther: "purpose_other_required",
  collectingOrganisation: "organisation_required",
};

// Every language's boxes are optional to zod; which ones are required depends on the languages
// offered (refineTexts).
const textShape = Object.fromEntries(
  LANGS.flatMap((lang) =>
    TEXT_FIELDS.map((field) => {
      const [max, error] = MAX_LENGTH[field];
      return [
        textFieldName(field, lang),
        z.string().trim().max(max, { error }).optional().default(""),
      ] as const;
    }),
  ),
) as Record<`${TextField}_${Lang}`, z.ZodDefault<z.ZodOptional<z.ZodString>>>;

const CampaignFields = z.object({
  organisationId: z
    .string({ error: "feedback:errors.owner_required" })
    .min(1, { error: "feedback:errors.owner_required" })
    .max(100, { error: "feedback:errors.owner_required" }),
  templateId: z.enum(Object.keys(TEMPLATES) as [string, ...string[]], {
    error: "feedback:errors.template_required",
  }),
  purpose: z.enum(PURPOSES, { error: "feedback:errors.purpose_required" }),
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
      .min(1, { error: "feedback:errors.languages_required" })
      .transform((chosen) => LANGS.filter((lang) => chosen.includes(lang))),
  ),
  accessMode: z.enum(ACCESS_MODES, { error: "feedback:errors.access_required" }),
  respondentMode: z.enum(RESPONDENT_MODES, { error: "feedback:errors.respondent_required" }),
  dateGranularity: z.enum(DATE_GRANULARITIES, { error: "feedback:errors.granularity_required" }),
  minGroupSize: z.coerce
    .number({ error: "feedback:errors.k_invalid" })
    .int({ error: "feedback:errors.k_invalid" })
    .min(MIN_GROUP_SIZE_FLOOR, { error: "feedback:errors.k_too_small" })
    .max(1000, { error: "feedback:errors.k_invalid" }),
  ...textShape,
});

type IssueSink = { addIssue(issue: { code: "custom"; path: string[]; message: string }): void };
type FlatTexts = Record<`${TextField}_${Lang}`, string>;

/**
 * Rules shared by creating and editing: a title and an organisation name in every offered
 * language, the "other" purpose described in each of them, and dates in order.
 */
function refineTextsAndDates(
  value: FlatTexts & { purpose: string; opensOn: string; closesOn: string },
  languages: readonly Lang[],
  ctx: IssueSink,
) {
  for (const lang of languages) {
    for (const field of TEXT_FIELDS) {
      if (field === "purposeOther" && value.purpose !== "other") continue;
      const name = textFieldName(field, lang);
      if (!value[name])
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `feedback:errors.${REQUIRED[field]}_${lang}`,
        });
    }
  }
  if (value.closesOn < value.opensOn) {
    ctx.addIssue({
      code: "custom",
      path: ["closesOn"],
      message: "feedback:errors.closes_before_opens",
    });
  }
}

/** The flat form boxes as one wording per offered language; other languages are dropped. */
function collectTexts(value: FlatTexts & { purpose: string }, languages: readonly Lang[]) {
  const texts: CampaignTexts = {};
  for (const lang of languages)
    texts[lang] = {
      title: value[textFieldName("title", lang)],
      purposeOther: value.purpose === "other" ? value[textFieldName("purposeOther", lang)] : null,
      collectingOrganisation: value[textFieldName("collectingOrganisation", lang)],
    };
  return texts;
}

function withoutFlatTexts<T extends object>(value: T): Omit<T, keyof FlatTexts> {
  const rest = { ...value } as Record<string, unknown>;
  for (const lang of LANGS)
    for (const field of TEXT_FIELDS) delete rest[textFieldName(field, lang)];
  return rest as Omit<T, keyof FlatTexts>;
}

/**
 * The first step of the campaign form: the questionnaire and the languages, which decide what
 * the second step asks (its sections, and the wording in each language).
 */
export const CampaignSetupSchema = CampaignFields.pick({ templateId: true, languages: true });
export type CampaignSetup = z.output<typeof CampaignSetupSchema>;

export const CampaignSchema = CampaignFields.superRefine((value, ctx) => {
  refineTextsAndDates(value, value.languages, ctx);
  const template = TEMPLATES[value.templateId];
  const known = new Set(template?.sections.map((s) => s.id));
  if (value.sections.some((id) => !known.has(id))) {
    ctx.addIssue({
      code: "custom",
      path: ["sections"],
      message: "feedback:errors.sections_unknown",
    });
  }
}).transform((value) => ({
  ...withoutFlatTexts(value),
  texts: collectTexts(value, value.languages),
}));
export type CampaignInput = z.output<typeof CampaignSchema>;

/**
 * What can change once a campaign exists: its organisation, wording and dates. The
 * questionnaire, the languages, the access and respondent modes, the date precision and k stay
 * as they were, so that every answer of a campaign was given to the same questions under the
 * same promises. The wording is asked for in the campaign's own languages.
 */
export function campaignDetailsSchema(languages: readonly Lang[]) {
  return CampaignFields.pick({
    organisationId: true,
    purpose: true,
    collectorProvidedSupport: true,
    opensOn: true,
    closesOn: true,
    ...(Object.fromEntries(Object.keys(textShape).map((name) => [name, true])) as Record<
      keyof FlatTexts,
      true
    >),
  })
    .superRefine((value, ctx) => refineTextsAndDates(value, languages, ctx))
    .transform((value) => ({
      ...withoutFlatTexts(value),
      texts: collectTexts(value, languages),
    }));
}
export type CampaignDetails = z.output<ReturnType<typeof campaignDetailsSchema>>;

/** A campaign's wording as the form's flat boxes (`title_sq` ...), to fill the edit form. */
export function flattenTexts(texts: CampaignTexts): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const lang of LANGS)
    for (const field of TEXT_FIELDS) flat[textFieldName(field, lang)] = texts[lang]?.[field] ?? "";
  return flat;
}

/**
 * The wording to show on a page in `lang`: that language's if the campaign is offered in it,
 * else the campaign's first language's. Public pages and staff lists call only this.
 */
export function campaignText(
  campaign: { languages: readonly Lang[]; texts: CampaignTexts },
  lang: Lang,
): CampaignText {
  const text =
    campaign.texts[lang] ??
    campaign.texts[campaign.languages[0] ?? lang] ??
    Object.values(campaign.texts)[0];
  return text ?? { title: "", purposeOther: null, collectingOrganisation: "" };
}

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
