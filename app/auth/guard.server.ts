import { redirect, redirectDocument } from "@remix-run/node";

import { csrfTokenForSession, requireCsrf } from "./csrf.server";
import { keepInput, keptInputPath } from "./kept-input.server";
import { can, type Permission } from "./permissions";
import {
  lookUpSessionWithUser,
  readSessionToken,
  sessionEndsAt,
  SESSION_ABSOLUTE_TIMEOUT_MS,
} from "./sessions.server";
import { twoFactorRequired } from "./two-factor";
import type { StaffUser } from "./users.server";
import { getLangFromPath, localePath } from "../i18n/lang";

/** The page where a signed-in person sets up two-step sign-in (without the language prefix). */
export const TWO_FACTOR_SETUP_PATH = "/staff/account/two-factor";

export type StaffContext = {
  user: StaffUser;
  sessionIdHash: string;
  csrfToken: string;
  /** When the session ends if nothing happens (ms since epoch): idle or absolute timeout. */
  sessionEndsAt: number;
  /** The 12-hour limit of this session (ms since epoch), which no activity moves. */
  sessionAbsoluteEndsAt: number;
  /**
   * A role of this person requires two-step sign-in and they have none (a role added, or a
   * session from before it was required): every page but setting it up is closed to them.
   */
  mustSetUpTwoFactor: boolean;
};

/** The signed-in staff member, or null. Disabled accounts count as signed out. */
export async function getStaffContext(request: Request): Promise<StaffContext | null> {
  return (await resolveStaffSession(request)).context;
}

type ResolvedSession = { context: StaffContext | null; expiredUserId: string | null };

/**
 * Page loads' lookups under way, by session token. The loaders of one page (the root's and the
 * route's, each given its own Request by Remix) start together and share one lookup instead of
 * reading the session, the account and its roles twice. An entry lives only while its lookup
 * runs, so nothing read outlives it: a lookup that starts after a sign-out, a disabled account
 * or a changed role reads them afresh. Actions (POST) never share: each reads for itself.
 */
const pageLookups = new Map<string, Promise<ResolvedSession>>();

async function resolveStaffSession(request: Request): Promise<ResolvedSession> {
  const token = await readSessionToken(request);
  if (!token) return { context: null, expiredUserId: null };
  if (request.method !== "GET" && request.method !== "HEAD") return lookUpStaffSession(token);
  let pending = pageLookups.get(token);
  if (!pending) {
    pending = lookUpStaffSession(token).finally(() => pageLookups.delete(token));
    pageLookups.set(token, pending);
  }
  return pending;
}

async function lookUpStaffSession(token: string): Promise<ResolvedSession> {
  // One query for the session, the account, its roles and its two-step sign-in, every page.
  const { session, user, hasTwoFactor, expiredUserId } = await lookUpSessionWithUser(token);
  if (!session) return { context: null, expiredUserId };
  if (!user || user.status !== "active") return { context: null, expiredUserId: null };
  return {
    context: {
      user,
      sessionIdHash: session.id_hash,
      csrfToken: csrfTokenForSession(session.id_hash),
      sessionEndsAt: sessionEndsAt(session),
      sessionAbsoluteEndsAt: Date.parse(session.created_at) + SESSION_ABSOLUTE_TIMEOUT_MS,
      mustSetUpTwoFactor: twoFactorRequired(user.roles) && !hasTwoFactor,
    },
    expiredUserId: null,
  };
}

/**
 * The one guard every staff loader and action calls. No session: redirect to sign-in, coming
 * back to the page afterwards; for a POST the posted input is kept first (decision 013) and
 * put back on the form after sign-in. Signed in without the permission: 403. For POSTs pass
 * the form data so the CSRF token is checked before anything is written.
 */
export async function requireUser(
  request: Request,
  permission: Permission,
  formData?: FormData,
): Promise<StaffContext> {
  const { context, expiredUserId } = await resolveStaffSession(request);
  if (!context) {
    const url = new URL(request.url);
    const lang = getLangFromPath(url.pathname);
    const signIn = localePath(lang, "/staff/sign-in");
    const back = keptInputPath(url);
    if (request.method === "GET" || request.method === "HEAD") {
      throw redirect(`${signIn}?redirectTo=${encodeURIComponent(back)}`);
    }
    const token = formData
      ? await keepInput({ formData, path: back, userId: expiredUserId })
      : null;
    const query = `redirectTo=${encodeURIComponent(back)}${token ? `&kept=${token}` : ""}`;
    // A full page load: the sign-in page runs without JavaScript.
    throw redirectDocument(`${signIn}?${query}`, 303);
  }
  if (context.mustSetUpTwoFactor) {
    const url = new URL(request.url);
    const setUp = localePath(getLangFromPath(url.pathname), TWO_FACTOR_SETUP_PATH);
    if (url.pathname !== setUp) throw redirectDocument(setUp, 303);
  }
  if (!can(context.user.roles, permission)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    if (!formData) throw new Error("requireUser: pass the form data of a state-changing request");
    requireCsrf(formData, context.sessionIdHash);
  }
  return context;
}

/**
 * Only same-site staff paths are allowed as a post-sign-in destination: a path starting with
 * /staff or /en/staff, no scheme, no second slash or backslash at the start, no control or
 * whitespace characters (which browsers strip, turning "/\t/x" into "//x"), no dot segments,
 * not the sign-in or sign-out page itself. Anything else
 * gives the fallback.
 */
export function safeRedirectTarget(target: unknown, fallback: string): string {
  if (typeof target !== "string" || target.length > 2000) return fallback;
  if (
    !/^(\/en)?\/staff(\/|$|\?|#)/.test(target) ||
    target.startsWith("//") ||
    target.includes("\\") ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0020\u007f-\u00a0\u2028\u2029]/.test(target) ||
    /\/sign-(in|out)(\/|$|\?)/.test(target) ||
    /(^|\/)\.\.?(\/|$|\?|#)/.test(target)
  ) {
    return fallback;
  }
  return target;
}
