import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { acceptInvitation, checkInvitation } from "~/auth/auth.commands.server";
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

export const meta = titleMeta("auth:invitation.title");

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await checkInvitation(params.token ?? "");
  return {
    state: invitation.state,
    email: invitation.state === "valid" ? invitation.email : null,
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
  const result = await acceptInvitation(params.token ?? "", parsed.data.password);
  if (result.ok) {
    const signIn = localePath(getLangFromPath(new URL(request.url).pathname), "/staff/sign-in");
    // The spent token lets the sign-in page fill in the email without putting it in the URL.
    return redirect(`${signIn}?accepted=${encodeURIComponent(params.token ?? "")}`);
  }
  if ("errors" in result) return data({ errors: result.errors, state: null }, { status: 400 });
  return data({ errors: {} as FieldErrors, state: result.state }, { status: 410 });
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
