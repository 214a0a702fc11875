import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { TwoFactorCodeSchema } from "~/auth/auth.schemas";
import { anonymousCsrfToken, requireCsrf } from "~/auth/csrf.server";
import { readChallenge } from "~/auth/sign-in-challenges.server";
import { finishSignIn } from "~/auth/sign-in-response.server";
import { CodeErrorSummary } from "~/auth/two-factor-fields";
import { completeSignInWithCode } from "~/auth/two-factor.commands.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import type { RouteHandle } from "~/root";
import { CsrfField, TextField } from "~/ui/form-fields";
import { parseForm, type FieldErrors } from "~/ui/parse-form";

// Like the password page: no JavaScript, a full page load after each try clears the field.
export const handle: RouteHandle = { hydrate: false };

export const meta = titleMeta("auth:twoFactor.code.title");

/** Back to the password step when there is no live second step (none, or over 15 minutes). */
function startAgain(request: Request): never {
  const lang = getLangFromPath(new URL(request.url).pathname);
  throw redirect(`${localePath(lang, "/staff/sign-in")}?again=1`);
}

export async function loader({ request }: LoaderFunctionArgs) {
  const challenge = await readChallenge(request);
  if (challenge?.stage !== "code") startAgain(request);
  return { csrfToken: anonymousCsrfToken() };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  requireCsrf(formData, null);
  const challenge = await readChallenge(request);
  if (challenge?.stage !== "code") startAgain(request);
  const parsed = parseForm(TwoFactorCodeSchema, formData, { secretFields: ["code", "csrf"] });
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const result = await completeSignInWithCode(challenge, parsed.data.code);
  if (!result.ok) {
    if (result.reason === "expired") startAgain(request);
    const errors: FieldErrors = { code: `auth:errors.code_${result.reason}` };
    return data({ errors }, { status: result.reason === "locked" ? 429 : 400 });
  }
  const lang = getLangFromPath(new URL(request.url).pathname);
  return finishSignIn(
    {
      sessionToken: result.token,
      userId: result.user.id,
      redirectTo: challenge.redirect_to,
      kept: challenge.kept,
    },
    localePath(lang, "/staff"),
  );
}

export default function SignInCodePage() {
  const { csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <div className="app-narrow">
      <CodeErrorSummary errors={actionData?.errors} />
      <h1 className="app-heading-l">{t("twoFactor.code.title")}</h1>
      <p className="app-body">{t("twoFactor.code.lead")}</p>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <TextField
          name="code"
          label={t("twoFactor.fields.code")}
          hint={t("twoFactor.fields.codeHint")}
          autoComplete="one-time-code"
          spellCheck={false}
          error={actionData?.errors.code}
        />
        <button type="submit" className="app-button">
          {t("twoFactor.code.submit")}
        </button>
      </Form>
      <p className="app-body">{t("twoFactor.code.lostPhone")}</p>
      <p className="app-body">
        <Link to={localePath(lang, "/staff/sign-in")} reloadDocument>
          {t("twoFactor.code.startAgain")}
        </Link>
      </p>
    </div>
  );
}
