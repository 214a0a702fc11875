import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  answerFields,
  type AnswerErrors,
  type Answers,
  campaignQuestions,
  checkedAnswer,
  type FormFields,
  parseAnswers,
  plainlyValid,
} from "~/feedback/journey";
import { choicesOf, FREE_TEXT_MAX_LENGTH, type Question } from "~/feedback/template.schema";
import { TEMPLATES } from "~/feedback/templates";
import { formValuesOf } from "~/ui/parse-form";

import { hostileString, toFormData } from "./hostile-input";

/**
 * The questionnaire's answer parser reads the form in one pass and lets plain successes skip
 * zod (issue 17: a Send checks every answer). Property-based (fast-check): on any body, it
 * gives exactly what reading each name with `getAll` and asking zod about every value gave.
 */
const RUNS = 300;
const templates = Object.values(TEMPLATES);

/** parseAnswers as it was (commit 8373b0e): one `getAll` per name, every value through zod. */
function parsedBefore(template: (typeof templates)[number], formData: FormFields) {
  const sectionIds = template.sections.map((s) => s.id);
  const questions = new Map(campaignQuestions(template, sectionIds).map((q) => [q.id, q]));
  const answers: Answers = {};
  const errors: AnswerErrors = {};
  const answerOf = (id: string) => (answers[id] ??= { choices: [], comment: "", text: "" });

  for (const key of new Set(formData.keys())) {
    const match = /^([ac]):(.+)$/.exec(key);
    if (!match) continue;
    const [, field, questionId = ""] = match;
    const question = questions.get(questionId);
    const values = formValuesOf(formData, key);
    if (!question || (field === "c" && question.kind !== "choice_with_comment")) {
      errors.form = "feedback:errors.unknown_question";
      continue;
    }
    if (field === "c") {
      const comment = checkedAnswer(
        question,
        values.filter((v) => v !== ""),
        true,
      );
      if (comment.success) {
        if (comment.data[0]) answerOf(question.id).comment = comment.data[0];
      } else {
        errors[question.id] = comment.error.issues[0]?.message ?? "feedback:errors.answer_invalid";
        answerOf(question.id).comment = values.join("\n");
      }
      continue;
    }
    const parsed = checkedAnswer(
      question,
      values.filter((v) => v !== ""),
    );
    if (!parsed.success) {
      errors[question.id] = parsed.error.issues[0]?.message ?? "feedback:errors.answer_invalid";
      if (question.kind === "free_text") answerOf(question.id).text = values.join("\n");
      continue;
    }
    if (question.kind === "free_text") {
      if (parsed.data[0]) answerOf(question.id).text = parsed.data[0];
    } else {
      answerOf(question.id).choices = parsed.data;
    }
  }
  for (const [id, answer] of Object.entries(answers)) {
    if (!answer.choices.length && !answer.comment && !answer.text && !errors[id])
      delete answers[id];
  }
  return { answers, errors };
}

/** A value a field may carry: one of the question's choices, a text, or anything. */
function valueFor(question: Question | undefined) {
  const choices = question ? choicesOf(question) : [];
  return fc.oneof(
    ...(choices.length ? [{ weight: 4, arbitrary: fc.constantFrom(...choices) }] : []),
    { weight: 2, arbitrary: fc.constantFrom("", " ", "a\r\nb ", "x".repeat(FREE_TEXT_MAX_LENGTH)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("x".repeat(FREE_TEXT_MAX_LENGTH + 1), "é\r\n".repeat(1001)),
    },
    { weight: 3, arbitrary: hostileString },
  );
}

const body = fc.constantFrom(...templates).chain((template) => {
  const questions = campaignQuestions(
    template,
    template.sections.map((s) => s.id),
  );
  const entry = fc
    .tuple(
      fc.constantFrom("a:", "c:", "", "a:x\n"),
      fc.option(fc.constantFrom(...questions), { nil: undefined }),
      hostileString,
    )
    .chain(([prefix, question, other]) =>
      fc.tuple(fc.constant(`${prefix}${question?.id ?? other}`), valueFor(question)),
    );
  return fc.tuple(fc.constant(template), fc.array(entry, { maxLength: 25 }), fc.boolean());
});

describe("the questionnaire's answer parser, given any body", () => {
  it("gives what getAll and zod for every value gave: answers, texts and every error", () => {
    fc.assert(
      fc.property(body, ([template, entries, urlencoded]) => {
        const form = urlencoded
          ? new URLSearchParams(new URLSearchParams(entries).toString())
          : toFormData(entries);
        const sectionIds = template.sections.map((s) => s.id);
        expect(parseAnswers(template, sectionIds, form)).toEqual(parsedBefore(template, form));
      }),
      { numRuns: RUNS },
    );
  });

  it("reads each answer field's values as getAll does, in the order they first come", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("a:", "c:", "", "b:"), hostileString, hostileString), {
          maxLength: 20,
        }),
        fc.boolean(),
        (raw, urlencoded) => {
          const entries = raw.map(([prefix, key, value]): [string, string] => [
            prefix + key,
            value,
          ]);
          const form = urlencoded ? new URLSearchParams(entries) : toFormData(entries);
          const expected = [...new Set(form.keys())]
            .filter((key) => /^([ac]):(.+)$/.test(key))
            .map((key) => [key, formValuesOf(form, key)]);
          expect([...answerFields(form)]).toEqual(expected);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("skips zod only where zod says yes, with zod's very value; valid choices do skip it", () => {
    const questions = templates.flatMap((t) =>
      campaignQuestions(
        t,
        t.sections.map((s) => s.id),
      ),
    );
    fc.assert(
      fc.property(
        fc
          .constantFrom(...questions)
          .chain((q) =>
            fc.tuple(fc.constant(q), fc.array(valueFor(q), { maxLength: 3 }), fc.boolean()),
          ),
        ([question, values, comment]) => {
          const quick = plainlyValid(question, values, comment);
          const zod = checkedAnswer(question, values, comment);
          if (quick) expect(zod).toEqual({ success: true, data: quick });
          const oneChoice = values.length === 1 && choicesOf(question).includes(values[0]!);
          if (!comment && oneChoice) expect(quick).toEqual(values);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
