import { describe, expect, it } from "vitest";

import { createI18n } from "./i18n";
import { getLangFromPath, langFromParam, localePath, switchLanguagePath } from "./lang";

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
