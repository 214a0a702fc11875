import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";

import { parseScoreSheet } from "~/assessment/assessment-form";
import {
  NewAssessmentSchema,
  OrganisationSchema,
  ProgrammeSchema,
} from "~/assessment/assessment.schemas";
import { NewPracticeSchema, parsePracticeForm } from "~/assessment/good-practice-form";
import {
  ChangePasswordSchema,
  ChangeRolesSchema,
  InviteSchema,
  SetPasswordSchema,
  SignInSchema,
} from "~/auth/auth.schemas";
import { isValidCsrfToken } from "~/auth/csrf.server";
import { safeRedirectTarget } from "~/auth/guard.server";
import {
  hashAccessCode,
  isWellFormedAccessCode,
  normalizeAccessCode,
} from "~/feedback/access-codes.server";
import {
  campaignDetailsSchema,
  CampaignSchema,
  CampaignSetupSchema,
  TEXT_FIELDS,
  textFieldName,
} from "~/feedback/campaign.schemas";
import { checkFormNonce } from "~/feedback/form-guards.server";
import { FreeTextDecisionSchema } from "~/feedback/free-text.schemas";
import { campaignQuestions, NavigationSchema, parseAnswers, textLength } from "~/feedback/journey";
import { redactPhrases, splitPhrases } from "~/feedback/redaction";
import { FREE_TEXT_MAX_LENGTH } from "~/feedback/template.schema";
import { TEMPLATES } from "~/feedback/templates";
import { getLangFromPath, LANGS, switchLanguagePath, type Lang } from "~/i18n/lang";
import { resources } from "~/i18n/resources.server";
import { readDraftIntent } from "~/ui/draft";
import { formDataToValues, parseForm, storableText } from "~/ui/parse-form";

import {
  anyFieldValue,
  fieldName,
  formEntries,
  holdsUnstorableText,
  hostileString,
  ownRecord,
  toFormData,
} from "./hostile-input";

/**
 * Property-based tests (fast-check) of every form schema and parser in app/: whatever field
 * names, values, lengths and encodings arrive, they answer "ok" or "invalid" and never throw;
 * every message they give is a locale key the page can show; what was typed comes back.
 * The actions themselves (no 500, no partial write) are in form-actions.properties.test.ts.
 *
 * A schema added later is one row in FORM_SCHEMAS (or one `it` for a hand-written parser).
 */
const RUNS = 150;

/** Every zod schema that parses a form, with the fields that form posts. */
const FORM_SCHEMAS: { name: string; schema: z.ZodType; fields: string[]; secret?: string[] }[] = [
  {
    name: "sign-in",
    schema: SignInSchema,
    fields: ["email", "password", "redirectTo"],
    secret: ["password"],
  },
  { name: "invitation", schema: InviteSchema, fields: ["email", "displayName", "roles"] },
  { name: "change roles", schema: ChangeRolesSchema, fields: ["userId", "roles"] },
  {
    name: "set password (invitation)",
    schema: SetPasswordSchema,
    fields: ["password", "confirmPassword"],
    secret: ["password", "confirmPassword"],
  },
  {
    name: "change password (account)",
    schema: ChangePasswordSchema,
    fields: ["currentPassword", "password", "confirmPassword"],
    secret: ["currentPassword", "password", "confirmPassword"],
  },
  { name: "organisation", schema: OrganisationSchema, fields: ["name", "type"] },
  { name: "programme", schema: ProgrammeSchema, fields: ["name", "description"] },
  { name: "new assessment", schema: NewAssessmentSchema, fields: ["assessedOn", "participants"] },
  { name: "new good practice", schema: NewPracticeSchema, fields: ["title", "description"] },
  {
    name: "campaign (step 1: questionnaire and languages)",
    schema: CampaignSetupSchema,
    fields: ["templateId", "languages"],
  },
  {
    name: "campaign (step 2: create)",
    schema: CampaignSchema,
    fields: [
      "organisationId",
      "templateId",
      "purpose",
      "collectorProvidedSupport",
      "sections",
      "opensOn",
      "closesOn",
      "languages",
      "accessMode",
      "respondentMode",
      "dateGranularity",
      "minGroupSize",
      ...wordingFields(LANGS),
    ],
  },
  // The edit form asks for the wording in the campaign's own languages: one row per choice.
  ...([["sq"], ["en"], ["sq", "en"]] as const).map((languages) => ({
    name: `campaign (edit, offered in ${languages.join(" and ")})`,
    schema: campaignDetailsSchema(languages),
    fields: [
      "organisationId",
      "purpose",
      "collectorProvidedSupport",
      "opensOn",
      "closesOn",
      ...wordingFields(LANGS),
    ],
  })),
  {
    name: "redaction queue (preview, approve, exclude, withdraw)",
    schema: FreeTextDecisionSchema,
    fields: ["decision", "id", "text", "names", "places", "dates", "previewed"],
  },
];

