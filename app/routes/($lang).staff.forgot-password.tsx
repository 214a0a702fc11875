import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requestPasswordReset } from "~/auth/auth.commands.server";
import { ForgotPasswordSchema } from "~/auth/auth.schemas";
import { anonymousCsrfToken, requireCsrf } from "~/auth/csrf.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import type { RouteHandle } from "~/root";
import { CsrfField, ErrorSummary, TextField } from "~/ui/form-fields";
import { parseForm, valueOf, type FieldErrors, type FormValues } from "~/ui/parse-form";

// Like the other password pages: no framework JavaScript, no cookie before sign-in.
export const handle: RouteHandle = { hydrate: false };

export const meta = titleMeta("auth:forgotPassword.title");

export async function loader(_: LoaderFunctionArgs) {
  return { csrfToken: anonymousCsrfToken() };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  requireCsrf(formData, null);
  const parsed = parseForm(ForgotPasswordSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) {
    return data({ values: parsed.values, errors: parsed.errors, sentTo: null }, { status: 400 });
  }
  // The same answer whether or not the address has an account, whether or not it was throttled.
  await requestPasswordReset(parsed.data, getLangFromPath(new URL(request.url).pathname));
  return data({ values: {} as FormValues, errors: {} as FieldErrors, sentTo: parsed.data.email });
}

export default function ForgotPasswordPage() {
  const { csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const lang = getLangFromPath(useLocation().pathname);
  if (actionData?.sentTo) {
    return (
      <div className="app-narrow">
        <div className="app-notification app-notification--success" role="status">
          <h1 className="app-heading-l">{t("forgotPassword.sentTitle")}</h1>
          <p className="app-body">{t("forgotPassword.sent", { email: actionData.sentTo })}</p>
        </div>
        <p className="app-body">
          <Link to={localePath(lang, "/staff/sign-in")} reloadDocument>
            {t("forgotPassword.backToSignIn")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="app-narrow">
      <ErrorSummary errors={actionData?.errors} fieldOrder={["email"]} />
      <h1 className="app-heading-l">{t("forgotPassword.title")}</h1>
      <p className="app-body">{t("forgotPassword.lead")}</p>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <TextField
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="username"
          spellCheck={false}
          defaultValue={valueOf(actionData?.values, "email")}
          error={actionData?.errors.email}
        />
        <button type="submit" className="app-button">
          {t("forgotPassword.submit")}
        </button>
      </Form>
      <p className="app-body">
        <Link to={localePath(lang, "/staff/sign-in")} reloadDocument>
          {t("forgotPassword.backToSignIn")}
        </Link>
      </p>
    </div>
  );
}
