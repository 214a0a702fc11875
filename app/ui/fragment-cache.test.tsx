import { createContext, useContext } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider, useTranslation } from "react-i18next";
import { describe, expect, it } from "vitest";

import { CachedFragment, FragmentCacheContext } from "./fragment-cache";
import { fragmentCacheFor } from "./fragment-cache.server";
import { serverI18n } from "../i18n/i18n";
import type { Lang } from "../i18n/lang";

const Outer = createContext("outer default");

function Continue({ suffix = "" }: { suffix?: string }) {
  const { t } = useTranslation("feedback");
  return (
    <button type="submit">
      {t("questionnaire.continue")}
      {suffix}
    </button>
  );
}

function ShowOuter() {
  return <p>{useContext(Outer)}</p>;
}

/** A page as entry.server renders a survivor page: translations, then the cache (or none). */
function page(lang: Lang, cached: boolean, key: string, suffix = "") {
  const i18n = serverI18n(lang);
  return renderToString(
    <Outer.Provider value="outer value">
      <I18nextProvider i18n={i18n}>
        <FragmentCacheContext.Provider value={cached ? fragmentCacheFor(lang, i18n) : null}>
          <CachedFragment cacheKey={key} className="app-form-group">
            <Continue suffix={suffix} />
          </CachedFragment>
          <ShowOuter />
        </FragmentCacheContext.Provider>
      </I18nextProvider>
    </Outer.Provider>,
  );
}

describe("fragments kept on survivor pages (decision 066)", () => {
  it("give the same HTML as rendering the children in the page", () => {
    for (const lang of ["sq", "en"] as const) {
      expect(page(lang, true, `same-${lang}`)).toBe(page(lang, false, `same-${lang}`));
    }
    expect(page("en", true, "same-en")).toBe(
      '<div class="app-form-group"><button type="submit">Continue</button></div><p>outer value</p>',
    );
  });

  it("are rendered once per key and language, then reused as they are", () => {
    expect(page("en", true, "once", " first")).toContain("Continue first");
    // Same key: the kept HTML, whatever the children now are.
    expect(page("en", true, "once", " second")).toContain("Continue first");
    // Another language has its own.
    expect(page("sq", true, "once", " second")).toContain("Vazhdo second");
    // Without the cache (the browser, hydrated pages) the children are always rendered.
    // (React separates the two texts with a comment there, as in any page; the kept HTML is
    // rendered as static markup, without it.)
    expect(page("en", false, "once", " third")).toContain("Continue<!-- --> third");
  });

  it("leave the page's own context as it was for what follows them", () => {
    expect(page("sq", true, "context-first-time")).toContain("<p>outer value</p>");
    expect(page("sq", true, "context-first-time")).toContain("<p>outer value</p>");
  });
});
