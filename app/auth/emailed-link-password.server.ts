import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";

import { SetPasswordSchema } from "./auth.schemas";
import { anonymousCsrfToken, requireCsrf } from "./csrf.server";
import { MIN_PASSWORD_LENGTH } from "./password-policy.server";
import { getLangFromPath, localePath } from "../i18n/lang";
import { parseForm, type FieldErrors } from "../ui/parse-form";

// The loader and action of a page opened from an emailed single-use link that sets a password
// (an invitation, a password reset); both pages render `SetPasswordForm`.

/**
 * Loader: `check(token)` gives the link's state (`"valid"` or why not) and, when valid, its
 * email. Answers `{ state, email (null unless valid), csrfToken, minLength }`.
 */
export async function emailedLinkLoader<State extends string>(
  { params }: LoaderFunctionArgs,
  check: (token: string) => Promise<{ state: State; email: string | null }>,
) {
  const link = await check(params.token ?? "");
  return {
    state: link.state,
    email: link.state === "valid" ? link.email : null,
    csrfToken: anonymousCsrfToken(),
    minLength: MIN_PASSWORD_LENGTH,
  };
}

/**
 * Action: checks the CSRF token and the two password fields (400 with a message per field; a
 * password is never sent back), then `apply(token, password)`. On success, a redirect to the
 * sign-in page in the page's language with `signInQuery(token)`; field errors from `apply`
 * give 400, a link that can no longer be used gives 410 with its state.
 */
export async function emailedLinkAction<State extends string>(
  { request, params }: ActionFunctionArgs,
  apply: (
    token: string,
    password: string,
  ) => Promise<{ ok: true } | { ok: false; errors: FieldErrors } | { ok: false; state: State }>,
  signInQuery: (token: string) => string,
) {
  const formData = await request.formData();
  requireCsrf(formData, null);
  const parsed = parseForm(SetPasswordSchema, formData, {
    secretFields: ["password", "confirmPassword", "csrf"],
  });
  if (!parsed.ok) return data({ errors: parsed.errors, state: null }, { status: 400 });
  const token = params.token ?? "";
  const result = await apply(token, parsed.data.password);
  if (result.ok) {
    const signIn = localePath(getLangFromPath(new URL(request.url).pathname), "/staff/sign-in");
    return redirect(`${signIn}?${signInQuery(token)}`);
  }
  if ("errors" in result) return data({ errors: result.errors, state: null }, { status: 400 });
  return data({ errors: {} as FieldErrors, state: result.state }, { status: 410 });
}
