import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import type { FieldErrors } from "./parse-form";

/**
 * Form parts in the GOV.UK pattern: an error summary at the top linking to each field, and an
 * inline message per field with a visually hidden "Error:" prefix. Field id = name, message id
 * = `<name>-error`, hint id = `<name>-hint`.
 */
export function ErrorSummary({
  errors,
  fieldOrder,
}: {
  errors?: FieldErrors;
  fieldOrder?: string[];
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).sort(
    ([a], [b]) => (fieldOrder?.indexOf(a) ?? 0) - (fieldOrder?.indexOf(b) ?? 0),
  );
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus();
  }, [entries.length]);
  if (entries.length === 0) return null;
  return (
    <div
      className="app-error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="error-summary-title"
    >
      <h2 className="app-error-summary__title" id="error-summary-title">
        {t("common:errorSummary.title")}
      </h2>
      <ul className="app-error-summary__list">
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${field}`}>{t(message)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
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
}) {
  return (
    <div className={`app-form-group${error ? " app-form-group--error" : ""}`}>
      <label className="app-label" htmlFor={name}>
        {label}
      </label>
      {hint ? (
        <p className="app-hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError name={name} error={error} />
      <input
        className={`app-input${error ? " app-input--error" : ""}`}
        id={name}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

export function CheckboxGroup({
  name,
  legend,
  hint,
  error,
  options,
  checked,
  idPrefix,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string }[];
  checked: string[];
  idPrefix?: string;
}) {
  const id = idPrefix ?? name;
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
        <div className="app-checkboxes">
          {options.map((option, index) => {
            // The first box carries the field's id so the error summary link lands on it.
            const inputId = index === 0 ? id : `${id}-${option.value}`;
            return (
              <div className="app-checkboxes__item" key={option.value}>
                <input
                  className="app-checkboxes__input"
                  id={inputId}
                  name={name}
                  type="checkbox"
                  value={option.value}
                  defaultChecked={checked.includes(option.value)}
                />
                <label className="app-checkboxes__label" htmlFor={inputId}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="csrf" value={token} />;
}

export function RadioGroup({
  name,
  legend,
  hint,
  error,
  options,
  checked,
}: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  options: { value: string; label: string; hint?: string }[];
  checked: string | undefined;
}) {
  return (
    <div className={`app-form-group${error ? " app-form-group--error" : ""}`}>
      <fieldset className="app-fieldset" aria-describedby={describedBy(name, hint, error)}>
        <legend className="app-fieldset__legend">{legend}</legend>
        {hint ? (
          <p className="app-hint" id={`${name}-hint`}>
            {hint}
          </p>
        ) : null}
        <FieldError name={name} error={error} />
        <div className="app-radios">
          {options.map((option, index) => {
            const inputId = index === 0 ? name : `${name}-${option.value}`;
            return (
              <div className="app-radios__item" key={option.value}>
                <input
                  className="app-radios__input"
                  id={inputId}
                  name={name}
                  type="radio"
                  value={option.value}
                  defaultChecked={checked === option.value}
                  aria-describedby={option.hint ? `${inputId}-item-hint` : undefined}
                />
                <label className="app-radios__label" htmlFor={inputId}>
                  {option.label}
                </label>
                {option.hint ? (
                  <p className="app-hint app-radios__hint" id={`${inputId}-item-hint`}>
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