/** The campaign form's per-language wording boxes (`title_sq`, `collectingOrganisation_en` ...). */
function wordingFields(languages: readonly Lang[]): string[] {
  return languages.flatMap((lang) => TEXT_FIELDS.map((field) => textFieldName(field, lang)));
}

/**
 * True when "ns:some.key" names a string in the English locale files, or a pair of plural forms
 * (`some.key_one` / `some.key_other`) that the page reads with a count.
 */
function isLocaleKey(message: string): boolean {
  return (
    isLocaleLeaf(message) || (isLocaleLeaf(`${message}_one`) && isLocaleLeaf(`${message}_other`))
  );
}

function isLocaleLeaf(message: string): boolean {
  const match = /^(\w+):(.+)$/.exec(message);
  if (!match) return false;
  let node: unknown = (resources.en as Record<string, unknown>)[match[1]!];
  for (const part of match[2]!.split(".")) {
    if (!node || typeof node !== "object" || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

describe("every form schema, given anything", () => {
  for (const { name, schema, fields, secret = [] } of FORM_SCHEMAS) {
    it(`${name}: answers ok or invalid for any object, with messages the page can show`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fieldName(fields), anyFieldValue), { maxLength: 8 }),
          (pairs) => {
            const result = schema.safeParse(ownRecord(pairs));
            expect(typeof result.success).toBe("boolean");
          },
        ),
        { numRuns: RUNS },
      );
    });

    it(`${name}: a posted form comes back as typed, with a locale key per invalid field`, () => {
      fc.assert(
        fc.property(formEntries(fields), (entries) => {
          const parsed = parseForm(schema, toFormData(entries), { secretFields: secret });
          // No NUL or lone surrogate gets through, to a store or back into the page.
          expect(holdsUnstorableText(parsed.ok ? parsed.data : parsed.values)).toBe(false);
          if (parsed.ok) return;
          for (const [field, message] of Object.entries(parsed.errors)) {
            expect(isLocaleKey(message), `${field}: ${message}`).toBe(true);
          }
          // What was typed comes back (secrets never do), whatever the field is called.
          for (const [key] of entries) {
            if (secret.includes(key)) expect(Object.hasOwn(parsed.values, key)).toBe(false);
            else expect(Object.hasOwn(parsed.values, storableText(key)), key).toBe(true);
          }
          expect(Object.getPrototypeOf(parsed.values)).toBe(Object.prototype);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it("form values keep a field called __proto__ as a field, not as the object's prototype", () => {
    const values = formDataToValues(
      toFormData([
        ["__proto__", "a"],
        ["__proto__", "b"],
        ["title", "x"],
      ]),
    );
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(values["__proto__"]).toEqual(["a", "b"]);
  });
});

describe("the questionnaire's parsers, given anything", () => {
  const templates = Object.values(TEMPLATES);

  it("the journey parser keeps valid answers, flags the rest and never throws", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...templates),
        fc.array(
          fc.tuple(fc.constantFrom("a:", "c:", ""), fc.string({ maxLength: 3 }), hostileString),
          { maxLength: 12 },
        ),
        fc.array(fc.tuple(fieldName(["nav", "page", "nonce", "code"]), hostileString), {
          maxLength: 4,
        }),
        (template, raw, extra) => {
          const sectionIds = template.sections.map((s) => s.id);
          const questions = campaignQuestions(template, sectionIds);
          // Half the answer fields name a real question, so the choice and length rules are hit.
          const entries: [string, string][] = raw.map(([prefix, salt, value], index) => {
            const question = questions[(salt.length * 7 + index) % questions.length]!;
            return [index % 2 ? `${prefix}${question.id}` : `${prefix}${salt}`, value];
          });
          const { answers, errors } = parseAnswers(
            template,
            sectionIds,
            toFormData([...entries, ...extra]),
          );
          expect(holdsUnstorableText(answers)).toBe(false);
          const ids = new Set(questions.map((q) => q.id));
          for (const [id, answer] of Object.entries(answers)) {
            expect(ids.has(id)).toBe(true);
            if (!errors[id])
              expect(textLength(answer.text)).toBeLessThanOrEqual(FREE_TEXT_MAX_LENGTH);
          }
          for (const message of Object.values(errors))
            expect(isLocaleKey(message), message).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("the page navigation and the form nonce accept only their own shapes", () => {
    fc.assert(
      fc.property(hostileString, (value) => {
        expect(typeof NavigationSchema.safeParse(value).success).toBe("boolean");
        expect(["fresh", "used", "invalid"]).toContain(checkFormNonce(value));
        expect(checkFormNonce(value)).toBe("invalid");
      }),
      { numRuns: RUNS },
    );
  });

  it("access codes: anything typed is checked without throwing and normalises idempotently", () => {
    fc.assert(
      fc.property(hostileString, (typed) => {
        const normal = normalizeAccessCode(typed);
        expect(normalizeAccessCode(normal)).toBe(normal);
        expect(typeof isWellFormedAccessCode(typed)).toBe("boolean");
        expect(hashAccessCode(typed, "secret")).toMatch(/^[\w-]{43}$/);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("redaction, given anything", () => {
  const markers = { name: "#1", place: "#2", date: "#3" };
  /** The folding redaction uses, character by character (tested here only through results). */
  const fold = (text: string) =>
    [...text.normalize("NFC")]
      .map((char) =>
        [...char]
          .map((unit) => unit.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase())
          .join(""),
      )
      .join("");

  it("ends, and leaves no occurrence of a listed phrase", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "grapheme", maxLength: 60 }),
          hostileString.filter((s) => s.length < 400),
        ),
        fc.array(
          fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.constantFrom("name", "place", "date" as const)),
          {
            maxLength: 4,
          },
        ),
        fc.array(fc.constantFrom("\u0301", "\u0308", " ", "ë", "E\u0308"), { maxLength: 2 }),
        (text, cuts, odd) => {
          // Phrases cut from the text itself (so they occur), plus a few odd ones.
          const phrases = [
            ...cuts.map(([start, length, kind]) => {
              const from = text.length ? start % text.length : 0;
              return { phrase: text.slice(from, from + length), kind };
            }),
            ...odd.map((phrase) => ({ phrase, kind: "name" as const })),
          ];
          const result = redactPhrases(text, phrases, markers);
          for (const { phrase } of phrases) {
            const target = fold(phrase.trim());
            // A phrase made of a marker's own characters ("[#1]") shows again in the marker.
            if (!target || /[[\]#123]/.test(target)) continue;
            expect(fold(result)).not.toContain(target);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("hides a phrase made of a marker's own characters once, with one marker (seed 936444384)", () => {
    expect(redactPhrases("]", [{ phrase: "]", kind: "name" }], markers)).toBe("[#1]");
    expect(redactPhrases("a] b]", [{ phrase: "]", kind: "name" }], markers)).toBe("a[#1] b[#1]");
  });

  it("a phrase of combining marks alone hides nothing and returns (it looped for ever)", () => {
    expect(redactPhrases("Arta came", [{ phrase: "\u0301", kind: "name" }], markers)).toBe(
      "Arta came",
    );
  });

  it("a name in capitals with a final Greek sigma is hidden", () => {
    expect(redactPhrases("ΟΔΟΣ was there", [{ phrase: "ΟΔΟΣ", kind: "name" }], markers)).toBe(
      "[#1] was there",
    );
  });

  it("a character that changes under NFC and lies outside the basic plane is still hidden", () => {
    // U+2F800 becomes U+4E3D when the text is normalised; the phrase was left as typed.
    expect(redactPhrases("\u{2F800} came", [{ phrase: "\u{2F800}", kind: "name" }], markers)).toBe(
      "[#1] came",
    );
  });

  it("splitting the list of phrases never yields an empty phrase", () => {
    fc.assert(
      fc.property(hostileString, (input) => {
        for (const phrase of splitPhrases(input)) expect(phrase.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("the self-assessment and good-practice parsers, given anything", () => {
  it("the scoring form never throws and names only real fields in its errors", () => {
    fc.assert(
      fc.property(
        formEntries([
          "score:employment_opportunities",
          "note:employment_opportunities",
          "score:x",
          "note:",
        ]),
        (entries) => {
          const { sheet, errors } = parseScoreSheet(toFormData(entries));
          expect(holdsUnstorableText(sheet)).toBe(false);
          expect(Object.keys(sheet.scores)).toHaveLength(15);
          for (const message of Object.values(errors))
            expect(isLocaleKey(message), message).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("the practice form never throws and gives a locale key per invalid field", () => {
    fc.assert(
      fc.property(
        formEntries(["title", "description", "version", "intent", "answer:q1", "answer:__proto__"]),
        (entries) => {
          const parsed = parsePracticeForm(toFormData(entries));
          expect(holdsUnstorableText(parsed.ok ? parsed.content : parsed.values)).toBe(false);
          if (parsed.ok) return;
          for (const message of Object.values(parsed.errors))
            expect(isLocaleKey(message), message).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("characters no store can keep", () => {
  it("storable text holds no NUL or lone surrogate, and leaves any other text as it was", () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, fc.string({ unit: "binary" })), (text) => {
        const stored = storableText(text);
        expect(holdsUnstorableText(stored)).toBe(false);
        if (!holdsUnstorableText(text)) expect(stored).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  const cases: [string, string, string][] = [
    ["a NUL is removed", "Ar\u0000ta", "Arta"],
    ["a lone high surrogate becomes U+FFFD", "x\uD800y", "x\uFFFDy"],
    ["a lone low surrogate becomes U+FFFD", "\uDFFF", "\uFFFD"],
    ["a real pair is kept", "😀 ë", "😀 ë"],
    ["line breaks and tabs are kept", "a\r\n\tb", "a\r\n\tb"],
  ];
  for (const [title, typed, stored] of cases) {
    it(`${title}: in a form field, an answer, a score note and a practice answer`, () => {
      const form = parseForm(campaignDetailsSchema(["sq"]), toFormData([["title_sq", typed]]));
      expect(form.ok ? form.data.texts.sq?.title : form.values.title_sq).toBe(stored.trim());
      const template = TEMPLATES.service_user_feedback!;
      const freeText = campaignQuestions(
        template,
        template.sections.map((s) => s.id),
      ).find((q) => q.kind === "free_text")!;
      const { answers } = parseAnswers(
        template,
        template.sections.map((s) => s.id),
        new URLSearchParams([[`a:${freeText.id}`, typed]]),
      );
      expect(answers[freeText.id]?.text).toBe(stored.replace(/\r\n/g, "\n").trim());
      const { sheet } = parseScoreSheet(toFormData([["note:employment_opportunities", typed]]));
      expect(sheet.notes.employment_opportunities).toBe(stored.replace(/\r\n/g, "\n"));
      const practice = parsePracticeForm(toFormData([["title", typed]]));
      expect(practice.ok ? practice.content.title : practice.values.title).toBe(stored.trim());
    });
  }
});

describe("tokens and addresses, given anything", () => {
  it("a draft form's pressed button and anchor are read without throwing", () => {
    fc.assert(
      fc.property(formEntries(["intent", "anchor"]), (entries) => {
        const { intent, anchor } = readDraftIntent(toFormData(entries));
        expect(["save", "complete"]).toContain(intent);
        if (anchor !== null) expect(anchor).toMatch(/^[\w-]{1,100}$/);
      }),
      { numRuns: RUNS },
    );
  });

  it("CSRF tokens, redirect targets and language paths never throw", () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, anyFieldValue), (value) => {
        expect(isValidCsrfToken(value, null)).toBe(false);
        expect(isValidCsrfToken(value, "session-hash")).toBe(false);
        const target = safeRedirectTarget(value, "/staff");
        expect(target === "/staff" || /^(\/en)?\/staff/.test(target)).toBe(true);
        expect(target.startsWith("//")).toBe(false);
        if (typeof value === "string") {
          expect(["sq", "en"]).toContain(getLangFromPath(value));
          expect(typeof switchLanguagePath(value, "en")).toBe("string");
        }
      }),
      { numRuns: RUNS },
    );
  });
});
