import { hmac, safeEqual } from "./tokens.server";
import { getConfig } from "../platform/config.server";

/**
 * CSRF tokens without extra state. A signed-in form carries HMAC(secret, session id hash): it is
 * tied to the session and dies with it. Forms shown before sign-in (sign-in, accepting an
 * invitation) carry a signed, time-limited token instead, so those pages need no cookie.
 */
export const CSRF_FIELD = "csrf";
const ANONYMOUS_TOKEN_LIFETIME_MS = 4 * 60 * 60 * 1000;

export function csrfTokenForSession(
  sessionIdHash: string,
  secret = getConfig().sessionSecret,
): string {
  return hmac(secret, `csrf|session|${sessionIdHash}`);
}

export function anonymousCsrfToken(now = new Date(), secret = getConfig().sessionSecret): string {
  const issuedAt = String(now.getTime());
  return `a.${issuedAt}.${hmac(secret, `csrf|anonymous|${issuedAt}`)}`;
}

export function isValidCsrfToken(
  submitted: unknown,
  sessionIdHash: string | null,
  now = new Date(),
  secret = getConfig().sessionSecret,
): boolean {
  if (typeof submitted !== "string" || submitted.length === 0 || submitted.length > 200)
    return false;
  if (sessionIdHash) return safeEqual(submitted, csrfTokenForSession(sessionIdHash, secret));
  const [prefix, issuedAt, signature] = submitted.split(".");
  if (prefix !== "a" || !issuedAt || !signature || !/^\d+$/.test(issuedAt)) return false;
  const age = now.getTime() - Number(issuedAt);
  if (age < 0 || age > ANONYMOUS_TOKEN_LIFETIME_MS) return false;
  return safeEqual(signature, hmac(secret, `csrf|anonymous|${issuedAt}`));
}

/** Throws 403 unless the form carries a valid token. Call before any write. */
export function requireCsrf(formData: FormData, sessionIdHash: string | null): void {
  if (!isValidCsrfToken(formData.get(CSRF_FIELD), sessionIdHash)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
}
