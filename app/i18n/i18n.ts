import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";

import { DEFAULT_LANG, type Lang } from "./lang";
import { resources as bothLanguages } from "./resources.server";
import type sqTexts from "./texts.sq";

export const NAMESPACES = [
  "common",
  "auth",
  "staff",
  "safety",
  "feedback",
  "questionnaires",
  "practices",
  "meetings",
  "minutes",
  "members",
  "board",
  "review",
] as const;

/** One language's texts by namespace (app/i18n/texts.sq.ts, texts.en.ts). */
type LanguageTexts = Record<keyof typeof sqTexts, object>;

/**
 * The languages whose texts this process has. The server has both from the start
 * (resources.server.ts). In a browser that module is empty (Remix leaves `.server` modules out
 * of browser bundles): a page loads its own language with `loadLanguage` before hydrating, so a
 * staff page does not download the other language's texts as well (about 155 kB).
 */
const loaded: Partial<Record<Lang, LanguageTexts>> = { ...bothLanguages };

/**
 * Loads one language's texts in the browser, as a chunk of its own; resolves at once when they
 * are here already (always, on the server). Call it before `createI18n(lang)` in a browser.
 */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (loaded[lang]) return;
  const texts = lang === "en" ? await import("./texts.en") : await import("./texts.sq");
  loaded[lang] = texts.default;
}

/**
 * A new instance fixed to one language: one per page load in the browser; on the server use
 * `serverI18n`, one per language.
 */
export function createI18n(lang: Lang): I18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: DEFAULT_LANG,
    supportedLngs: ["sq", "en"],
    ns: NAMESPACES,
    defaultNS: "common",
    // The languages loaded here: both on the server, the page's own in a browser.
    resources: { ...loaded },
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // A missing key shows up unmistakably, and the browser tests fail on it.
    parseMissingKeyHandler: (key: string) => `⟦missing:${key}⟧`,
  });
  return instance;
}

declare module "i18next" {
  interface ReactOptions {
    /** The instance's language and resources never change (patched useTranslation, 056). */
    fixedResources?: boolean;
  }
}

const perLanguage = new Map<Lang, I18n>();

/**
 * The server's instance for one language, made once and shared by every request in that
 * language: its language is fixed at creation and nothing on the server changes it or its
 * resources, so two requests in different languages still never see each other's language.
 * Making an instance per request cost about an eighth of a survivor page's server time.
 */
export function serverI18n(lang: Lang): I18n {
  let instance = perLanguage.get(lang);
  if (!instance) {
    instance = createI18n(lang);
    rememberPlainTranslations(instance);
    rememberWhichKeysExist(instance);
    // Read by the patched useTranslation (docs/decisions/056): set after init, since
    // react-i18next copies `react` options given to init into its defaults for every instance.
    instance.options.react = { ...instance.options.react, fixedResources: true };
    perLanguage.set(lang, instance);
  }
  return instance;
}

/** More than every key in the locale files (about 3,000 per language). */
const MAX_REMEMBERED_KEYS = 10_000;

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * What a translate call is remembered under, or null when it is not: a string key alone, with
 * options whose values are all numbers (a count, a section number), or with `returnObjects:
 * true` alone (a list of paragraphs, kept frozen). Text put into a message (a name, a title)
 * is never kept beyond its request.
 */
function rememberedAs(key: unknown, rest: unknown[]): string | null {
  if (typeof key !== "string") return null;
  const [options, ...more] = rest;
  if (more.some((value) => value !== undefined)) return null;
  if (options === undefined) return key;
  if (typeof options !== "object" || options === null) return null;
  const entries = Object.entries(options);
  if (entries.length === 1 && entries[0]![0] === "returnObjects" && entries[0]![1] === true)
    return `${key}\u0000objects`;
  if (!entries.every(([, value]) => typeof value === "number")) return null;
  return `${key}\u0000${JSON.stringify(options)}`;
}

