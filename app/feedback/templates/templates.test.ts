import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { countQuestions, type Question, type Template, TemplateSchema } from "../template.schema";
import { annex61Template } from "./annex-6-1";
import { getTemplate, TEMPLATES } from "./index";
import { reintegrationTemplate } from "./reintegration";

type Json = Record<string, unknown>;

const LANGS = ["sq", "en"] as const;

function loadQuestionnaires(lang: string): Json {
  const file = path.join(process.cwd(), "locales", lang, "questionnaires.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as Json;
}

function get(value: unknown, keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!current || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Json)[key];
  }
  return current;
}

function flattenKeys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) =>
      flattenKeys(child, prefix ? `${prefix}.${key}` : key),
    );
  }
  return [prefix];
}

const isText = (value: unknown) => typeof value === "string" && value.trim() !== "";

const locales = Object.fromEntries(LANGS.map((lang) => [lang, loadQuestionnaires(lang)]));
const templates: Template[] = [annex61Template, reintegrationTemplate];
const allQuestions = (template: Template) => [
  ...template.sections.flatMap((section) => section.questions),
  template.closing,
];

/** Choices a question defines itself (its labels live with the question), or null. */
function ownChoices(question: Question): readonly string[] | null {
  if (question.kind === "multiple_choice") return question.choices;
  if (question.kind === "single_choice" && Array.isArray(question.options)) return question.options;
  return null;
}

describe("questionnaire templates", () => {
  it("both parse with the schema", () => {
    for (const template of templates) {
      expect(TemplateSchema.safeParse(template).success, template.id).toBe(true);
    }
    expect(annex61Template.id).toBe("service_user_feedback");
    expect(reintegrationTemplate.id).toBe("reintegration_services");
  });

  it("Annex 6.1 keeps the instrument's 7 sections with 12, 4, 7, 5, 9, 8, 4 questions: 50 in all", () => {
    expect(annex61Template.sections.map((s) => s.id)).toEqual([
      "first_contact",
      "referral",
      "accommodation_support",
      "reflection_legal",
      "return_reintegration",
      "criminal_proceedings",
      "compensation",
    ]);
    expect(annex61Template.sections.map((s) => s.questions.length)).toEqual([12, 4, 7, 5, 9, 8, 4]);
    expect(annex61Template.closing.kind).toBe("free_text");
    expect(countQuestions(annex61Template)).toBe(50);
  });

  it("the reintegration template is short enough to finish in about 10 minutes", () => {
    expect(reintegrationTemplate.sections.map((s) => s.id)).toEqual([
      "services_received",
      "recovery_stage",
      "outcomes",
      "children",
      "mentoring",
    ]);
    expect(countQuestions(reintegrationTemplate)).toBeLessThanOrEqual(25);
    expect(reintegrationTemplate.closing.kind).toBe("free_text");
  });

  it("are listed by id", () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual([
      "reintegration_services",
      "service_user_feedback",
    ]);
    expect(getTemplate("service_user_feedback")).toBe(annex61Template);
    expect(getTemplate("reintegration_services")).toBe(reintegrationTemplate);
    expect(getTemplate("unknown")).toBeUndefined();
    expect(getTemplate("constructor")).toBeUndefined();
  });
});

