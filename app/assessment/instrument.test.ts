import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { allItems, SCORES, SELF_ASSESSMENT } from "./instrument";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function readLocale(lang: "sq" | "en"): Record<string, Json> {
  const file = path.join(process.cwd(), "locales", lang, "instruments.json");
  return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Json>;
}

/** Every leaf as "a.b.0.c" → value. */
function leaves(value: Json, prefix = ""): Map<string, Json> {
  const out = new Map<string, Json>();
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

function textAt(locale: Record<string, Json>, keyPath: string): unknown {
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

const sq = readLocale("sq");
const en = readLocale("en");

describe("instrument texts", () => {
  it("have the same keys in Albanian and English, and no empty strings", () => {
    const sqLeaves = leaves(sq);
    const enLeaves = leaves(en);
    expect([...sqLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    for (const [key, value] of [...sqLeaves, ...enLeaves]) {
      expect(typeof value, key).toBe("string");
      expect((value as string).trim(), key).not.toBe("");
    }
  });

  it.each([
    ["sq", sq],
    ["en", en],
  ] as const)("cover every section, item and score of the self-assessment in %s", (_, locale) => {
    const base = SELF_ASSESSMENT.id;
    const keys = [
      `${base}.title`,
      `${base}.description`,
      `${base}.instructions.paragraphs.0`,
      ...SCORES.map((score) => `${base}.scale.${score}`),
      ...SELF_ASSESSMENT.sections.flatMap((s) => [
        `${base}.sections.${s.id}.title`,
        `${base}.sections.${s.id}.short`,
      ]),
      ...allItems().map(({ itemId }) => `${base}.items.${itemId}`),
    ];
    for (const key of keys) {
      const text = textAt(locale, key);
      expect(typeof text, key).toBe("string");
      expect((text as string).trim(), key).not.toBe("");
    }
  });

  it.each([
    ["sq", sq],
    ["en", en],
  ] as const)("have no text for sections or items outside the instrument in %s", (_, locale) => {
    const sections = textAt(locale, `${SELF_ASSESSMENT.id}.sections`) as Record<string, unknown>;
    const items = textAt(locale, `${SELF_ASSESSMENT.id}.items`) as Record<string, unknown>;
    expect(Object.keys(sections)).toEqual(SELF_ASSESSMENT.sections.map((s) => s.id));
    expect(Object.keys(items)).toEqual(allItems().map((i) => i.itemId));
    for (const id of Object.keys(sections)) {
      const short = textAt(locale, `${SELF_ASSESSMENT.id}.sections.${id}.short`) as string;
      expect(short.length, id).toBeLessThanOrEqual(25);
    }
  });

  it("writes Albanian with its own letters", () => {
    const text = [...leaves(sq).values()].join(" ");
    expect(text).toMatch(/ë/);
    expect(text).toMatch(/ç/);
    expect(textAt(sq, `${SELF_ASSESSMENT.id}.scale.0`)).toBe("Asnjëherë");
    expect(textAt(en, `${SELF_ASSESSMENT.id}.scale.2`)).toBe("Always");
  });
});
