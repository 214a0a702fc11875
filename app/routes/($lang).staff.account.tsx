import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import { changePassword } from "~/auth/auth.commands.server";
import { ChangePasswordSchema } from "~/auth/auth.schemas";
import { requireUser } from "~/auth/guard.server";
import { MIN_PASSWORD_LENGTH } from "~/auth/password-policy.server";
import { NewPasswordFields } from "~/auth/set-password-form";
import { hasTwoFactor } from "~/auth/totp.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField, ErrorSummary, TextField } from "~/ui/form-fields";
import { parseForm, type FieldErrors } from "~/ui/parse-form";

export const meta = titleMeta("auth:account.title");

const SECRET_FIELDS = ["currentPassword", "password", "confirmPassword", "csrf"];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, csrfToken } = await requireUser(request, "account:manage");
  return {
    email: user.email,
    csrfToken,
    minLength: MIN_PASSWORD_LENGTH,
    twoFactor: await hasTwoFactor(user.id),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, sessionIdHash } = await requireUser(request, "account:manage", formData);
  const parsed = parseForm(ChangePasswordSchema, formData, { secretFields: SECRET_FIELDS });
  if (!parsed.ok) return data({ errors: parsed.errors, changed: false }, { status: 400 });
  const result = await changePassword(user, sessionIdHash, parsed.data);
  if (!result.ok) return data({ errors: result.errors, changed: false }, { status: 400 });
  return { errors: {} as FieldErrors, changed: true };
}

export default function AccountPage() {
  const { email, csrfToken, minLength, twoFactor } = useLoaderData<typeof loader>();
  const lang = getLangFromPath(useLocation().pathname);
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const errors = actionData?.errors;
  const formRef = useRef<HTMLFormElement>(null);
  // Passwords never stay in the fields after an answer from the server.
  useEffect(() => formRef.current?.reset(), [actionData]);
  return (
    <div className="app-narrow">
      <ErrorSummary
        errors={errors}
        fieldOrder={["currentPassword", "password", "confirmPassword"]}
      />
      {actionData?.changed ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("account.changed")}</p>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("account.title")}</h1>
      <p className="app-body">{t("account.signedInAs", { email })}</p>
      <h2 className="app-heading-m">{t("twoFactor.account.title")}</h2>
      <p className="app-body" id="account-two-factor">
        {t(twoFactor ? "twoFactor.account.statusOn" : "twoFactor.account.statusOff")}{" "}
        <Link to={localePath(lang, "/staff/account/two-factor")}>
          {t(twoFactor ? "twoFactor.account.manage" : "twoFactor.account.setUp")}
        </Link>
      </p>
      <h2 className="app-heading-m">{t("account.changePassword")}</h2>
      <p className="app-body">{t("account.otherSessions")}</p>
      <Form method="post" noValidate ref={formRef}>
        <CsrfField token={csrfToken} />
        <TextField
          name="currentPassword"
          type="password"
          label={t("fields.currentPassword")}
          autoComplete="current-password"
          error={errors?.currentPassword}
        />
        <NewPasswordFields minLength={minLength} errors={errors} />
        <button type="submit" className="app-button">
          {t("account.submit")}
        </button>
      </Form>
    </div>
  );
}
