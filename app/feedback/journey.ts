import * as z from "zod";

import {
  choicesOf,
  FREE_TEXT_MAX_LENGTH,
  type Question,
  type Section,
  type Template,
} from "./template.schema";
import { storableText } from "../ui/parse-form";

/**
 * The survivor's way through a questionnaire, as pure functions (GOV.UK Forms' journey idea).
 * Nothing is kept on the server between pages: every answer travels in the form itself, in
 * fields named `a:<question>` (answers) and `c:<question>` (comments), and is checked again with
 * zod on every step and before the final submit.
 */
export type Answer = { choices: string[]; comment: string; text: string };
export type Answers = Record<string, Answer>;
export type AnswerErrors = Record<string, string>;

export type JourneyPage =
  | { id: "intro"; kind: "intro" }
  | { id: string; kind: "section"; section: Section; number: number; total: number }
  | { id: "closing"; kind: "closing" }
  | { id: "review"; kind: "review" };

export function journeyPages(template: Template, sectionIds: readonly string[]): JourneyPage[] {
  const sections = template.sections.filter((section) => sectionIds.includes(section.id));
  return [
    { id: "intro", kind: "intro" },
    ...sections.map((section, index) => ({
      id: `section:${section.id}`,
      kind: "section" as const,
      section,
      number: index + 1,
      total: sections.length,
    })),
    { id: "closing", kind: "closing" },
    { id: "review", kind: "review" },
  ];
}

type AskedQuestions = { list: readonly Question[]; byId: ReadonlyMap<string, Question> };

// Per template and choice of sections: every questionnaire POST asks (twice for a Send).
const askedQuestions = new WeakMap<Template, Map<string, AskedQuestions>>();

function asked(template: Template, sectionIds: readonly string[]): AskedQuestions {
  let bySections = askedQuestions.get(template);
  if (!bySections) askedQuestions.set(template, (bySections = new Map()));
  const key = sectionIds.join("\u0000");
  let found = bySections.get(key);
  if (!found) {
    const list = Object.freeze([
      ...template.sections.filter((s) => sectionIds.includes(s.id)).flatMap((s) => s.questions),
      template.closing,
    ]);
    found = { list, byId: new Map(list.map((q) => [q.id, q])) };
    // Campaigns choose among a template's few sections: the choices made are few.
    if (bySections.size >= 1000) bySections.clear();
    bySections.set(key, found);
  }
  return found;
}

/**
 * The questions a campaign asks, in order: its sections' questions, then the closing one.
 * Built once per template and choice of sections (the same frozen list each time).
 */
export function campaignQuestions(
  template: Template,
  sectionIds: readonly string[],
): readonly Question[] {
  return asked(template, sectionIds).list;
}

export function questionsOnPage(page: JourneyPage, template: Template): Question[] {
  if (page.kind === "section") return page.section.questions;
  if (page.kind === "closing") return [template.closing];
  return [];
}

export type Navigation =
  | { kind: "next" }
  | { kind: "back" }
  | { kind: "review" }
  | { kind: "submit" }
  /** The same page again, e.g. in the other language, with every answer kept. */
  | { kind: "stay" }
  | { kind: "edit"; pageId: string };

export const NavigationSchema = z
  .string()
  .regex(/^(next|back|review|submit|stay|edit:[a-z0-9_:]+)$/)
  .transform((value): Navigation =>
    value.startsWith("edit:")
      ? { kind: "edit", pageId: value.slice(5) }
      : { kind: value as "next" },
  );

/** Where a navigation button leads from the given page. Unknown pages restart at the intro. */
export function nextPageId(
  pages: JourneyPage[],
  currentId: string,
  navigation: Navigation,
): string {
  const index = Math.max(
    0,
    pages.findIndex((page) => page.id === currentId),
  );
  switch (navigation.kind) {
    case "next":
      return pages[Math.min(index + 1, pages.length - 1)]!.id;
    case "back":
      return pages[Math.max(index - 1, 0)]!.id;
    case "review":
      return "review";
    case "edit":
      return pages.some((page) => page.id === navigation.pageId) ? navigation.pageId : "intro";
    case "submit":
      return "review";
    case "stay":
      return pages[index]!.id;
  }
}

/**
 * How long a questionnaire takes, said on its introduction: about half a minute per question
 * (the portal's first wording gave the 20-question reintegration questionnaire "about 10
 * minutes"), rounded up to 5 minutes, at least 5.
 *
 * @param questionCount the questions the campaign asks, the closing one included
 * @returns minutes, a multiple of 5
 */
export function estimatedMinutes(questionCount: number): number {
  return Math.max(5, Math.ceil(questionCount / 2 / 5) * 5);
}

/** Text length as a person counts it: characters (code points), with a line break as one. */
export function textLength(text: string): number {
  return [...text.replace(/\r\n/g, "\n")].length;
}

const FreeText = z
  .string()
  .transform((text) => text.replace(/\r\n/g, "\n").trim())
  .refine((text) => textLength(text) <= FREE_TEXT_MAX_LENGTH, {
    error: "feedback:errors.answer_too_long",
  });

// Built once per question: parsing a questionnaire page must stay cheap under load.
const answerSchemas = new WeakMap<Question, z.ZodType<string[]>>();
const CommentSchema = z.array(FreeText).max(1, { error: "feedback:errors.answer_invalid" });

function answerSchema(question: Question): z.ZodType<string[]> {
  const cached = answerSchemas.get(question);
  if (cached) return cached;
  let schema: z.ZodType<string[]>;
  if (question.kind === "free_text") {
    schema = z.array(FreeText).max(1, { error: "feedback:errors.answer_invalid" });
  } else {
    const choice = z.enum(choicesOf(question) as [string, ...string[]], {
      error: "feedback:errors.answer_invalid",
    });
    schema =
      question.kind === "multiple_choice"
        ? z.array(choice)
        : z.array(choice).max(1, { error: "feedback:errors.answer_invalid" });
  }
  answerSchemas.set(question, schema);
  return schema;
}

