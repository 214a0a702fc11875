import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { TwoFactorCodeSchema } from "~/auth/auth.schemas";
import { requireUser } from "~/auth/guard.server";
import { countUnusedRecoveryCodes } from "~/auth/recovery-codes.server";
import { hasTwoFactor, startTotpEnrolment, totpQrDataUrl, totpUri } from "~/auth/totp.server";
import { twoFactorRequired } from "~/auth/two-factor";
import { CodeErrorSummary, RecoveryCodesPanel, TotpSetupForm } from "~/auth/two-factor-fields";
import {
  confirmTotpEnrolment,
  renewRecoveryCodes,
  turnOffTwoFactor,
} from "~/auth/two-factor.commands.server";
import { getFixedT } from "~/i18n/i18n";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField } from "~/ui/form-fields";
import { parseForm, type FieldErrors } from "~/ui/parse-form";

export const meta = titleMeta("auth:twoFactor.account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, csrfToken, mustSetUpTwoFactor } = await requireUser(request, "account:manage");
  const url = new URL(request.url);
  const enabled = await hasTwoFactor(user.id);
  // The QR code is made only when it is to be shown: not on, or moving to a new phone.
  const showSetup = !enabled || url.searchParams.has("setup");
  const issuer = getFixedT(getLangFromPath(url.pathname))("common:site.name");
  const secret = showSetup ? await startTotpEnrolment(user.id) : null;
  return {
    csrfToken,
    enabled,
    required: twoFactorRequired(user.roles),
    mustSetUp: mustSetUpTwoFactor,
    remaining: enabled ? await countUnusedRecoveryCodes(user.id) : 0,
    setup: secret ? { secret, qr: await totpQrDataUrl(totpUri(secret, user.email, issuer)) } : null,
  };
}

type ActionResult = { errors: FieldErrors; recoveryCodes?: string[]; notice?: string };

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "account:manage", formData);
  const intent = String(formData.get("intent") ?? "");
  if (intent === "enrol") {
    const parsed = parseForm(TwoFactorCodeSchema, formData, { secretFields: ["code", "csrf"] });
    if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors }, { status: 400 });
    const result = await confirmTotpEnrolment(user, parsed.data.code);
    if (!result.ok) {
      return data<ActionResult>(
        { errors: { code: `auth:errors.code_${result.reason}` } },
        { status: result.reason === "locked" ? 429 : 400 },
      );
    }
    return data<ActionResult>({ errors: {}, recoveryCodes: result.recoveryCodes, notice: "on" });
  }
  if (intent === "renew") {
    const codes = await renewRecoveryCodes(user);
    if (codes) return data<ActionResult>({ errors: {}, recoveryCodes: codes, notice: "renewed" });
  }
  if (intent === "off" && (await turnOffTwoFactor(user))) {
    return data<ActionResult>({ errors: {}, notice: "off" });
  }
  return data<ActionResult>({ errors: { intent: "common:errors.unknownAction" } }, { status: 400 });
}

export default function TwoFactorAccountPage() {
  const { csrfToken, enabled, required, mustSetUp, remaining, setup } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const { t } = useTranslation("auth");
  const lang = getLangFromPath(useLocation().pathname);
  const home = localePath(lang, "/staff");
  if (actionData?.recoveryCodes) {
    return (
      <div className="app-narrow">
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t(`twoFactor.account.notice.${actionData.notice}`)}</p>
        </div>
        <RecoveryCodesPanel codes={actionData.recoveryCodes} continueTo={home} headingLevel={1} />
      </div>
    );
  }
  return (
    <div className="app-narrow">
      <CodeErrorSummary errors={actionData?.errors} />
      {actionData?.notice ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t(`twoFactor.account.notice.${actionData.notice}`)}</p>
        </div>
      ) : null}
      {mustSetUp ? (
        <div className="app-notification" role="status" id="two-factor-required">
          <p className="app-body">{t("twoFactor.account.mustSetUp")}</p>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("twoFactor.account.title")}</h1>
      <p className="app-body">
        {t(required ? "twoFactor.account.required" : "twoFactor.account.optional")}
      </p>
      {enabled ? (
        <>
          <p className="app-body" id="two-factor-status">
            {t("twoFactor.account.on", { count: remaining })}
          </p>
          {setup ? null : (
            <>
              <Form method="post">
                <CsrfField token={csrfToken} />
                <button
                  type="submit"
                  name="intent"
                  value="renew"
                  className="app-button app-button--secondary"
                >
                  {t("twoFactor.account.renew")}
                </button>
              </Form>
              <p className="app-body">
                <Link to="?setup=1">{t("twoFactor.account.newPhone")}</Link>
              </p>
              {required ? null : (
                <Form method="post">
                  <CsrfField token={csrfToken} />
                  <button
                    type="submit"
                    name="intent"
                    value="off"
                    className="app-button app-button--secondary"
                  >
                    {t("twoFactor.account.turnOff")}
                  </button>
                </Form>
              )}
            </>
          )}
        </>
      ) : (
        <p className="app-body" id="two-factor-status">
          {t("twoFactor.account.off")}
        </p>
      )}
      {setup ? (
        <>
          <h2 className="app-heading-m">
            {t(enabled ? "twoFactor.account.newPhone" : "twoFactor.enrol.title")}
          </h2>
          <TotpSetupForm
            qr={setup.qr}
            secret={setup.secret}
            csrfToken={csrfToken}
            errors={actionData?.errors}
          />
        </>
      ) : null}
    </div>
  );
}
