import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import type { FieldErrors } from "./parse-form";

/**
 * Form parts in the GOV.UK pattern: an error summary at the top linking to each field, and an
 * inline message per field with a visually hidden "Error:" prefix. Field id = name, message id
 * = `<name>-error`, hint id = `<name>-hint`.
 */
export type SummaryItem = { text: string; href?: string };

/** The box itself: a title and a list of problems, each linking to its field when it has one. */
export function ErrorSummaryBox({ items, title }: { items: SummaryItem[]; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
  }, [items.length]);
  if (items.length === 0) return null;
  return (
    <div
      className="app-error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="error-summary-title"
    >
      <h2 className="app-error-summary__title" id="error-summary-title">
        {title ?? t("common:errorSummary.title")}
      </h2>
      <ul className="app-error-summary__list">
        {items.map((item) => (
          <li key={`${item.href ?? ""}|${item.text}`}>
            {item.href ? <a href={item.href}>{item.text}</a> : item.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The summary for a form's field errors (message keys), in the order of the fields. */
export function ErrorSummary({
  errors,
  fieldOrder,
}: {
  errors?: FieldErrors;
  fieldOrder?: string[];
}) {
  const { t } = useTranslation();
  const items = Object.entries(errors ?? {})
    .sort(([a], [b]) => (fieldOrder?.indexOf(a) ?? 0) - (fieldOrder?.indexOf(b) ?? 0))
    .map(([field, message]) => ({ href: `#${field}`, text: t(message) }));
  return <ErrorSummaryBox items={items} />;
}

export function FieldError({ name, error }: { name: string; error?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="app-error-message" id={`${name}-error`}>
      <span className="app-visually-hidden">{t("common:errorSummary.inlinePrefix")}</span>{" "}
      {t(error)}
    </p>
  );
}

function describedBy(name: string, hint?: string, error?: string) {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function TextField({
  id: idProp,
  name,
  label,
  hint,
  error,
  defaultValue,
  type = "text",
  autoComplete,
  spellCheck,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  type?: "text" | "email" | "password" | "date" | "search" | "number";
  autoComplete?: string;
  spellCheck?: boolean;
  /** When two forms on a page share a field name, give one of them its own id. */
  id?: string;
}) {
  const id = idProp ?? name;
  return (
    <div className={`app-form-group${error ? " app-form-group--error" : ""}`}>
      <label className="app-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="app-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError name={id} error={error} />
      <input
        className={`app-input${error ? " app-input--error" : ""}`}
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

type ChoiceOption = { value: string; label: string; hint?: string };

/**
 * A fieldset of radios or checkboxes in the GOV.UK pattern. The first input carries the field's
 * id, so the error summary's link lands on it; option hints are tied to their input.
 */
function ChoiceGroup({
  type,
  name,
  legend,
  hint,
  error,
  options,
  checked,
  idPrefix,
}: {
  type: "radio" | "checkbox";
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: ChoiceOption[];
  checked: string[];
  idPrefix?: string;
}) {
  const id = idPrefix ?? name;
  const block = type === "radio" ? "app-radios" : "app-checkboxes";
  return (
    <div className={`app-form-group${error ? " app-form-group--error" : ""}`}>
      <fieldset className="app-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className="app-fieldset__legend">{legend}</legend>
        {hint ? (
          <p className="app-hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        <FieldError name={id} error={error} />
        <div className={block}>
          {options.map((option, index) => {
            const inputId = index === 0 ? id : `${id}-${option.value}`;
            return (
              <div className={`${block}__item`} key={option.value}>
                <input
                  className={`${block}__input`}
                  id={inputId}
                  name={name}
                  type={type}
                  value={option.value}
                  defaultChecked={checked.includes(option.value)}
                  aria-describedby={option.hint ? `${inputId}-item-hint` : undefined}
                />
                <label className={`${block}__label`} htmlFor={inputId}>
                  {option.label}
                </label>
                {option.hint ? (
                  <p className={`app-hint ${block}__hint`} id={`${inputId}-item-hint`}>
                    {option.hint}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function CheckboxGroup(props: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: ChoiceOption[];
  checked: string[];
  idPrefix?: string;
}) {
  return <ChoiceGroup type="checkbox" {...props} />;
}

export function RadioGroup({
  checked,
  ...props
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: ChoiceOption[];
  checked: string | undefined;
  idPrefix?: string;
}) {
  return <ChoiceGroup type="radio" checked={checked === undefined ? [] : [checked]} {...props} />;
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}
