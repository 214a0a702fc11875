import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { signIn } from "~/auth/auth.commands.server";
import { SignInSchema } from "~/auth/auth.schemas";
import { anonymousCsrfToken, requireCsrf } from "~/auth/csrf.server";
import { getStaffContext, safeRedirectTarget } from "~/auth/guard.server";
import { serializeSessionCookie } from "~/auth/sessions.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import type { RouteHandle } from "~/root";
import { CsrfField, ErrorSummary, TextField } from "~/ui/form-fields";
import { parseForm, valueOf, type FieldErrors } from "~/ui/parse-form";

// Password pages run without JavaScript: a full page load after each try clears the fields.
export const handle: RouteHandle = { hydrate: false };

export const meta = titleMeta("auth:signIn.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const home = localePath(getLangFromPath(url.pathname), "/staff");
  if (await getStaffContext(request)) throw redirect(home);
  return {
    csrfToken: anonymousCsrfToken(),
    redirectTo: safeRedirectTarget(url.searchParams.get("redirectTo"), home),
    notice: url.searchParams.has("accepted")
      ? "accepted"
      : url.searchParams.has("signedOut")
        ? "signedOut"
        : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  requireCsrf(formData, null);
  const home = localePath(getLangFromPath(new URL(request.url).pathname), "/staff");
  const parsed = parseForm(SignInSchema, formData, { secretFields: ["password", "csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  const result = await signIn(parsed.data);
  if (!result.ok) {
    const values = { email: parsed.data.email };
    const message =
      result.reason === "locked" ? "auth:errors.locked" : "auth:errors.sign_in_failed";
    return data(
      { values, errors: { email: message } as FieldErrors },
      { status: result.reason === "locked" ? 429 : 400 },
    );
  }
  return redirect(safeRedirectTarget(parsed.data.redirectTo, home), {
    headers: { "Set-Cookie": await serializeSessionCookie(result.token) },
  });
}

export default function SignInPage() {
  const { csrfToken, redirectTo, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  return (
    <div className="app-narrow">
      <ErrorSummary errors={actionData?.errors} fieldOrder={["email", "password"]} />
      {notice ? (
        <div className="app-notification" role="status">
          <p className="app-body">{t(`signIn.notice.${notice}`)}</p>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("signIn.title")}</h1>
      <p className="app-body">{t("signIn.lead")}</p>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="username"
          spellCheck={false}
          defaultValue={valueOf(actionData?.values, "email")}
          error={actionData?.errors.email}
        />
        <TextField
          name="password"
          type="password"
          label={t("fields.password")}
          autoComplete="current-password"
          error={actionData?.errors.password}
        />
        <button type="submit" className="app-button">
          {t("signIn.submit")}
        </button>
      </Form>
      <p className="app-body app-hint">{t("signIn.noAccount")}</p>
    </div>
  );
}