const choiceSets = new WeakMap<Question, ReadonlySet<string>>();

/**
 * What zod's schema for these values (an answer, or a comment when `comment`) gives when it is
 * plainly a success, seen without zod: choices all among the question's (at most one unless
 * several may be chosen), or at most one text within the length limit. Undefined otherwise,
 * and zod decides (and words the error). A Send checks every answer of the questionnaire: zod
 * was about a tenth of its server time (issue 17).
 */
export function plainlyValid(
  question: Question,
  values: readonly string[],
  comment = false,
): string[] | undefined {
  if (comment || question.kind === "free_text") {
    if (values.length === 0) return [];
    if (values.length > 1) return undefined;
    const text = values[0]!.replace(/\r\n/g, "\n").trim();
    return textLength(text) <= FREE_TEXT_MAX_LENGTH ? [text] : undefined;
  }
  if (values.length > 1 && question.kind !== "multiple_choice") return undefined;
  let choices = choiceSets.get(question);
  if (!choices) choiceSets.set(question, (choices = new Set(choicesOf(question))));
  for (const value of values) if (!choices.has(value)) return undefined;
  return [...values];
}

/**
 * zod's result for an answer's values (a comment's when `comment`): the one rule, which
 * plainlyValid only ever agrees with (tests/unit/form-schemas.properties.test.ts).
 */
export function checkedAnswer(
  question: Question,
  values: readonly string[],
  comment = false,
): z.ZodSafeParseResult<string[]> {
  return (comment ? CommentSchema : answerSchema(question)).safeParse(values);
}

export type ParsedAnswers = {
  answers: Answers;
  /** Per question id (or "form" for fields that name no question of this campaign). */
  errors: AnswerErrors;
};

/** What the questionnaire reads from a posted form: a FormData, or URLSearchParams of the body. */
export type FormFields = {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
  keys(): Iterable<string>;
  entries(): Iterable<[string, FormDataEntryValue]>;
};

/**
 * Reads every answer field in the form. Answers that fail (a value that is not one of the
 * question's choices, text over the limit, a question this campaign does not ask) come back as
 * errors; everything valid is kept so the page can be shown again without losing anything.
 */
export function parseAnswers(
  template: Template,
  sectionIds: readonly string[],
  formData: FormFields,
): ParsedAnswers {
  return answersOf(template, sectionIds, answerFields(formData));
}

/** An answer's values checked: plainly valid ones without zod, anything else by zod. */
function checkedQuickly(question: Question, values: readonly string[], comment: boolean) {
  const quick = plainlyValid(question, values, comment);
  return quick ? { success: true as const, data: quick } : checkedAnswer(question, values, comment);
}

/**
 * parseAnswers's rules over answer fields already read (name, storable values), each field's
 * non-empty values checked by `check` (exported for the test that compares it with zod alone).
 */
export function answersOf(
  template: Template,
  sectionIds: readonly string[],
  fields: Iterable<[string, string[]]>,
  check: (
    question: Question,
    values: readonly string[],
    comment: boolean,
  ) => { success: true; data: string[] } | { success: false; error: z.ZodError } = checkedQuickly,
): ParsedAnswers {
  const questions = asked(template, sectionIds).byId;
  const answers: Answers = {};
  const errors: AnswerErrors = {};
  const answerOf = (id: string) => (answers[id] ??= { choices: [], comment: "", text: "" });

  for (const [key, values] of fields) {
    const field = key[0];
    const question = questions.get(key.slice(2));
    if (!question || (field === "c" && question.kind !== "choice_with_comment")) {
      errors.form = "feedback:errors.unknown_question";
      continue;
    }
    const parsed = check(
      question,
      values.filter((v) => v !== ""),
      field === "c",
    );
    if (field === "c") {
      if (parsed.success) {
        if (parsed.data[0]) answerOf(question.id).comment = parsed.data[0];
      } else {
        errors[question.id] = parsed.error.issues[0]?.message ?? "feedback:errors.answer_invalid";
        answerOf(question.id).comment = values.join("\n");
      }
      continue;
    }
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

const ANSWER_KEY = /^[ac]:.+$/;

/**
 * The form's answer and comment fields (`a:<question>`, `c:<question>`), each once, in the order
 * they first come, with every string value made storable, in order (formValuesOf's values for
 * that name), read in one pass over the form instead of one `getAll` per name.
 */
export function answerFields(formData: FormFields): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const [key, value] of formData.entries()) {
    let values = fields.get(key);
    if (!values) {
      if (!ANSWER_KEY.test(key)) continue;
      fields.set(key, (values = []));
    }
    if (typeof value === "string") values.push(storableText(value));
  }
  return fields;
}

/** The hidden fields that carry every answer not shown as an input on the current page. */
export function carriedFields(
  answers: Answers,
  exceptQuestionIds: readonly string[],
): [string, string][] {
  const fields: [string, string][] = [];
  for (const [id, answer] of Object.entries(answers)) {
    if (exceptQuestionIds.includes(id)) continue;
    for (const choice of answer.choices) fields.push([`a:${id}`, choice]);
    if (answer.text) fields.push([`a:${id}`, answer.text]);
    if (answer.comment) fields.push([`c:${id}`, answer.comment]);
  }
  return fields;
}

export function isAnswered(answer: Answer | undefined): boolean {
  return Boolean(answer && (answer.choices.length || answer.text || answer.comment));
}
