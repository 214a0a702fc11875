import * as z from "zod";

/**
 * Annex 4.1 of the ICMPD guidelines: the self-guided assessment of survivor-informed practice
 * (Human Trafficking Leadership Academy 2017). The instrument is typed data, validated by zod
 * at load time; its text lives in `instruments:survivor_informed.…`. Client-safe.
 *
 * Every item is scored Never 0, Sometimes 1 or Always 2. Three sections of 4, 5 and 6 items
 * (maxima 8, 10 and 12), 15 items, total out of 30. Scores are computed only in `./scoring`.
 */
export const SCORES = [0, 1, 2] as const;
export type Score = 0 | 1 | 2;

/** The highest score one item can get. */
export const ITEM_MAX = 2;

export function isScore(value: unknown): value is Score {
  return value === 0 || value === 1 || value === 2;
}

const Id = z.string().regex(/^[a-z][a-z0-9_]*$/, "ids are lower_snake_case");

export const AssessmentSectionSchema = z.object({
  id: Id,
  items: z.array(Id).min(1),
});

export const SelfAssessmentSchema = z
  .object({
    id: Id,
    version: z.number().int().min(1),
    sections: z.array(AssessmentSectionSchema).min(1),
  })
  .superRefine((instrument, ctx) => {
    const sectionIds = instrument.sections.map((s) => s.id);
    if (new Set(sectionIds).size !== sectionIds.length)
      ctx.addIssue({ code: "custom", message: "duplicate section id" });
    const itemIds = instrument.sections.flatMap((s) => s.items);
    const duplicate = itemIds.find((id, index) => itemIds.indexOf(id) !== index);
    if (duplicate) ctx.addIssue({ code: "custom", message: `duplicate item id ${duplicate}` });
  });

const definition = {
  id: "survivor_informed",
  version: 1,
  sections: [
    {
      /** A. Meaningful input (maximum 8). */
      id: "meaningful_input",
      items: [
        "employment_opportunities",
        "leadership_positions",
        "survivor_consultants",
        "survivor_developed_resources",
      ],
    },
    {
      /** B. From a diverse survivor community (maximum 10). */
      id: "diverse_community",
      items: [
        "sex_and_labour_trafficking",
        "domestic_and_foreign_nationals",
        "diverse_perspectives",
        "other_fields_best_practice",
        "strengths_based_engagement",
      ],
    },
    {
      /** C. At all stages of a programme or project (maximum 12). */
      id: "all_stages",
      items: [
        "initial_development",
        "policies_and_procedures",
        "programme_materials",
        "throughout_implementation",
        "programme_evaluation",
        "participant_feedback_process",
      ],
    },
  ],
} as const;

SelfAssessmentSchema.parse(definition);

export const SELF_ASSESSMENT = definition;

export type SectionId = (typeof SELF_ASSESSMENT.sections)[number]["id"];
export type ItemId = string;
export type AssessmentSection = {
  readonly id: SectionId;
  readonly items: readonly ItemId[];
};

const SECTIONS: readonly AssessmentSection[] = SELF_ASSESSMENT.sections;

export const SECTION_IDS: readonly SectionId[] = SECTIONS.map((s) => s.id);

export function isSectionId(value: unknown): value is SectionId {
  return typeof value === "string" && (SECTION_IDS as readonly string[]).includes(value);
}

export function getSection(sectionId: string): AssessmentSection | undefined {
  return SECTIONS.find((s) => s.id === sectionId);
}

const ALL_ITEMS: readonly { sectionId: SectionId; itemId: ItemId }[] = SECTIONS.flatMap((section) =>
  section.items.map((itemId) => ({ sectionId: section.id, itemId })),
);

/** Every item with its section, in the instrument's order. */
export function allItems(): { sectionId: SectionId; itemId: ItemId }[] {
  return ALL_ITEMS.map((entry) => ({ ...entry }));
}

export function isItemId(value: unknown): value is ItemId {
  return typeof value === "string" && ALL_ITEMS.some((entry) => entry.itemId === value);
}

/** The section an item belongs to, or undefined for an unknown item. */
export function sectionOfItem(itemId: string): SectionId | undefined {
  return ALL_ITEMS.find((entry) => entry.itemId === itemId)?.sectionId;
}

/** The highest score a section can get (2 per item). Throws for an unknown section id. */
export function sectionMax(sectionId: string): number {
  const section = getSection(sectionId);
  if (!section) throw new Error(`unknown assessment section ${sectionId}`);
  return section.items.length * ITEM_MAX;
}

/** The highest total score: 30. */
export const TOTAL_MAX: number = ALL_ITEMS.length * ITEM_MAX;
