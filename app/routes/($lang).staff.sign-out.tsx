import { redirect, type ActionFunctionArgs } from "@remix-run/node";

import { recordSignOut } from "~/auth/auth.commands.server";
import { requireCsrf } from "~/auth/csrf.server";
import { getStaffContext } from "~/auth/guard.server";
import { deleteSession, serializeClearedSessionCookie } from "~/auth/sessions.server";
import { getLangFromPath, localePath } from "~/i18n/lang";

export async function action({ request }: ActionFunctionArgs) {
  const signInPath = localePath(getLangFromPath(new URL(request.url).pathname), "/staff/sign-in");
  const headers = { "Set-Cookie": await serializeClearedSessionCookie() };
  const context = await getStaffContext(request);
  if (!context) throw redirect(signInPath, { headers });
  requireCsrf(await request.formData(), context.sessionIdHash);
  await deleteSession(context.sessionIdHash);
  await recordSignOut(context.user);
  return redirect(`${signInPath}?signedOut=1`, { headers });
}
