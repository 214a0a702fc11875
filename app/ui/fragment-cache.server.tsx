import type { i18n as I18n } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";

import type { FragmentCache } from "./fragment-cache";

/** Fragments kept at most; the whole set is forgotten when it is full (a build has ~200). */
export const MAX_FRAGMENTS = 5_000;

const fragments = new Map<string, string>();
const perLanguage = new Map<string, FragmentCache>();

/**
 * The fragment cache of one language's pages (decision 066): `key` → the HTML of `children`
 * rendered with that language's translations, once per process (texts and templates change only
 * with a new build, which is a new process). React supports rendering to a string from inside a
 * render; the fragment sees only the translations, no other context of the page.
 */
export function fragmentCacheFor(lang: string, i18n: I18n): FragmentCache {
  let cache = perLanguage.get(lang);
  if (!cache) {
    cache = (key, children) => {
      const id = `${lang}\0${key}`;
      let html = fragments.get(id);
      if (html === undefined) {
        html = renderToStaticMarkup(<I18nextProvider i18n={i18n}>{children}</I18nextProvider>);
        if (fragments.size >= MAX_FRAGMENTS) fragments.clear();
        fragments.set(id, html);
      }
      return html;
    };
    perLanguage.set(lang, cache);
  }
  return cache;
}
