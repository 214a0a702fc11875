import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { checkPasswordReset, resetPassword } from "~/auth/auth.commands.server";
import { SetPasswordSchema } from "~/auth/auth.schemas";
import { anonymousCsrfToken, requireCsrf } from "~/auth/csrf.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy.server";
import { SetPasswordForm } from "~/auth/set-password-form";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import type { RouteHandle } from "~/root";
import { parseForm, type FieldErrors } from "~/ui/parse-form";

// Password pages run without JavaScript: a full page load after each try clears the fields.
export const handle: RouteHandle = { hydrate: false };

export const meta = titleMeta("auth:resetPassword.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await checkPasswordReset(params.token ?? "");
  return {
    state: reset.state,
    email: reset.state === "valid" ? reset.email : null,
    csrfToken: anonymousCsrfToken(),
    minLength: MIN_PASSWORD_LENGTH,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  requireCsrf(formData, null);
  const parsed = parseForm(SetPasswordSchema, formData, {
    secretFields: ["password", "confirmPassword", "csrf"],
  });
  if (!parsed.ok) return data({ errors: parsed.errors, state: null }, { status: 400 });
  const result = await resetPassword(params.token ?? "", parsed.data.password);
  if (result.ok) {
    const signIn = localePath(getLangFromPath(new URL(request.url).pathname), "/staff/sign-in");
    return redirect(`${signIn}?reset=1`);
  }
  if ("errors" in result) return data({ errors: result.errors, state: null }, { status: 400 });
  return data({ errors: {} as FieldErrors, state: result.state }, { status: 410 });
}

export default function ResetPasswordPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const lang = getLangFromPath(useLocation().pathname);
  const state = actionData?.state ?? loaderData.state;
  if (state !== "valid") {
    return (
      <div className="app-narrow">
        <h1 className="app-heading-l">{t("resetPassword.unusableTitle")}</h1>
        <p className="app-body">{t(`resetPassword.state.${state}`)}</p>
        <p className="app-body">
          <Link to={localePath(lang, "/staff/forgot-password")} reloadDocument>
            {t("resetPassword.askAgain")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <SetPasswordForm
      title={t("resetPassword.title")}
      lead={t("resetPassword.lead", { email: loaderData.email })}
      submit={t("resetPassword.submit")}
      email={loaderData.email}
      minLength={loaderData.minLength}
      csrfToken={loaderData.csrfToken}
      errors={actionData?.errors}
    />
  );
}
