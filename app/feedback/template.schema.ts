import * as z from "zod";

/**
 * A questionnaire template is typed data, validated by zod at load time. Text lives in the
 * locale files under `feedback:templates.<templateId>.…`; the template holds only structure.
 * Client-safe.
 */
export const FREE_TEXT_MAX_LENGTH = 2000;

/** Answer choices shared by many questions. Labels: `feedback:options.<set>.<option>`. */
export const OPTION_SETS = {
  yes_no: ["yes", "no", "not_sure", "prefer_not"],
  count: ["none", "one", "two_to_five", "six_to_ten", "more_than_ten", "not_sure", "prefer_not"],
  duration: [
    "less_than_month",
    "one_to_three_months",
    "three_to_six_months",
    "six_to_twelve_months",
    "more_than_year",
    "not_sure",
    "prefer_not",
  ],
  usefulness: ["very_useful", "somewhat_useful", "not_useful", "did_not_receive", "prefer_not"],
} as const satisfies Record<string, readonly string[]>;

export type OptionSetId = keyof typeof OPTION_SETS;
export const PREFER_NOT = "prefer_not";

const Id = z.string().regex(/^[a-z][a-z0-9_]*$/, "ids are lower_snake_case");

const OptionSetIdSchema = z.enum(Object.keys(OPTION_SETS) as [OptionSetId, ...OptionSetId[]]);

export const QuestionSchema = z.discriminatedUnion("kind", [
  /** One answer: from a shared option set, or from the question's own choices (`…questions.<id>.options.<choice>`), plus "prefer not to say". */
  z.object({
    id: Id,
    kind: z.literal("single_choice"),
    options: z.union([OptionSetIdSchema, z.array(Id).min(2)]),
  }),
  /** One answer from a shared option set plus an optional free-text comment ("tell us more"). */
  z.object({ id: Id, kind: z.literal("choice_with_comment"), options: OptionSetIdSchema }),
  /** Any number of answers from the question's own choices, or "prefer not to say". */
  z.object({ id: Id, kind: z.literal("multiple_choice"), choices: z.array(Id).min(2) }),
  /** Open text, at most FREE_TEXT_MAX_LENGTH characters. */
  z.object({ id: Id, kind: z.literal("free_text") }),
]);
export type Question = z.infer<typeof QuestionSchema>;

export const SectionSchema = z.object({
  id: Id,
  questions: z.array(QuestionSchema).min(1),
});
export type Section = z.infer<typeof SectionSchema>;

export const TemplateSchema = z
  .object({
    id: Id,
    version: z.number().int().min(1),
    sections: z.array(SectionSchema).min(1),
    /** The last question, on its own page before the review ("Would you like to add anything else?"). */
    closing: QuestionSchema,
  })
  .superRefine((template, ctx) => {
    const ids = [
      ...template.sections.flatMap((s) => s.questions.map((q) => q.id)),
      template.closing.id,
    ];
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate) ctx.addIssue({ code: "custom", message: `duplicate question id ${duplicate}` });
    const sectionIds = template.sections.map((s) => s.id);
    if (new Set(sectionIds).size !== sectionIds.length)
      ctx.addIssue({ code: "custom", message: "duplicate section id" });
  });
export type Template = z.infer<typeof TemplateSchema>;

export function countQuestions(template: Template): number {
  return template.sections.reduce((sum, section) => sum + section.questions.length, 0) + 1;
}

/** The answer values a choice question accepts, "prefer not to say" always among them. */
export function choicesOf(question: Question): readonly string[] {
  if (question.kind === "free_text") return [];
  const own = question.kind === "multiple_choice" ? question.choices : question.options;
  const list: readonly string[] = typeof own === "string" ? OPTION_SETS[own] : own;
  return list.includes(PREFER_NOT) ? list : [...list, PREFER_NOT];
}

/** Where a choice's label lives in the locale files. */
export function choiceLabelKey(templateId: string, question: Question, choice: string): string {
  if (choice === PREFER_NOT) return "feedback:options.prefer_not";
  const shared =
    (question.kind === "single_choice" || question.kind === "choice_with_comment") &&
    typeof question.options === "string";
  return shared
    ? `feedback:options.${question.options as string}.${choice}`
    : `questionnaires:${templateId}.questions.${question.id}.options.${choice}`;
}
