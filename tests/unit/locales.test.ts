import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { listSourceFiles, ROOT } from "./source-files";

type Flat = Map<string, string>;

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
    // A key may name a leaf or a list/object of texts (read with returnObjects).
    const has = (keys: Flat, key: string) =>
      keys.has(key) ||
      // A plural message (t("key", { count })) lives under key_one / key_other.
      (keys.has(`${key}_one`) && keys.has(`${key}_other`)) ||
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

describe("labels built from lists in the code", () => {
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
