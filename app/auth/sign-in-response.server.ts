import { redirect } from "@remix-run/node";

import { safeRedirectTarget } from "./guard.server";
import { claimKeptInput } from "./kept-input.server";
import { serializeSessionCookie } from "./sessions.server";
import { serializeClearedChallengeCookie } from "./sign-in-challenges.server";

/**
 * Where a finished sign-in goes: the page asked for, or the page whose input was kept when the
 * session ended (with ?restore= so the form is filled in again, decision 013).
 */
export async function signedInTarget(
  input: { userId: string; redirectTo: string; kept: string | null },
  home: string,
): Promise<string> {
  const target = safeRedirectTarget(input.redirectTo, home);
  const claimed = input.kept ? await claimKeptInput(input.kept, input.userId) : null;
  const restorePath = claimed ? safeRedirectTarget(claimed.path, target) : null;
  return restorePath && restorePath === claimed?.path
    ? `${restorePath}${restorePath.includes("?") ? "&" : "?"}restore=${input.kept}`
    : target;
}

/** The Set-Cookie headers of a finished sign-in: the new session, and no second-step cookie. */
export async function signedInHeaders(sessionToken: string): Promise<Headers> {
  const headers = new Headers();
  headers.append("Set-Cookie", await serializeSessionCookie(sessionToken));
  headers.append("Set-Cookie", await serializeClearedChallengeCookie());
  return headers;
}

/** Redirects a finished sign-in to its target with the session cookie. */
export async function finishSignIn(
  input: { sessionToken: string; userId: string; redirectTo: string; kept: string | null },
  home: string,
): Promise<Response> {
  return redirect(await signedInTarget(input, home), {
    headers: await signedInHeaders(input.sessionToken),
  });
}
