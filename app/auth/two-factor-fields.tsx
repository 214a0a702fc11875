import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { formatRecoveryCode } from "./two-factor";
import { CsrfField, ErrorSummary, TextField } from "../ui/form-fields";
import type { FieldErrors } from "../ui/parse-form";

/** The key as apps show it: groups of four characters. */
function groupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

/**
 * Setting up two-step sign-in: the QR code (an SVG drawn on the server), the same key as text
 * for typing into the app, and the field for the first code, which turns it on. Works without
 * JavaScript.
 */
export function TotpSetupForm({
  qr,
  secret,
  csrfToken,
  errors,
  submitLabel,
}: {
  qr: string;
  secret: string;
  csrfToken: string;
  errors?: FieldErrors;
  submitLabel?: string;
}) {
  const { t } = useTranslation("auth");
  return (
    <>
      <ol className="app-list app-list--number">
        <li>{t("twoFactor.enrol.stepApp")}</li>
        <li>
          {t("twoFactor.enrol.stepScan")}
          <img className="app-totp-qr" src={qr} alt={t("twoFactor.enrol.qrAlt")} />
          <span id="totp-key-label">{t("twoFactor.enrol.manual")}</span>{" "}
          <code className="app-totp-key" id="totp-key" aria-labelledby="totp-key-label">
            {groupKey(secret)}
          </code>
        </li>
        <li>{t("twoFactor.enrol.stepCode")}</li>
      </ol>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="enrol" />
        <TextField
          name="code"
          label={t("twoFactor.fields.appCode")}
          hint={t("twoFactor.fields.appCodeHint")}
          autoComplete="one-time-code"
          spellCheck={false}
          error={errors?.code}
        />
        <button type="submit" className="app-button">
          {submitLabel ?? t("twoFactor.enrol.submit")}
        </button>
      </Form>
    </>
  );
}

/** The error summary of a code form. */
export function CodeErrorSummary({ errors }: { errors?: FieldErrors }) {
  return <ErrorSummary errors={errors} fieldOrder={["code"]} />;
}

/**
 * The ten recovery codes, shown once after they are made, with what they are for. The page
 * prints without the navigation (the print style sheet).
 */
export function RecoveryCodesPanel({
  codes,
  continueTo,
  headingLevel = 2,
}: {
  codes: string[];
  continueTo?: string;
  headingLevel?: 1 | 2;
}) {
  const { t } = useTranslation("auth");
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section aria-labelledby="recovery-codes-title">
      <Heading
        className={headingLevel === 1 ? "app-heading-l" : "app-heading-m"}
        id="recovery-codes-title"
      >
        {t("twoFactor.recovery.title")}
      </Heading>
      <p className="app-body">{t("twoFactor.recovery.lead", { count: codes.length })}</p>
      <ol className="app-recovery-codes" id="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{formatRecoveryCode(code)}</li>
        ))}
      </ol>
      <p className="app-body">{t("twoFactor.recovery.print")}</p>
      {continueTo ? (
        <p className="app-body app-no-print">
          <Link to={continueTo} reloadDocument className="app-button">
            {t("twoFactor.recovery.continue")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
