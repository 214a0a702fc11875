import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { CsrfField, ErrorSummary, TextField } from "~/ui/form-fields";
import type { FieldErrors } from "~/ui/parse-form";

/**
 * The form that sets a new password: used by an accepted invitation and by a password reset.
 * `email` is the account's address, sent as a hidden `username` field so password managers
 * store the new password under the right account; `minLength` is the policy's minimum in
 * characters (app/auth/password-policy.server.ts); `errors` are the action's field messages.
 */
export function SetPasswordForm({
  title,
  lead,
  submit,
  email,
  minLength,
  csrfToken,
  errors,
}: {
  title: string;
  lead: string;
  submit: string;
  email: string | null;
  minLength: number;
  csrfToken: string;
  errors: FieldErrors | undefined;
}) {
  return (
    <div className="app-narrow">
      <ErrorSummary errors={errors} fieldOrder={["password", "confirmPassword"]} />
      <h1 className="app-heading-l">{title}</h1>
      <p className="app-body">{lead}</p>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <input
          type="email"
          name="username"
          autoComplete="username"
          value={email ?? ""}
          readOnly
          hidden
        />
        <NewPasswordFields minLength={minLength} errors={errors} />
        <button type="submit" className="app-button">
          {submit}
        </button>
      </Form>
    </div>
  );
}

/**
 * The new password and its confirmation, with the policy's minimum (`minLength` characters) as
 * the hint: shared by the set-password form and the account page's password change.
 */
export function NewPasswordFields({
  minLength,
  errors,
}: {
  minLength: number;
  errors: FieldErrors | undefined;
}) {
  const { t } = useTranslation("auth");
  return (
    <>
      <TextField
        name="password"
        type="password"
        label={t("fields.newPassword")}
        hint={t("fields.newPasswordHint", { count: minLength })}
        autoComplete="new-password"
        error={errors?.password}
      />
      <TextField
        name="confirmPassword"
        type="password"
        label={t("fields.confirmPassword")}
        autoComplete="new-password"
        error={errors?.confirmPassword}
      />
    </>
  );
}
