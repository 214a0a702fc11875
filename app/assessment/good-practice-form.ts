import * as z from "zod";

import {
  allReplicabilityQuestions,
  REPLICABILITY_ANSWER_MAX,
  type ReplicabilityQuestionId,
} from "./replicability";
import { formValuesOf, type FieldErrors } from "../ui/parse-form";

/**
 * Client-safe parsing of the good-practice forms (Annex 1.1). The new-practice form takes a
 * title and a short description; the practice form adds `answer:<question>` for each of the 10
 * questions, the draft's version and the intent (save or complete). Every value is parsed by zod;
 * on failure the values as typed come back with one message key per field.
 */
export const PRACTICE_TITLE_MAX = 200;

export type PracticeAnswers = Record<ReplicabilityQuestionId, string>;
export type PracticeContent = { title: string; description: string; answers: PracticeAnswers };

const questionIds = allReplicabilityQuestions().map((q) => q.questionId) as [
  ReplicabilityQuestionId,
  ...ReplicabilityQuestionId[],
];

/** Characters as a person counts them (code points), so "ë" or an emoji counts once. */
const length = (text: string) => [...text].length;
/** Browsers send line breaks in a textarea as CRLF; store and count them as one character. */
const normalise = (text: string) => text.replace(/\r\n?/g, "\n").trim();

const Title = z
  .string({ error: "practices:errors.title_required" })
  .transform(normalise)
  .pipe(
    z
      .string()
      .min(1, { error: "practices:errors.title_required" })
      .refine((text) => length(text) <= PRACTICE_TITLE_MAX, {
        error: "practices:errors.title_too_long",
      }),
  );

const Description = z
  .string({ error: "practices:errors.description_required" })
  .transform(normalise)
  .pipe(
    z
      .string()
      .min(1, { error: "practices:errors.description_required" })
      .refine((text) => length(text) <= REPLICABILITY_ANSWER_MAX, {
        error: "practices:errors.description_too_long",
      }),
  );

const Answer = z
  .string({ error: "practices:errors.answer_invalid" })
  .transform(normalise)
  .refine((text) => length(text) <= REPLICABILITY_ANSWER_MAX, {
    error: "practices:errors.answer_too_long",
  });

/** The new-practice form on an organisation's list of practices. */
export const NewPracticeSchema = z.object({ title: Title, description: Description });

/** The practice form: details, answers (unknown questions refused), version and intent. */
export const PracticeFormSchema = z.object({
  title: Title,
  description: Description,
  answers: z.partialRecord(z.enum(questionIds), Answer),
  version: z.coerce
    .number({ error: "practices:errors.form_invalid" })
    .int({ error: "practices:errors.form_invalid" })
    .min(1, { error: "practices:errors.form_invalid" }),
  intent: z.enum(["save", "complete"], { error: "practices:errors.form_invalid" }).default("save"),
});

export function emptyAnswers(): PracticeAnswers {
  const answers = {} as PracticeAnswers;
  for (const { questionId } of allReplicabilityQuestions()) answers[questionId] = "";
  return answers;
}

/** The questions still without an answer, in the tool's order. */
export function missingAnswers(
  answers: Partial<Record<string, string>>,
): ReplicabilityQuestionId[] {
  return allReplicabilityQuestions()
    .map((q) => q.questionId)
    .filter((id) => (answers[id] ?? "").trim() === "");
}

/** The id of a question's textarea, which is also the key of its error. */
export function answerFieldId(questionId: string): string {
  return `answer-${questionId}`;
}

export type ParsedPracticeForm =
  | {
      ok: true;
      content: PracticeContent;
      version: number;
      intent: "save" | "complete";
    }
  | { ok: false; values: PracticeContent; errors: FieldErrors };

/** Reads the practice form. Anything invalid: the values as typed and a message per field. */
export function parsePracticeForm(formData: FormData): ParsedPracticeForm {
  const one = (key: string) => {
    const all = formValuesOf(formData, key);
    return all.length === 1 ? all[0] : all.length === 0 ? undefined : all;
  };
  const answers: Record<string, string | string[] | undefined> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("answer:")) answers[key.slice("answer:".length)] = one(key);
  }
  // A section's own Save button sends `save@<anchor>` (app/ui/draft.ts).
  const intent = one("intent");
  const result = PracticeFormSchema.safeParse({
    title: one("title"),
    description: one("description"),
    answers,
    version: one("version"),
    intent: typeof intent === "string" ? intent.split("@")[0] : intent,
  });
  if (result.success) {
    return {
      ok: true,
      content: {
        title: result.data.title,
        description: result.data.description,
        answers: { ...emptyAnswers(), ...result.data.answers },
      },
      version: result.data.version,
      intent: result.data.intent,
    };
  }
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const [field, questionId] = issue.path.map(String);
    if (field === "answers" && questionId && questionIds.includes(questionId as never))
      errors[answerFieldId(questionId)] ??= issue.message;
    else if (field === "title" || field === "description") errors[field] ??= issue.message;
    else errors.form ??= "practices:errors.form_invalid";
  }
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const values: PracticeContent = {
    title: text(one("title")),
    description: text(one("description")),
    answers: emptyAnswers(),
  };
  for (const id of questionIds) values.answers[id] = text(answers[id]);
  return { ok: false, values, errors };
}
