import { useTranslation } from "react-i18next";

import { formatDayMonthYear } from "./ages";
import { ContactSafetyFields } from "./contact-safety-fields";
import type { StatusView } from "./status.server";
import { CheckboxGroup, ErrorSummary, ErrorSummaryBox, TextField } from "../ui/form-fields";
import { valueOf } from "../ui/parse-form";

/**
 * The applicant's pages behind the reference code: open, see the status, correct contact
 * details, withdraw (erases at once), and ask for a new passphrase. Plain forms, no JavaScript.
 */
export function StatusSignInPage({
  error,
  reference,
}: {
  error: string | null;
  reference: string;
}) {
  const { t } = useTranslation("board");
  return (
    <div className="app-narrow">
      <ErrorSummaryBox items={error ? [{ href: "#reference", text: t(error) }] : []} />
      <h1 className="app-heading-l">{t("status.title")}</h1>
      <p className="app-body">{t("status.lead")}</p>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="open" />
        <TextField
          name="reference"
          label={t("status.reference")}
          hint={t("status.referenceHint")}
          defaultValue={reference}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          name="passphrase"
          type="password"
          label={t("status.passphrase")}
          autoComplete="off"
        />
        <button type="submit" className="app-button">
          {t("status.open")}
        </button>
      </form>
      <h2 className="app-heading-m">{t("status.lost.title")}</h2>
      <p className="app-body">{t("status.lost.body")}</p>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="reset" />
        <TextField
          id="reset-reference"
          name="reference"
          label={t("status.reference")}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="app-button app-button--secondary">
          {t("status.lost.submit")}
        </button>
      </form>
    </div>
  );
}

const CONTACT_ORDER = [
  "email",
  "phone",
  "channels",
  "contactTimes",
  "voicemailSafe",
  "sharedPhoneSafe",
  "confirm",
];

export function StatusPage({ view }: { view: StatusView }) {
  const { t } = useTranslation("board");
  const { contact, errors } = view;
  return (
    <div className="app-narrow">
      <ErrorSummary errors={errors} fieldOrder={CONTACT_ORDER} />
      {view.saved ? (
        <div className="app-notification" role="status">
          <p className="app-body">{t("status.saved")}</p>
        </div>
      ) : null}
      <h1 className="app-heading-l">{t("status.title")}</h1>
      <dl className="app-summary-list">
        <div className="app-summary-list__row">
          <dt>{t("status.state")}</dt>
          <dd id="application-status">{t(`status.states.${view.status}`)}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt>{t("status.sentOn")}</dt>
          <dd>{formatDayMonthYear(view.submittedOn)}</dd>
        </div>
      </dl>
      <h2 className="app-heading-m">{t("status.contact.title")}</h2>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="contact" />
        <input type="hidden" name="grant" value={view.grant} />
        <TextField
          name="email"
          type="email"
          label={t("apply.fields.email")}
          defaultValue={valueOf(contact, "email")}
          error={errors.email}
        />
        <TextField
          name="phone"
          label={t("apply.fields.phone")}
          defaultValue={valueOf(contact, "phone")}
          error={errors.phone}
        />
        <ContactSafetyFields values={contact} errors={errors} />
        <button type="submit" className="app-button">
          {t("status.contact.save")}
        </button>
      </form>
      <h2 className="app-heading-m">{t("status.withdraw.title")}</h2>
      <p className="app-body">{t("status.withdraw.body")}</p>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="withdraw" />
        <input type="hidden" name="grant" value={view.grant} />
        <CheckboxGroup
          name="confirm"
          legend={t("status.withdraw.confirmLegend")}
          options={[{ value: "yes", label: t("status.withdraw.confirm") }]}
          checked={[]}
          error={errors.confirm}
        />
        <button type="submit" className="app-button app-button--secondary">
          {t("status.withdraw.submit")}
        </button>
      </form>
    </div>
  );
}

export function WithdrawnPage() {
  const { t } = useTranslation("board");
  return (
    <div className="app-narrow">
      <h1 className="app-heading-l">{t("status.withdrawn.title")}</h1>
      <p className="app-body">{t("status.withdrawn.body")}</p>
    </div>
  );
}

export function ResetSentPage() {
  const { t } = useTranslation("board");
  return (
    <div className="app-narrow">
      <h1 className="app-heading-l">{t("status.resetSent.title")}</h1>
      <p className="app-body">{t("status.resetSent.body")}</p>
    </div>
  );
}
