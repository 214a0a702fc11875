import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import {
  allReplicabilityQuestions,
  isReplicabilityQuestionId,
  REPLICABILITY,
  REPLICABILITY_ANSWER_MAX,
  ReplicabilityAnswerSchema,
} from "./replicability";

function readLocale(lang: "sq" | "en"): Record<string, unknown> {
  const file = path.join(process.cwd(), "locales", lang, "instruments.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
}

function textAt(locale: Record<string, unknown>, keyPath: string): unknown {
  return keyPath
    .split(".")
    .reduce<unknown>(
      (node, key) =>
        node !== null && typeof node === "object"
          ? (node as Record<string, unknown>)[key]
          : undefined,
      locale,
    );
}

describe("the good-practice replicability tool", () => {
  it("has two groups of 4 and 6 questions, in the source's order", () => {
    expect(REPLICABILITY.id).toBe("good_practice_replicability");
    expect(REPLICABILITY.groups.map((g) => g.id)).toEqual(["relevance", "applicability"]);
    expect(REPLICABILITY.groups.map((g) => g.questions.length)).toEqual([4, 6]);
    const questions = allReplicabilityQuestions();
    expect(questions).toHaveLength(10);
    expect(new Set(questions.map((q) => q.questionId)).size).toBe(10);
    expect(questions[0]).toEqual({ groupId: "relevance", questionId: "problem" });
    expect(questions[9]).toEqual({ groupId: "applicability", questionId: "context_adaptability" });
    expect(isReplicabilityQuestionId("risks")).toBe(true);
    expect(isReplicabilityQuestionId("nope")).toBe(false);
  });

  it("takes free-text answers of at most 2,000 characters", () => {
    expect(REPLICABILITY_ANSWER_MAX).toBe(2000);
    expect(ReplicabilityAnswerSchema.parse("  text  ")).toBe("text");
    expect(ReplicabilityAnswerSchema.safeParse("x".repeat(2000)).success).toBe(true);
    expect(ReplicabilityAnswerSchema.safeParse("x".repeat(2001)).success).toBe(false);
  });

  it.each(["sq", "en"] as const)("has every text in %s", (lang) => {
    const locale = readLocale(lang);
    const base = REPLICABILITY.id;
    const keys = [
      `${base}.title`,
      `${base}.description`,
      `${base}.intro.paragraphs.0`,
      `${base}.practiceLabel`,
      `${base}.practiceHint`,
      ...REPLICABILITY.groups.map((g) => `${base}.groups.${g.id}.title`),
      ...allReplicabilityQuestions().flatMap(({ questionId }) => [
        `${base}.questions.${questionId}.text`,
        `${base}.questions.${questionId}.hint`,
      ]),
    ];
    for (const key of keys) {
      const text = textAt(locale, key);
      expect(typeof text, key).toBe("string");
      expect((text as string).trim(), key).not.toBe("");
    }
    const groups = textAt(locale, `${base}.groups`) as Record<string, unknown>;
    const questions = textAt(locale, `${base}.questions`) as Record<string, unknown>;
    expect(Object.keys(groups)).toEqual(REPLICABILITY.groups.map((g) => g.id));
    expect(Object.keys(questions)).toEqual(allReplicabilityQuestions().map((q) => q.questionId));
  });
});
