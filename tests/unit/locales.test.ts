import fs from "node:fs";
import path from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

import {
  callSitePluralProblems,
  findTranslateCalls,
  type Flat,
  hasPluralForms,
  localePluralProblems,
  programFromSources,
  staleBareNumbers,
} from "./plural-rules";
import { listSourceFiles, ROOT } from "./source-files";

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value))
      flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, String(value));
  }
  return out;
}

function loadLocale(lang: string): Flat {
  const dir = path.join(ROOT, "locales", lang);
  const out: Flat = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const ns = file.replace(/\.json$/, "");
    for (const [key, text] of flatten(
      JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")),
      "",
      new Map(),
    )) {
      out.set(`${ns}:${key}`, text);
    }
  }
  return out;
}

const variables = (text: string) =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("locales", () => {
  const sq = loadLocale("sq");
  const en = loadLocale("en");

  it("have the same namespace files", () => {
    expect(fs.readdirSync(path.join(ROOT, "locales/sq")).sort()).toEqual(
      fs.readdirSync(path.join(ROOT, "locales/en")).sort(),
    );
  });

  it("have every key in both Albanian and English", () => {
    expect([...sq.keys()].filter((key) => !en.has(key))).toEqual([]);
    expect([...en.keys()].filter((key) => !sq.has(key))).toEqual([]);
  });

  it("use the same {{variables}} in both languages and no empty text", () => {
    for (const [key, text] of sq) {
      expect(variables(text), key).toEqual(variables(en.get(key) ?? ""));
      expect(text.trim(), key).not.toBe("");
      expect((en.get(key) ?? "").trim(), key).not.toBe("");
    }
  });

  it("contain every key the code asks for by name", () => {
    const missing: string[] = [];
    // A key may name a leaf, a pair of plural forms (read with count) or a list/object of
    // texts (read with returnObjects).
    const has = (keys: Flat, key: string) =>
      keys.has(key) ||
      hasPluralForms(keys, key) ||
      [...keys.keys()].some((k) => k.startsWith(`${key}.`));
    for (const file of listSourceFiles(["app"], [".ts", ".tsx"])) {
      if (file.endsWith(".test.ts")) continue;
      const source = fs.readFileSync(file, "utf8");
      const defaultNs = /useTranslation\(\s*"(\w+)"\s*\)/.exec(source)?.[1] ?? "common";
      // t("key") and t("ns:key") with a plain string literal; keys built at run time are
      // checked by the browser tests, which fail on any untranslated key on a page.
      for (const match of source.matchAll(/\bt\(\s*"([\w.:-]+)"/g)) {
        const raw = match[1] ?? "";
        const key = raw.includes(":") ? raw : `${defaultNs}:${raw}`;
        if (!has(sq, key) || !has(en, key)) missing.push(`${path.relative(ROOT, file)}: ${key}`);
      }
      // Message keys handed around as strings, e.g. zod messages "auth:errors.email_required".
      for (const match of source.matchAll(
        /"((?:common|auth|staff|safety|feedback|questionnaires|assessment|instruments|practices):[\w.]+)"/g,
      )) {
        const key = match[1] ?? "";
        if (!has(sq, key) || !has(en, key)) missing.push(`${path.relative(ROOT, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("messages with a number (plural forms)", () => {
  const locales = { sq: loadLocale("sq"), en: loadLocale("en") };

  it("have _one and _other in both languages, and {{count}} only in plural forms", () => {
    expect(localePluralProblems(locales)).toEqual([]);
    expect(staleBareNumbers(locales.sq)).toEqual([]);
    expect(staleBareNumbers(locales.en)).toEqual([]);
  });

  it("are called with count wherever the code passes a number", () => {
    const config = ts.parseJsonConfigFileContent(
      JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")),
      ts.sys,
      ROOT,
    );
    const files = listSourceFiles(["app"], [".ts", ".tsx"]).filter(
      (file) => !file.endsWith(".test.ts"),
    );
    const program = ts.createProgram(files, config.options);
    const calls = findTranslateCalls(program, ROOT, (source) => {
      return /useTranslation\(\s*"(\w+)"\s*\)/.exec(source.text)?.[1] ?? "common";
    });
    // The scan sees the code: it finds the counts the pages pass.
    expect(calls.filter((call) => call.numbers.includes("count")).length).toBeGreaterThan(10);
    expect(callSitePluralProblems(calls, locales)).toEqual([]);
    const numericNames = calls.flatMap((call) => call.numbers);
    expect(localePluralProblems(locales, numericNames)).toEqual([]);
  }, 240_000);

  it("describe a person's attendance in Albanian without a masculine or feminine adjective", () => {
    // "i pranishëm" (present, masculine) was shown for every member, women included. A status
    // said with a verb or a noun ("mori pjesë", "mungesë e justifikuar") fits everyone.
    // The adjective said of the person: a whole label, or after "ishte" (was); "mungesë e
    // justifikuar" agrees with the noun "mungesë" and is fine.
    const gendered = /(^|\bishte |\bështë )[ie] (pranishëm|pranishme|justifikuar|vonuar)/i;
    const attendance = [...loadLocale("sq")].filter(
      ([key]) =>
        key.startsWith("meetings:attendance.") || key.startsWith("minutes:attendanceStatus."),
    );
    expect(attendance.length).toBeGreaterThan(10);
    expect(attendance.filter(([, text]) => gendered.test(text))).toEqual([]);
  });

  it("put a board's name in Albanian only where it needs no case ending", () => {
    // A board's name is stored as typed, in the nominative ("Bordi këshillimor…"); after "e",
    // "i", "së", "për" or "në" Albanian needs another case ("Mbledhja e Bordit…"), so the pages
    // read "Mbledhja e Bordi këshillimor…". The name goes after a dash or a colon, or in
    // quotes after "bordit"/"bordin", whose case ending carries the grammar.
    const withBoard = [...loadLocale("sq")].filter(([, text]) => text.includes("{{board}}"));
    expect(withBoard.length).toBeGreaterThan(10);
    const inflected = /(^|\s)(e|i|së|të|për|në|nga|te|tek)\s+\{\{board\}\}/i;
    expect(withBoard.filter(([, text]) => inflected.test(text))).toEqual([]);
  });

  it("would catch 'These 1 codes', a number without count and a lone plural form", () => {
    const example = {
      sq: new Map([
        ["feedback:codes.onlyOnce", "Këto {{count}} kode shfaqen vetëm tani."],
        ["feedback:codes.counts", "{{total}} kode të krijuara, {{used}} të përdorura."],
        ["feedback:codes.left_one", "Mbetet {{count}} kod."],
        ["feedback:codes.left_other", "Mbeten {{count}} kode."],
        ["feedback:codes.waiting", "{{pending}} në pritje"],
      ]),
      en: new Map([
        ["feedback:codes.onlyOnce", "These {{count}} codes are shown only now."],
        ["feedback:codes.counts", "{{total}} codes made, {{used}} used."],
        ["feedback:codes.left_other", "{{count}} codes left."],
        ["feedback:codes.waiting", "{{pending}} waiting"],
      ]),
    };
    expect(localePluralProblems(example)).toEqual([
      "sq feedback:codes.onlyOnce: has {{count}} but no _one/_other plural forms",
      "sq feedback:codes.counts: interpolates the number {{total}} without count (use _one/_other with count, or explain it in BARE_NUMBERS)",
      "sq feedback:codes.counts: interpolates the number {{used}} without count (use _one/_other with count, or explain it in BARE_NUMBERS)",
      "en feedback:codes.left_one: missing beside the other plural form",
      "en feedback:codes.onlyOnce: has {{count}} but no _one/_other plural forms",
      "en feedback:codes.counts: interpolates the number {{total}} without count (use _one/_other with count, or explain it in BARE_NUMBERS)",
      "en feedback:codes.counts: interpolates the number {{used}} without count (use _one/_other with count, or explain it in BARE_NUMBERS)",
    ]);

    // The call sites, found by type: a count and a total computed from lists, a formatted
    // number, and a number under a name the locale check cannot guess.
    const program = programFromSources({
      "/virtual/app/codes.tsx": [
        "declare function t(key: string, options?: Record<string, unknown>): string;",
        "const codes: string[] = ['A', 'B'];",
        "const batch = { total: codes.length, used: 0 };",
        't("feedback:codes.onlyOnce", { count: codes.length });',
        't("feedback:codes.counts", { total: batch.total, used: batch.used });',
        't("feedback:codes.waiting", { pending: String(codes.length) });',
        't("feedback:codes.left", { count: 1 });',
        't("feedback:codes.title", { name: "Fushata" });',
        't("feedback:codes.left", { min: 2 });',
      ].join("\n"),
    });
    const calls = findTranslateCalls(program, "/virtual/app", () => "common");
    expect(calls.map((call) => call.numbers)).toEqual([
      ["count"],
      ["total", "used"],
      ["pending"],
      ["count"],
      [],
      ["min"],
    ]);
    expect(callSitePluralProblems(calls, example)).toEqual([
      'codes.tsx:4: t("feedback:codes.onlyOnce", { count }) has no _one/_other in sq',
      'codes.tsx:4: t("feedback:codes.onlyOnce", { count }) has no _one/_other in en',
      'codes.tsx:5: t("feedback:codes.counts") passes the number "total" without count',
      'codes.tsx:5: t("feedback:codes.counts") passes the number "used" without count',
      'codes.tsx:6: t("feedback:codes.waiting") passes the number "pending" without count',
      'codes.tsx:7: t("feedback:codes.left", { count }) has no _one/_other in en',
      // A plural message read under another name shows its key: the reset page's hint did.
      'codes.tsx:9: t("feedback:codes.left") is a plural message read without count (sq)',
      'codes.tsx:9: t("feedback:codes.left") is a plural message read without count (en)',
    ]);
    // A name the locale check could not guess is a number once a call site passes one.
    expect(localePluralProblems(example, ["pending"])).toContain(
      "en feedback:codes.waiting: interpolates the number {{pending}} without count (use _one/_other with count, or explain it in BARE_NUMBERS)",
    );
  }, 120_000);
});

describe("labels built from lists in the code", () => {
  it("name every campaign purpose, and say it within a sentence, in both languages", async () => {
    const { PURPOSES } = await import("../../app/feedback/campaign.schemas");
    for (const lang of ["sq", "en"]) {
      const feedback = JSON.parse(
        fs.readFileSync(path.join(ROOT, "locales", lang, "feedback.json"), "utf8"),
      );
      for (const purpose of PURPOSES) {
        expect(feedback.purposes[purpose], `${lang} purposes.${purpose}`).toBeTruthy();
        // "used only for {{purpose}}": lower case, and in Albanian the accusative after "për"
        // ("për vlerësimin e shërbimeve", never "për vlerësimi i shërbimeve").
        const phrase: string = feedback.purposeFor[purpose];
        expect(phrase, `${lang} purposeFor.${purpose}`).toMatch(/^\p{Ll}/u);
        if (lang === "sq") expect(phrase, purpose).not.toMatch(/^\p{L}+(i|imi) i /u);
      }
    }
  });

  it("name every audited action in both languages", async () => {
    const { AUDIT_ACTIONS } = await import("../../app/auth/audit-actions");
    for (const lang of ["sq", "en"]) {
      const staff = JSON.parse(
        fs.readFileSync(path.join(ROOT, "locales", lang, "staff.json"), "utf8"),
      );
      expect(
        AUDIT_ACTIONS.filter((action) => !staff.audit.actions[action]),
        lang,
      ).toEqual([]);
    }
  });
});
