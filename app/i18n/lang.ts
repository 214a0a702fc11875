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

/**
 * Where an address with an explicit Albanian prefix ("/sq", "/sq/…", any case) belongs: the same
 * page and query without the prefix, since Albanian is the default and has none. Permanent:
 * 301 for GET and HEAD, 308 for other methods so a posted form is posted again, body and all.
 * The target always starts with exactly one "/", so "/sq//host" or "/sq/\host" cannot send the
 * browser to another site.
 *
 * @param url the request's path and query as received (e.g. Express `req.originalUrl`)
 * @returns null when the address has no Albanian prefix
 */
export function albanianPrefixRedirect(
  method: string,
  url: string,
): { status: 301 | 308; location: string } | null {
  const match = /^\/sq(?=$|[/?#\\])(.*)$/is.exec(url);
  if (!match) return null;
  const rest = match[1] ?? "";
  const location = `/${rest.replace(/^[/\\]+/, "")}`;
  return { status: method === "GET" || method === "HEAD" ? 301 : 308, location };
}
