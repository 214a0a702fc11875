import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { RedactionValues } from "./free-text.schemas";
import { CsrfField, ErrorSummaryBox, FieldError, TextField } from "../ui/form-fields";

/**
 * The redaction queue's forms (issue 13 §10): each waiting text with its lists of names, places
 * and dates to hide, the redacted result shown before it can be approved, and the approved
 * texts with a way to withdraw each. Works with JavaScript off (plain posts).
 */

/** What the page knows about one queue item after a post: a preview, or the problems. */
export type RedactionState = {
  values: RedactionValues;
  /** The wording as it would appear in reports; absent when the form had errors. */
  redacted?: string;
  errors?: Record<string, string>;
};

const LIST_FIELDS = ["names", "places", "dates"] as const;

const questionKey = (templateId: string, questionId: string) =>
  `questionnaires:${templateId}.questions.${questionId}.text`;

/** The problems of one item's form, linking to its fields (ids carry the item's id). */
export function RedactionErrorSummary({
  itemId,
  errors,
}: {
  itemId: string;
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation("feedback");
  const items = Object.entries(errors ?? {}).map(([field, message]) => ({
    href: ["text", ...LIST_FIELDS].includes(field) ? `#${field}-${itemId}` : undefined,
    text: t(message),
  }));
  return <ErrorSummaryBox items={items} />;
}

export function RedactionForm({
  item,
  number,
  templateId,
  csrfToken,
  state,
}: {
  item: { id: string; questionId: string; text: string };
  number: number;
  templateId: string;
  csrfToken: string;
  state?: RedactionState;
}) {
  const { t } = useTranslation("feedback");
  const values = state?.values ?? { text: item.text, names: "", places: "", dates: "" };
  const textError = state?.errors?.text;
  const textId = `text-${item.id}`;
  return (
    <section className="app-card app-redaction" aria-labelledby={`ft-${item.id}`}>
      <h2 className="app-heading-s" id={`ft-${item.id}`}>
        {t("staff.freeText.itemHeading", {
          number,
          question: t(questionKey(templateId, item.questionId)),
        })}
      </h2>
      <Form method="post">
        <CsrfField token={csrfToken} />
        <input type="hidden" name="id" value={item.id} />
        <div className={`app-form-group${textError ? " app-form-group--error" : ""}`}>
          <label className="app-label" htmlFor={textId}>
            {t("staff.freeText.text")}
          </label>
          <p className="app-hint" id={`${textId}-hint`}>
            {t("staff.freeText.textHint")}
          </p>
          <FieldError name={textId} error={textError} />
          <textarea
            className={`app-textarea${textError ? " app-input--error" : ""}`}
            id={textId}
            name="text"
            rows={4}
            defaultValue={values.text}
            aria-describedby={textError ? `${textId}-hint ${textId}-error` : `${textId}-hint`}
            aria-invalid={textError ? true : undefined}
          />
        </div>
        {LIST_FIELDS.map((field) => (
          <TextField
            key={field}
            id={`${field}-${item.id}`}
            name={field}
            label={t(`staff.freeText.${field}`)}
            defaultValue={values[field]}
            error={state?.errors?.[field]}
            autoComplete="off"
          />
        ))}
        {state?.redacted !== undefined ? (
          <div className="app-redaction__preview" role="status">
            <h3 className="app-heading-s">{t("staff.freeText.previewHeading")}</h3>
            <blockquote className="app-quote" data-testid="redaction-preview">
              {state.redacted}
            </blockquote>
            <p className="app-hint">{t("staff.freeText.previewHint")}</p>
            <input type="hidden" name="previewed" value={state.redacted} />
          </div>
        ) : null}
        <div className="app-button-group">
          {/* First, so that Enter in a field previews rather than approves. */}
          <button
            type="submit"
            name="decision"
            value="preview"
            className={`app-button${state?.redacted !== undefined ? " app-button--secondary" : ""}`}
          >
            {t(
              state?.redacted !== undefined
                ? "staff.freeText.previewAgain"
                : "staff.freeText.preview",
            )}
          </button>
          {state?.redacted !== undefined ? (
            <button type="submit" name="decision" value="approve" className="app-button">
              {t("staff.freeText.approve")}
            </button>
          ) : null}
          <button
            type="submit"
            name="decision"
            value="exclude"
            className="app-button app-button--secondary"
          >
            {t("staff.freeText.exclude")}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** The approved texts, as they appear in reports, each with a button to withdraw it. */
export function ApprovedTexts({
  items,
  templateId,
  csrfToken,
}: {
  items: { id: string; questionId: string; redacted: string }[];
  templateId: string;
  csrfToken: string;
}) {
  const { t } = useTranslation("feedback");
  return (
    <section aria-labelledby="approved-texts" className="app-approved-texts">
      <h2 className="app-heading-m" id="approved-texts">
        {t("staff.freeText.approved.heading", { count: items.length })}
      </h2>
      <p className="app-body">{t("staff.freeText.approved.lead")}</p>
      {items.length === 0 ? (
        <p className="app-body">{t("staff.freeText.approved.empty")}</p>
      ) : (
        <ol className="app-approved-texts__list">
          {items.map((item, index) => (
            <li key={item.id} className="app-approved-texts__item">
              <p className="app-hint" id={`approved-${item.id}`}>
                {t("staff.freeText.approved.itemHeading", {
                  number: index + 1,
                  question: t(questionKey(templateId, item.questionId)),
                })}
              </p>
              <blockquote className="app-quote">{item.redacted}</blockquote>
              <Form method="post">
                <CsrfField token={csrfToken} />
                <input type="hidden" name="id" value={item.id} />
                <button
                  type="submit"
                  name="decision"
                  value="withdraw"
                  className="app-button app-button--secondary"
                  aria-describedby={`approved-${item.id}`}
                >
                  {t("staff.freeText.approved.withdraw")}
                </button>
              </Form>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