/** A translated value as it is remembered: text, or a copy of a list or object, frozen. */
function remembered(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return String(value);
  const copy = structuredClone(value) as object;
  const freeze = (item: unknown) => {
    if (typeof item !== "object" || item === null) return;
    Object.freeze(item);
    for (const inner of Object.values(item)) freeze(inner);
  };
  freeze(copy);
  return copy;
}
type FixedTOptions = { scopeNs?: unknown } & Record<string, unknown>;

/**
 * Makes the server instance's `getFixedT` return one translate function per language,
 * namespace and key prefix, made once, that remembers its answers (see `rememberedAs`: a key
 * alone, with numbers only, such as a count, or a list asked for with `returnObjects`). On the server the language and the resources
 * never change, so such a call always gives the same text; a call that puts text into the
 * message is translated each time. react-i18next's `useTranslation` asks for a translate
 * function in every component of every page, and each call went through i18next's whole lookup
 * again: about a tenth of a survivor page's server time (issue 17).
 */
function rememberPlainTranslations(instance: I18n): void {
  const made = new Map<string, AnyFunction>();
  const original = (instance.getFixedT as unknown as AnyFunction).bind(instance);
  const getFixedT = (...args: unknown[]) => {
    const [lng, ns, keyPrefix, options] = args as [unknown, unknown, unknown, FixedTOptions?];
    // A key prefix given as a function, or any further option, is left to i18next as it is.
    const otherOptions = Object.keys(options ?? {}).some((name) => name !== "scopeNs");
    if (typeof keyPrefix === "function" || otherOptions) return original(...args);
    const id = JSON.stringify([lng, ns, keyPrefix ?? null, options?.scopeNs ?? null]);
    let fixed = made.get(id);
    if (!fixed) {
      const translate = original(...args) as AnyFunction & Record<string, unknown>;
      const plain = new Map<string, unknown>();
      const remembering = (key: unknown, ...rest: unknown[]) => {
        // Most calls are a key alone, remembered under the key itself (rememberedAs).
        if (rest.length === 0 && typeof key === "string") {
          const known = plain.get(key);
          if (known !== undefined) return known;
        }
        const id = rememberedAs(key, rest);
        if (id === null) return translate(key, ...rest);
        let text = plain.get(id);
        if (text === undefined) {
          text = remembered(translate(key, ...rest));
          // Keys come from the code and the locale files; the bound keeps a key built from
          // something a visitor sent from growing the map.
          if (plain.size < MAX_REMEMBERED_KEYS) plain.set(id, text);
        }
        return text;
      };
      fixed = Object.assign(remembering, {
        lng: translate.lng,
        lngs: translate.lngs,
        ns: translate.ns,
        keyPrefix: translate.keyPrefix,
      });
      made.set(id, fixed);
    }
    return fixed;
  };
  instance.getFixedT = getFixedT as unknown as I18n["getFixedT"];
}

/**
 * Makes the server instance's `exists` remember its answer for a key alone (no options): the
 * resources never change on the server. The questionnaire asks it for every question's hint,
 * and each call went through i18next's whole lookup: about 2 % of a section page's server time.
 */
function rememberWhichKeysExist(instance: I18n): void {
  const known = new Map<string, boolean>();
  const original = instance.exists.bind(instance);
  instance.exists = ((key: unknown, ...rest: unknown[]) => {
    if (typeof key !== "string" || rest.some((value) => value !== undefined))
      return (original as AnyFunction)(key, ...rest);
    let found = known.get(key);
    if (found === undefined) {
      found = original(key);
      if (known.size < MAX_REMEMBERED_KEYS) known.set(key, found);
    }
    return found;
  }) as I18n["exists"];
}

/** A translate function for one language, for meta tags and server messages (never changes language). */
export function getFixedT(lang: Lang) {
  return serverI18n(lang).getFixedT(lang);
}
