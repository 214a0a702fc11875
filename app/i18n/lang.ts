/**
 * The language travels in the URL, never in a cookie: Albanian has no prefix, English lives
 * under /en. Client-safe.
 */
export const LANGS = ["sq", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "sq";

export function getLangFromPath(pathname: string): Lang {
  return pathname === "/en" || pathname.startsWith("/en/") ? "en" : "sq";
}

/** The ($lang) route segment: absent for Albanian, "en" for English, anything else is a 404. */
export function langFromParam(param: string | undefined): Lang | null {
  if (param === undefined) return "sq";
  return param === "en" ? "en" : null;
}

/** A path in the given language. `path` is the Albanian (unprefixed) path, starting with "/". */
export function localePath(lang: Lang, path: string): string {
  if (lang === DEFAULT_LANG) return path;
  return path === "/" ? "/en" : `/en${path}`;
}

/** The same page in another language. */
export function switchLanguagePath(pathname: string, to: Lang): string {
  const unprefixed = getLangFromPath(pathname) === "en" ? pathname.slice(3) || "/" : pathname;
  return localePath(to, unprefixed);
}
