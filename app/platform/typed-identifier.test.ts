import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { normalizeTypedIdentifier } from "./typed-identifier";
import {
  generateAccessCode,
  hashAccessCode,
  isWellFormedAccessCode,
  normalizeAccessCode,
} from "../feedback/access-codes.server";

// Every character a phone, a word processor or a chat app may put where a "-" was typed.
const DASHES = {
  "hyphen-minus": "-",
  hyphen: "\u2010",
  "non-breaking hyphen": "\u2011",
  "figure dash": "\u2012",
  "en dash": "\u2013",
  "em dash": "\u2014",
  "horizontal bar": "\u2015",
  "minus sign": "\u2212",
  "small hyphen-minus": "\uFE63",
  "full-width hyphen-minus": "\uFF0D",
  "small em dash": "\uFE58",
  "heavy minus sign": "\u2796",
};

const fullWidth = (text: string) =>
  [...text]
    .map((c) => (/[A-Za-z0-9]/.test(c) ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c))
    .join("");

describe("typed identifiers", () => {
  it.each(Object.entries(DASHES))("read a %s as a hyphen", (_name, dash) => {
    expect(normalizeTypedIdentifier(`abcd${dash}efgh`)).toBe("ABCD-EFGH");
  });

  it("read full-width letters and digits, outer and no-break spaces, and invisible marks plainly", () => {
    expect(normalizeTypedIdentifier(fullWidth("abcd-2346"))).toBe("ABCD-2346");
    expect(normalizeTypedIdentifier("\u00a0 abcd\u200b-efgh\ufeff \u3000")).toBe("ABCD-EFGH");
    expect(normalizeTypedIdentifier("ab\u00adcd  ef\tgh")).toBe("ABCD EF GH");
  });
});

describe("access codes typed by hand", () => {
  it.each(Object.entries(DASHES))("are accepted with a %s", (_name, dash) => {
    const code = generateAccessCode();
    const typed = ` ${code.replace("-", dash).toLowerCase()} `;
    expect(isWellFormedAccessCode(typed)).toBe(true);
    expect(hashAccessCode(typed, "k")).toBe(hashAccessCode(code, "k"));
  });

  it("are accepted in full-width letters and digits", () => {
    expect(normalizeAccessCode(fullWidth("ABCD-2346"))).toBe("ABCD2346");
    expect(isWellFormedAccessCode(fullWidth("abcd 2346"))).toBe(true);
  });

  it("still refuse what is not a code after normalising", () => {
    expect(isWellFormedAccessCode("ABCD-EFG")).toBe(false);
    expect(isWellFormedAccessCode("ABCD_EFGH")).toBe(false);
    expect(isWellFormedAccessCode("ABCD-EFG0")).toBe(false);
  });

  it("mean the same code however a valid code is dressed up", () => {
    const dash = fc.constantFrom(...Object.values(DASHES), " ", "", "\u00a0");
    fc.assert(
      fc.property(
        fc.constant(null).map(() => generateAccessCode()),
        dash,
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom("", " ", "\t", "\u00a0", "\u200b"),
        (code, separator, lower, wide, pad) => {
          let typed = code.replace("-", separator);
          if (lower) typed = typed.toLowerCase();
          if (wide) typed = fullWidth(typed);
          typed = `${pad}${typed}${pad}`;
          return normalizeAccessCode(typed) === code.replace("-", "");
        },
      ),
    );
  });
});
