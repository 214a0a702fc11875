import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { TwoFactorCodeSchema } from "~/auth/auth.schemas";
import { anonymousCsrfToken, requireCsrf } from "~/auth/csrf.server";
import { readChallenge } from "~/auth/sign-in-challenges.server";
import { signedInHeaders, signedInTarget } from "~/auth/sign-in-response.server";
import { startTotpEnrolment, totpQrDataUrl, totpUri } from "~/auth/totp.server";
import { CodeErrorSummary, RecoveryCodesPanel, TotpSetupForm } from "~/auth/two-factor-fields";
import { completeSignInWithEnrolment } from "~/auth/two-factor.commands.server";
import { getUserById } from "~/auth/users.server";
import { getFixedT } from "~/i18n/i18n";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import type { RouteHandle } from "~/root";
import { parseForm, type FieldErrors } from "~/ui/parse-form";

// No JavaScript, like the password page.
export const handle: RouteHandle = { hydrate: false };

export const meta = titleMeta("auth:twoFactor.enrol.title");

function startAgain(request: Request): never {
  const lang = getLangFromPath(new URL(request.url).pathname);
  throw redirect(`${localePath(lang, "/staff/sign-in")}?again=1`);
}

/** The secret being set up for the person of a challenge, with its QR code. */
async function setupFor(userId: string, lang: "sq" | "en") {
  const user = await getUserById(userId);
  const secret = await startTotpEnrolment(userId);
  const issuer = getFixedT(lang)("common:site.name");
  return { secret, qr: await totpQrDataUrl(totpUri(secret, user?.email ?? "", issuer)) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const challenge = await readChallenge(request);
  // No redirect here: after a successful POST the challenge is gone while the answer shows the
  // recovery codes, and the loader runs for that answer too. A stale visit gets a link back.
  if (challenge?.stage !== "enrol") return { csrfToken: "", setup: null };
  const lang = getLangFromPath(new URL(request.url).pathname);
  return { csrfToken: anonymousCsrfToken(), setup: await setupFor(challenge.user_id, lang) };
}

type ActionResult =
  | { errors: FieldErrors; recoveryCodes?: undefined; continueTo?: undefined }
  | { errors: FieldErrors; recoveryCodes: string[]; continueTo: string };

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  requireCsrf(formData, null);
  const challenge = await readChallenge(request);
  if (challenge?.stage !== "enrol") startAgain(request);
  const parsed = parseForm(TwoFactorCodeSchema, formData, { secretFields: ["code", "csrf"] });
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors }, { status: 400 });
  const result = await completeSignInWithEnrolment(challenge, parsed.data.code);
  if (!result.ok) {
    if (result.reason === "expired") startAgain(request);
    return data<ActionResult>(
      { errors: { code: `auth:errors.code_${result.reason}` } },
      { status: result.reason === "locked" ? 429 : 400 },
    );
  }
  // Signed in: the recovery codes are shown in this answer only (never stored in clear), with
  // the session cookie, and a link on to where the person was going.
  const lang = getLangFromPath(new URL(request.url).pathname);
  const continueTo = await signedInTarget(
    { userId: result.user.id, redirectTo: challenge.redirect_to, kept: challenge.kept },
    localePath(lang, "/staff"),
  );
  return data<ActionResult>(
    { errors: {}, recoveryCodes: result.recoveryCodes, continueTo },
    { headers: await signedInHeaders(result.token) },
  );
}

export default function SignInEnrolPage() {
  const { csrfToken, setup } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const lang = getLangFromPath(useLocation().pathname);
  if (actionData?.recoveryCodes) {
    return (
      <div className="app-narrow">
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("twoFactor.enrol.done")}</p>
        </div>
        <RecoveryCodesPanel
          codes={actionData.recoveryCodes}
          continueTo={actionData.continueTo}
          headingLevel={1}
        />
      </div>
    );
  }
  if (!setup) {
    return (
      <div className="app-narrow">
        <h1 className="app-heading-l">{t("twoFactor.expired.title")}</h1>
        <p className="app-body">{t("twoFactor.expired.lead")}</p>
        <p className="app-body">
          <Link to={localePath(lang, "/staff/sign-in")} reloadDocument>
            {t("twoFactor.code.startAgain")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="app-narrow">
      <CodeErrorSummary errors={actionData?.errors} />
      <h1 className="app-heading-l">{t("twoFactor.enrol.title")}</h1>
      <p className="app-body">{t("twoFactor.enrol.requiredLead")}</p>
      <TotpSetupForm
        qr={setup.qr}
        secret={setup.secret}
        csrfToken={csrfToken}
        errors={actionData?.errors}
      />
    </div>
  );
}
