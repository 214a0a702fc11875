import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  answerFields,
  answersOf,
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

/**
 * parseAnswers as it read and checked before (commit 8373b0e): the same rules (answersOf) over
 * the fields read with one `getAll` per name, and every answer's values through zod.
 */
function parsedBefore(template: (typeof templates)[number], formData: FormFields) {
  return answersOf(
    template,
    template.sections.map((s) => s.id),
    fieldsBefore(formData),
    checkedAnswer,
  );
}

/** The answer fields as read before: one `getAll` per name, in the order names first come. */
function fieldsBefore(formData: FormFields): [string, string[]][] {
  return [...new Set(formData.keys())]
    .filter((key) => /^([ac]):(.+)$/.test(key))
    .map((key) => [key, formValuesOf(formData, key)]);
}

/** A value a field may carry: one of the question's choices, a text, or anything. */
function valueFor(question: Question | undefined) {
  const choices = question ? choicesOf(question) : [];
  return fc.oneof(
    ...(choices.length
      ? [
          { weight: 4, arbitrary: fc.constantFrom(...choices) },
          // Nearly a choice: spaced, capitalised, cut short, with a NUL (removed when read).
          {
            weight: 2,
            arbitrary: fc
              .tuple(fc.constantFrom(...choices), fc.constantFrom(" ", "\n", "\u0000"))
              .chain(([choice, extra]) =>
                fc.constantFrom(
                  choice + extra,
                  extra + choice,
                  choice.toUpperCase(),
                  choice.slice(1),
                ),
              ),
          },
        ]
      : []),
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
          expect([...answerFields(form)]).toEqual(fieldsBefore(form));
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
