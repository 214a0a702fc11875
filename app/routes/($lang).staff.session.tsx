import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { requireUser } from "~/auth/guard.server";
import { SESSION_IDLE_TIMEOUT_MS, touchSession } from "~/auth/sessions.server";
import { getLangFromPath, localePath } from "~/i18n/lang";

/**
 * "Stay signed in" from the timeout warning: a small POST with CSRF that refreshes the session.
 * Answers how long the session now has (ms); the 12-hour limit does not move.
 */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { sessionIdHash, sessionAbsoluteEndsAt } = await requireUser(
    request,
    "home:view",
    formData,
  );
  const now = new Date();
  await touchSession(sessionIdHash, now);
  const endsAt = Math.min(now.getTime() + SESSION_IDLE_TIMEOUT_MS, sessionAbsoluteEndsAt);
  return data({ endsInMs: endsAt - now.getTime() });
}

/** Nothing to show: a GET (a reload after "Stay signed in" without JavaScript) goes home. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "home:view");
  return redirect(localePath(getLangFromPath(new URL(request.url).pathname), "/staff"));
}
