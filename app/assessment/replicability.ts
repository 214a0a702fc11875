import * as z from "zod";

/**
 * Annex 1.1 of the ICMPD guidelines: assessing whether a good practice can be replicated in a
 * new context. Typed data, validated by zod at load time; text lives in
 * `instruments:good_practice_replicability.…`. Every answer is free text. Client-safe.
 */
export const REPLICABILITY_ANSWER_MAX = 2000;

const Id = z.string().regex(/^[a-z][a-z0-9_]*$/, "ids are lower_snake_case");

export const ReplicabilityToolSchema = z
  .object({
    id: Id,
    version: z.number().int().min(1),
    groups: z.array(z.object({ id: Id, questions: z.array(Id).min(1) })).min(1),
  })
  .superRefine((tool, ctx) => {
    const groupIds = tool.groups.map((g) => g.id);
    if (new Set(groupIds).size !== groupIds.length)
      ctx.addIssue({ code: "custom", message: "duplicate group id" });
    const questionIds = tool.groups.flatMap((g) => g.questions);
    const duplicate = questionIds.find((id, index) => questionIds.indexOf(id) !== index);
    if (duplicate) ctx.addIssue({ code: "custom", message: `duplicate question id ${duplicate}` });
  });

const definition = {
  id: "good_practice_replicability",
  version: 1,
  groups: [
    { id: "relevance", questions: ["problem", "target_groups", "reach", "results"] },
    {
      id: "applicability",
      questions: [
        "organisational_capacity",
        "prerequisites",
        "legal_provisions",
        "risks",
        "political_support",
        "context_adaptability",
      ],
    },
  ],
} as const;

ReplicabilityToolSchema.parse(definition);

export const REPLICABILITY = definition;

export type ReplicabilityGroupId = (typeof REPLICABILITY.groups)[number]["id"];
export type ReplicabilityQuestionId = (typeof REPLICABILITY.groups)[number]["questions"][number];

/** Every question with its group, in the tool's order. */
export function allReplicabilityQuestions(): {
  groupId: ReplicabilityGroupId;
  questionId: ReplicabilityQuestionId;
}[] {
  return REPLICABILITY.groups.flatMap((group) =>
    group.questions.map((questionId: ReplicabilityQuestionId) => ({
      groupId: group.id,
      questionId,
    })),
  );
}

export function isReplicabilityQuestionId(value: unknown): value is ReplicabilityQuestionId {
  return (
    typeof value === "string" && allReplicabilityQuestions().some((q) => q.questionId === value)
  );
}

/** One free-text answer (or the practice description): trimmed, at most 2,000 characters. */
export const ReplicabilityAnswerSchema = z.string().trim().max(REPLICABILITY_ANSWER_MAX);
