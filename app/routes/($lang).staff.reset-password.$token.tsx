import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { checkPasswordReset, resetPassword } from "~/auth/auth.commands.server";
import { emailedLinkAction, emailedLinkLoader } from "~/auth/emailed-link-password.server";
import { SetPasswordForm } from "~/auth/set-password-form";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import type { RouteHandle } from "~/root";

// Password pages run without JavaScript: a full page load after each try clears the fields.
export const handle: RouteHandle = { hydrate: false };

export const meta = titleMeta("auth:resetPassword.title");

export async function loader(args: LoaderFunctionArgs) {
  return emailedLinkLoader(args, (token) => checkPasswordReset(token));
}

export async function action(args: ActionFunctionArgs) {
  return emailedLinkAction(
    args,
    (token, password) => resetPassword(token, password),
    () => "reset=1",
  );
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
