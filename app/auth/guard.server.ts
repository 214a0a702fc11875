import { redirect } from "@remix-run/node";

import { csrfTokenForSession, requireCsrf } from "./csrf.server";
import { can, type Permission } from "./permissions";
import { getActiveSession, readSessionToken } from "./sessions.server";
import { getUserById, type StaffUser } from "./users.server";
import { getLangFromPath, localePath } from "../i18n/lang";

export type StaffContext = { user: StaffUser; sessionIdHash: string; csrfToken: string };

/** The signed-in staff member, or null. Disabled accounts count as signed out. */
export async function getStaffContext(request: Request): Promise<StaffContext | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const session = await getActiveSession(token);
  if (!session) return null;
  const user = await getUserById(session.user_id);
  if (!user || user.status !== "active") return null;
  return { user, sessionIdHash: session.id_hash, csrfToken: csrfTokenForSession(session.id_hash) };
}

/**
 * The one guard every staff loader and action calls. No session: redirect to sign-in (coming
 * back afterwards). Signed in without the permission: 403. For POSTs pass the form data so the
 * CSRF token is checked before anything is written.
 */
export async function requireUser(
  request: Request,
  permission: Permission,
  formData?: FormData,
): Promise<StaffContext> {
  const context = await getStaffContext(request);
  if (!context) {
    const url = new URL(request.url);
    const lang = getLangFromPath(url.pathname);
    const back = request.method === "GET" ? url.pathname + url.search : localePath(lang, "/staff");
    throw redirect(`${localePath(lang, "/staff/sign-in")}?redirectTo=${encodeURIComponent(back)}`);
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

/** Only same-site staff paths are allowed as a post-sign-in destination. */
export function safeRedirectTarget(target: unknown, fallback: string): string {
  if (typeof target !== "string") return fallback;
  if (
    !/^(\/en)?\/staff(\/|$|\?)/.test(target) ||
    target.startsWith("//") ||
    target.includes("\\")
  ) {
    return fallback;
  }
  return target;
}