describe("questionnaire texts", () => {
  it("have exactly the same keys in Albanian and English", () => {
    const sq = flattenKeys(locales.sq);
    const en = flattenKeys(locales.en);
    expect(sq.filter((key) => !en.includes(key))).toEqual([]);
    expect(en.filter((key) => !sq.includes(key))).toEqual([]);
  });

  it("cover exactly the templates that exist", () => {
    for (const lang of LANGS) {
      expect(Object.keys(locales[lang] ?? {}).sort(), lang).toEqual(Object.keys(TEMPLATES).sort());
    }
  });

  for (const template of templates) {
    for (const lang of LANGS) {
      describe(`${template.id} (${lang})`, () => {
        const texts = get(locales[lang], [template.id]);

        it("has a title and a staff description, and no survivor introduction of its own", () => {
          expect(isText(get(texts, ["title"]))).toBe(true);
          expect(isText(get(texts, ["description"]))).toBe(true);
          // The introduction is the same short list for every questionnaire (feedback.json).
          expect(get(texts, ["intro"])).toBeUndefined();
        });

        it("has a title and an intro for every section, and no others", () => {
          for (const section of template.sections) {
            expect(isText(get(texts, ["sections", section.id, "title"])), section.id).toBe(true);
            expect(isText(get(texts, ["sections", section.id, "intro"])), section.id).toBe(true);
          }
          expect(Object.keys(get(texts, ["sections"]) as Json).sort()).toEqual(
            template.sections.map((s) => s.id).sort(),
          );
        });

        it("has a text for every question, and no others", () => {
          for (const question of allQuestions(template)) {
            const entry = get(texts, ["questions", question.id]);
            expect(isText(get(entry, ["text"])), question.id).toBe(true);
            const hint = get(entry, ["hint"]);
            if (hint !== undefined) expect(isText(hint), `${question.id} hint`).toBe(true);
            const allowed = ["text", "hint", ...(ownChoices(question) ? ["options"] : [])];
            expect(
              Object.keys(entry as Json).filter((k) => !allowed.includes(k)),
              question.id,
            ).toEqual([]);
          }
          expect(Object.keys(get(texts, ["questions"]) as Json).sort()).toEqual(
            allQuestions(template)
              .map((q) => q.id)
              .sort(),
          );
        });

        it("labels every choice a question defines itself, and nothing else", () => {
          for (const question of allQuestions(template)) {
            const choices = ownChoices(question);
            if (!choices) continue;
            const options = get(texts, ["questions", question.id, "options"]) as Json | undefined;
            expect(options, question.id).toBeDefined();
            for (const choice of choices) {
              expect(isText(options?.[choice]), `${question.id}.${choice}`).toBe(true);
            }
            expect(Object.keys(options ?? {}).sort(), question.id).toEqual([...choices].sort());
          }
        });
      });
    }
  }
});

describe("TemplateSchema rejects invalid templates", () => {
  const valid = {
    id: "example",
    version: 1,
    sections: [
      {
        id: "first",
        questions: [
          { id: "q_one", kind: "choice_with_comment", options: "yes_no" },
          { id: "q_two", kind: "multiple_choice", choices: ["a", "b"] },
        ],
      },
    ],
    closing: { id: "closing", kind: "free_text" },
  };

  it("accepts the valid example", () => {
    expect(TemplateSchema.safeParse(valid).success).toBe(true);
  });

  it("rejects a duplicate question id", () => {
    const duplicate = {
      ...valid,
      sections: [
        ...valid.sections,
        { id: "second", questions: [{ id: "q_one", kind: "free_text" }] },
      ],
    };
    expect(TemplateSchema.safeParse(duplicate).success).toBe(false);
    const closingDuplicate = { ...valid, closing: { id: "q_two", kind: "free_text" } };
    expect(TemplateSchema.safeParse(closingDuplicate).success).toBe(false);
  });

  it("rejects an unknown option set", () => {
    const unknownSet = {
      ...valid,
      sections: [
        {
          id: "first",
          questions: [{ id: "q_one", kind: "single_choice", options: "agree_scale" }],
        },
      ],
    };
    expect(TemplateSchema.safeParse(unknownSet).success).toBe(false);
  });

  it("rejects an empty section", () => {
    const empty = { ...valid, sections: [...valid.sections, { id: "second", questions: [] }] };
    expect(TemplateSchema.safeParse(empty).success).toBe(false);
  });

  it("rejects a duplicate section id, a bad id and a template without sections", () => {
    const sameSection = { ...valid, sections: [valid.sections[0], valid.sections[0]] };
    expect(TemplateSchema.safeParse(sameSection).success).toBe(false);
    expect(TemplateSchema.safeParse({ ...valid, id: "Bad-Id" }).success).toBe(false);
    expect(TemplateSchema.safeParse({ ...valid, sections: [] }).success).toBe(false);
  });
});
