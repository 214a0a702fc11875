import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { acceptInvitation, checkInvitation } from "~/auth/auth.commands.server";
import { emailedLinkAction, emailedLinkLoader } from "~/auth/emailed-link-password.server";
import { SetPasswordForm } from "~/auth/set-password-form";
import { titleMeta } from "~/i18n/meta";
import type { RouteHandle } from "~/root";

// Password pages run without JavaScript: a full page load after each try clears the fields.
export const handle: RouteHandle = { hydrate: false };

export const meta = titleMeta("auth:invitation.title");

export async function loader(args: LoaderFunctionArgs) {
  return emailedLinkLoader(args, (token) => checkInvitation(token));
}

export async function action(args: ActionFunctionArgs) {
  // The spent token lets the sign-in page fill in the email without putting it in the URL.
  return emailedLinkAction(
    args,
    (token, password) => acceptInvitation(token, password),
    (token) => `accepted=${encodeURIComponent(token)}`,
  );
}

export default function AcceptInvitationPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const state = actionData?.state ?? loaderData.state;
  if (state !== "valid") {
    return (
      <div className="app-narrow">
        <h1 className="app-heading-l">{t("invitation.unusableTitle")}</h1>
        <p className="app-body">{t(`invitation.state.${state}`)}</p>
      </div>
    );
  }
  return (
    <SetPasswordForm
      title={t("invitation.title")}
      lead={t("invitation.lead", { email: loaderData.email })}
      submit={t("invitation.submit")}
      email={loaderData.email}
      minLength={loaderData.minLength}
      csrfToken={loaderData.csrfToken}
      errors={actionData?.errors}
    />
  );
}
