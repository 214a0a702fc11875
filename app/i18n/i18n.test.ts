import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, useTranslation } from "react-i18next";
import { describe, expect, it } from "vitest";

import { createI18n, serverI18n } from "./i18n";

describe("the server's translate functions (remembered per language)", () => {
  it("give the same text as a fresh instance, for plain keys, counts and values", () => {
    for (const lang of ["sq", "en"] as const) {
      const fresh = createI18n(lang).getFixedT(lang, "feedback");
      const served = serverI18n(lang).getFixedT(lang, "feedback");
      for (let round = 0; round < 2; round++) {
        expect(served("questionnaire.textLimit", { count: 1 })).toBe(
          fresh("questionnaire.textLimit", { count: 1 }),
        );
        expect(served("questionnaire.textLimit", { count: 7 })).toBe(
          fresh("questionnaire.textLimit", { count: 7 }),
        );
        expect(served("common:site.name")).toBe(fresh("common:site.name"));
      }
    }
    const en = serverI18n("en").getFixedT("en", "feedback");
    expect(en("questionnaire.textLimit", { count: 1 })).toBe("You can write up to 1 character.");
    expect(en("questionnaire.textLimit", { count: 500 })).toBe(
      "You can write up to 500 characters.",
    );
    expect(
      serverI18n("sq").getFixedT("sq", "common")("errorSummary.pageTitle", { title: "X" }),
    ).toBe(createI18n("sq").getFixedT("sq", "common")("errorSummary.pageTitle", { title: "X" }));
  });

  it("give lists of paragraphs as a fresh instance does, the same each time and unchangeable", () => {
    for (const lang of ["sq", "en"] as const) {
      const fresh = createI18n(lang).getFixedT(lang, "safety");
      const served = serverI18n(lang).getFixedT(lang, "safety");
      const first = served("history.paragraphs", { returnObjects: true }) as string[];
      expect(first).toEqual(fresh("history.paragraphs", { returnObjects: true }));
      expect(first.length).toBeGreaterThan(0);
      expect(served("history.paragraphs", { returnObjects: true })).toBe(first);
      expect(() => (first as unknown as string[]).push("changed")).toThrow(TypeError);
      expect(served("history.paragraphs", { returnObjects: true })).toEqual(
        fresh("history.paragraphs", { returnObjects: true }),
      );
      // A list is never confused with the same key asked for as text.
      expect(served("history.heading")).toBe(fresh("history.heading"));
    }
  });

  it("keep each language and namespace apart, and show a missing key as missing", () => {
    const sq = serverI18n("sq").getFixedT("sq", "common");
    const en = serverI18n("en").getFixedT("en", "common");
    expect(sq("shell.skipToContent")).not.toBe(en("shell.skipToContent"));
    expect(en("shell.skipToContent")).toBe("Skip to main content");
    expect(serverI18n("en").getFixedT("en", "feedback")("shell.skipToContent")).toBe(
      "⟦missing:shell.skipToContent⟧",
    );
    expect(en("no.such.key")).toBe("⟦missing:no.such.key⟧");
  });

  it("honour a key prefix", () => {
    const prefixed = serverI18n("en").getFixedT("en", "common", "shell");
    expect(prefixed("skipToContent")).toBe("Skip to main content");
  });

  it("say which keys exist as a fresh instance does, asked once or again", () => {
    const hint =
      "questionnaires:service_user_feedback.questions.first_contact_reflection_period_informed.hint";
    const none =
      "questionnaires:service_user_feedback.questions.first_contact_reflection_period_informed.nohint";
    for (const lang of ["sq", "en"] as const) {
      const fresh = createI18n(lang);
      for (let round = 0; round < 2; round++) {
        expect(serverI18n(lang).exists(hint)).toBe(true);
        expect(serverI18n(lang).exists(none)).toBe(false);
        expect(serverI18n(lang).exists("site.name", { ns: "common" })).toBe(
          fresh.exists("site.name", { ns: "common" }),
        );
      }
      expect(fresh.exists(hint)).toBe(true);
      expect(fresh.exists(none)).toBe(false);
    }
  });
});

describe("useTranslation with the server's instance (patched: no hooks, answers made once)", () => {
  function Texts() {
    const common = useTranslation();
    const feedback = useTranslation("feedback");
    const both = useTranslation(["safety", "common"]);
    const prefixed = useTranslation("common", { keyPrefix: "shell" });
    return createElement(
      "p",
      null,
      [
        common.t("shell.skipToContent"),
        feedback.t("questionnaire.textLimit", { count: 3 }),
        both.t("title"),
        both.t("common:site.name"),
        prefixed.t("skipToContent"),
        String(common.ready),
        common.i18n.language,
      ].join("|"),
    );
  }
  const render = (i18n: ReturnType<typeof createI18n>) =>
    renderToString(createElement(I18nextProvider, { i18n }, createElement(Texts)));

  it("renders what react-i18next renders with a fresh instance, in each language, again and again", () => {
    for (const lang of ["sq", "en"] as const) {
      const fresh = render(createI18n(lang));
      expect(fresh).not.toContain("missing");
      for (let round = 0; round < 3; round++) expect(render(serverI18n(lang))).toBe(fresh);
    }
    expect(render(serverI18n("en"))).toContain(
      "Skip to main content|You can write up to 3 characters.",
    );
  });

  it("is used only by the server's instances: a fresh one (the browser's) keeps react-i18next's own hook", () => {
    expect(serverI18n("sq").options.react?.fixedResources).toBe(true);
    expect(createI18n("sq").options.react?.fixedResources).toBeUndefined();
  });
});
