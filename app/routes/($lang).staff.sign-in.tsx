import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { signIn } from "~/auth/auth.commands.server";
import { SignInSchema } from "~/auth/auth.schemas";
import { anonymousCsrfToken, requireCsrf } from "~/auth/csrf.server";
import { getStaffContext, safeRedirectTarget } from "~/auth/guard.server";
import { emailOfJustAcceptedInvitation } from "~/auth/invitations.server";
import { serializeChallengeCookie } from "~/auth/sign-in-challenges.server";
import { finishSignIn } from "~/auth/sign-in-response.server";
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
          : url.searchParams.has("again")
            ? "startAgain"
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
  const lang = getLangFromPath(new URL(request.url).pathname);
  const home = localePath(lang, "/staff");
  const parsed = parseForm(SignInSchema, formData, { secretFields: ["password", "csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  const kept = keptToken(parsed.data.kept);
  const target = safeRedirectTarget(parsed.data.redirectTo, home);
  const result = await signIn({ ...parsed.data, redirectTo: target, kept });
  if (!result.ok) {
    const values = { email: parsed.data.email };
    const message =
      result.reason === "locked" ? "auth:errors.locked" : "auth:errors.sign_in_failed";
    return data(
      { values, errors: { email: message } as FieldErrors },
      { status: result.reason === "locked" ? 429 : 400 },
    );
  }
  if (result.next !== "session") {
    // The second step (decision 020): no session yet, only a challenge named by its cookie.
    return redirect(localePath(lang, `/staff/sign-in/${result.next}`), {
      headers: { "Set-Cookie": await serializeChallengeCookie(result.challengeToken) },
    });
  }
  return finishSignIn(
    { sessionToken: result.token, userId: result.userId, redirectTo: target, kept },
    home,
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
