import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { CheckboxGroup, CsrfField } from "../ui/form-fields";

/** An address kept to stay informed, as the admin's search shows it (day as dd.mm.yyyy). */
export type StayInformedView = { id: string; email: string; boardName: string; keptSince: string };

/**
 * The kept stay-informed addresses found by the admin's search (everything held: the address,
 * the board, since when), each with its erasure form (confirmation box; `intent=erase-kept`).
 * Labels: the `board` namespace, `admin.stayInformed`.
 */
export function StayInformedEntries({
  csrfToken,
  query,
  entries,
  errors,
}: {
  csrfToken: string;
  /** The search typed, posted again so the page can show what is left after an erasure. */
  query: string;
  entries: StayInformedView[];
  /** Message keys by field `confirm-<entry id>`. */
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation("board");
  if (entries.length === 0) return null;
  return (
    <section aria-labelledby="stay-informed-heading">
      <h2 className="app-heading-m" id="stay-informed-heading">
        {t("admin.stayInformed.title")}
      </h2>
      <p className="app-body">{t("admin.stayInformed.lead")}</p>
      {entries.map((entry) => (
        <div key={entry.id}>
          <dl className="app-summary-list">
            <div className="app-summary-list__row">
              <dt>{t("admin.stayInformed.email")}</dt>
              <dd>{entry.email}</dd>
            </div>
            <div className="app-summary-list__row">
              <dt>{t("admin.stayInformed.board")}</dt>
              <dd>{entry.boardName}</dd>
            </div>
            <div className="app-summary-list__row">
              <dt>{t("admin.stayInformed.keptSince")}</dt>
              <dd>{entry.keptSince}</dd>
            </div>
          </dl>
          <Form method="post" noValidate>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="erase-kept" />
            <input type="hidden" name="id" value={entry.id} />
            <input type="hidden" name="query" value={query} />
            <CheckboxGroup
              name="confirm"
              idPrefix={`confirm-${entry.id}`}
              legend={t("admin.applicant.confirmLegend")}
              options={[{ value: "yes", label: t("admin.stayInformed.confirm") }]}
              checked={[]}
              error={errors?.[`confirm-${entry.id}`]}
            />
            <button type="submit" className="app-button">
              {t("admin.stayInformed.erase")}
            </button>
          </Form>
        </div>
      ))}
    </section>
  );
}
