import { describe, expect, it } from "vitest";

import { createI18n } from "./i18n";
import {
  albanianPrefixRedirect,
  getLangFromPath,
  langFromParam,
  localePath,
  switchLanguagePath,
} from "./lang";

describe("language in the URL", () => {
  it("reads Albanian by default and English under /en", () => {
    expect(getLangFromPath("/")).toBe("sq");
    expect(getLangFromPath("/safety")).toBe("sq");
    expect(getLangFromPath("/en")).toBe("en");
    expect(getLangFromPath("/en/safety")).toBe("en");
    expect(getLangFromPath("/english")).toBe("sq");
  });

  it("accepts only a missing or 'en' prefix", () => {
    expect(langFromParam(undefined)).toBe("sq");
    expect(langFromParam("en")).toBe("en");
    expect(langFromParam("de")).toBeNull();
  });

  it("switches language on the same page", () => {
    expect(switchLanguagePath("/safety", "en")).toBe("/en/safety");
    expect(switchLanguagePath("/en/safety", "sq")).toBe("/safety");
    expect(switchLanguagePath("/en", "sq")).toBe("/");
    expect(switchLanguagePath("/", "en")).toBe("/en");
    expect(localePath("en", "/staff/sign-in")).toBe("/en/staff/sign-in");
  });

  it("keeps two request instances in their own languages", () => {
    const sq = createI18n("sq");
    const en = createI18n("en");
    expect(sq.t("quickExit.label")).toBe("Dil nga kjo faqe");
    expect(en.t("quickExit.label")).toBe("Leave this site");
    expect(sq.t("quickExit.label")).toBe("Dil nga kjo faqe");
  });
});

describe("messages with a number", () => {
  it("agree with the number in both languages (CLDR one / other)", () => {
    const sq = createI18n("sq");
    const en = createI18n("en");
    const onlyOnce = "feedback:staff.codes.onlyOnce";
    expect(en.t(onlyOnce, { count: 1 })).toBe(
      "This code is shown only now. Print it before you leave this page.",
    );
    expect(en.t(onlyOnce, { count: 4 })).toMatch(/^These 4 codes are shown only now\./);
    expect(sq.t(onlyOnce, { count: 1 })).toMatch(/^Ky kod shfaqet vetëm tani\./);
    expect(sq.t(onlyOnce, { count: 4 })).toMatch(/^Këto 4 kode shfaqen vetëm tani\./);
    // Zero takes the "other" form in both languages.
    expect(sq.t("feedback:questionnaire.textWritten", { count: 0 })).toBe("Keni shkruar 0 shenja.");
    expect(sq.t("feedback:questionnaire.textWritten", { count: 1 })).toBe("Keni shkruar 1 shenjë.");
    expect(en.t("feedback:questionnaire.textWritten", { count: 1 })).toBe(
      "You have written 1 character.",
    );
  });
});

describe("addresses with an Albanian prefix", () => {
  it("go permanently to the same page and query without it", () => {
    expect(albanianPrefixRedirect("GET", "/sq")).toEqual({ status: 301, location: "/" });
    expect(albanianPrefixRedirect("GET", "/sq/")).toEqual({ status: 301, location: "/" });
    expect(albanianPrefixRedirect("HEAD", "/SQ/safety")).toEqual({
      status: 301,
      location: "/safety",
    });
    expect(albanianPrefixRedirect("GET", "/sq/f/abc?x=1&y=%20")).toEqual({
      status: 301,
      location: "/f/abc?x=1&y=%20",
    });
    expect(albanianPrefixRedirect("GET", "/sq?x=1")).toEqual({ status: 301, location: "/?x=1" });
  });

  it("keep a posted form's method and body (308)", () => {
    expect(albanianPrefixRedirect("POST", "/sq/f/abc")).toEqual({
      status: 308,
      location: "/f/abc",
    });
  });

  it("never lead to another site", () => {
    for (const url of ["/sq//evil.example/x", "/sq/\\evil.example", "/sq/\\/evil.example"]) {
      const location = albanianPrefixRedirect("GET", url)?.location ?? "";
      expect(location).toMatch(/^\/[^/\\]/);
    }
  });

  it("leave every other address alone", () => {
    for (const url of ["/", "/square", "/sqx/f", "/en/sq", "/f/sq", "/safety?sq"]) {
      expect(albanianPrefixRedirect("GET", url)).toBeNull();
    }
  });
});
