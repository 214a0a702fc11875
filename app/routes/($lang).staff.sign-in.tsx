import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { signIn } from "~/auth/auth.commands.server";
import { SignInSchema } from "~/auth/auth.schemas";
import { anonymousCsrfToken, requireCsrf } from "~/auth/csrf.server";
import { getStaffContext, safeRedirectTarget } from "~/auth/guard.server";
import { emailOfJustAcceptedInvitation } from "~/auth/invitations.server";
import { claimKeptInput } from "~/auth/kept-input.server";
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
  const redirectTo = safeRedirectTarget(url.searchParams.get("redirectTo"), home);
  if (await getStaffContext(request)) throw redirect(redirectTo);
  const kept = keptToken(url.searchParams.get("kept"));
  const accepted = url.searchParams.get("accepted");
  return {
    email: accepted ? await emailOfJustAcceptedInvitation(accepted) : null,
    csrfToken: anonymousCsrfToken(),
    redirectTo,
    kept,
    notice: kept
      ? "inputKept"
      : url.searchParams.has("accepted")
        ? "accepted"
        : url.searchParams.has("reset")
          ? "passwordReset"
          : url.searchParams.has("signedOut")
            ? "signedOut"
            : url.searchParams.has("redirectTo")
              ? "signInToContinue"
              : null,
  };
}

/** A kept-input token as handed out by the guard (32 random bytes, base64url), else null. */
function keptToken(value: unknown): string | null {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  requireCsrf(formData, null);
  const home = localePath(getLangFromPath(new URL(request.url).pathname), "/staff");
  const parsed = parseForm(SignInSchema, formData, { secretFields: ["password", "csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  const result = await signIn(parsed.data);
  const kept = keptToken(parsed.data.kept);
  if (!result.ok) {
    const values = { email: parsed.data.email };
    const message =
      result.reason === "locked" ? "auth:errors.locked" : "auth:errors.sign_in_failed";
    return data(
      { values, errors: { email: message } as FieldErrors },
      { status: result.reason === "locked" ? 429 : 400 },
    );
  }
  const target = safeRedirectTarget(parsed.data.redirectTo, home);
  const claimed = kept ? await claimKeptInput(kept, result.userId) : null;
  const restorePath = claimed ? safeRedirectTarget(claimed.path, target) : null;
  return redirect(
    restorePath && restorePath === claimed?.path
      ? `${restorePath}${restorePath.includes("?") ? "&" : "?"}restore=${kept}`
      : target,
    { headers: { "Set-Cookie": await serializeSessionCookie(result.token) } },
  );
}

export default function SignInPage() {
  const { csrfToken, redirectTo, kept, notice, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <div className="app-narrow">
      <ErrorSummary errors={actionData?.errors} fieldOrder={["email", "password"]} />
      {notice ? (
        <div className="app-notification" role="status" id="sign-in-notice">
          <p className="app-body">{t(`signIn.notice.${notice}`)}</p>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("signIn.title")}</h1>
      <p className="app-body">{t("signIn.lead")}</p>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {kept ? <input type="hidden" name="kept" value={kept} /> : null}
        <TextField
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="username"
          spellCheck={false}
          defaultValue={valueOf(actionData?.values, "email") || (email ?? "")}
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
      <p className="app-body">
        <Link to={localePath(lang, "/staff/forgot-password")} reloadDocument>
          {t("signIn.forgotPassword")}
        </Link>
      </p>
      <p className="app-body app-hint">{t("signIn.noAccount")}</p>
    </div>
  );
}
