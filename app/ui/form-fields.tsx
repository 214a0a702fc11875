import { Form, useActionData } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { FieldErrors } from "./parse-form";

/**
 * Form parts in the GOV.UK pattern: an error summary at the top linking to each field, and an
 * inline message per field with a visually hidden "Error:" prefix. Field id = name, message id
 * = `<name>-error`, hint id = `<name>-hint`.
 */
export type SummaryItem = { text: string; href?: string };

/**
 * The box itself: a title and a list of problems, each linking to its field when it has one.
 *
 * It takes the focus as the page loads, so a screen reader starts with it: the `autofocus`
 * attribute does that on a page without JavaScript (survivor pages, a document POST), and the
 * effect does it after a client-side submission, again after each new answer from the action.
 * The page title says "Error:" too (`titleMeta` in app/i18n/meta.ts).
 */
export function ErrorSummaryBox({ items, title }: { items: SummaryItem[]; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // A new answer from the action (even with the same problems) is a new attempt to announce.
  const submission = useActionData();
  const signature = items.map((item) => `${item.href ?? ""}|${item.text}`).join("\n");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature, submission]);
  if (items.length === 0) return null;
  return (
    <div
      className="app-error-summary"
      role="alert"
      tabIndex={-1}
      ref={ref}
      aria-labelledby="error-summary-title"
      // GOV.UK error summary: the one element a page with errors focuses on load.
      // eslint-disable-next-line jsx-a11y/no-autofocus
      autoFocus
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
    <FieldFrame id={id} label={label} hint={hint} error={error}>
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
    </FieldFrame>
  );
}

/** A labelled textarea in the GOV.UK pattern (hint and error tied to it). */
export function TextAreaField({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  rows = 4,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue: string;
  rows?: number;
}) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        className="app-textarea"
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </FieldFrame>
  );
}

/**
 * A labelled drop-down in the GOV.UK pattern (hint and error tied to it, the value kept).
 * `children` are its `<option>`s; `error` is a message key.
 */
export function SelectField({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue: string;
  children: ReactNode;
  /** When two forms on a page share a field name, give one of them its own id. */
  id?: string;
}) {
  const fieldId = id ?? name;
  return (
    <FieldFrame id={fieldId} label={label} hint={hint} error={error}>
      <select
        className="app-select"
        id={fieldId}
        name={name}
        defaultValue={defaultValue}
        aria-describedby={describedBy(fieldId, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

/** The group around one control: label, hint (`<id>-hint`), error message (`<id>-error`). */
function FieldFrame({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
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
      {children}
    </div>
  );
}

type ChoiceOption = { value: string; label: string; hint?: string };

/**
 * A fieldset of radios or checkboxes in the GOV.UK pattern. The first input carries the field's
 * id, so the error summary's link lands on it; option hints are tied to their input. With an
 * error, the fieldset is described by the message (as GOV.UK does) and marked invalid where ARIA
 * allows it: a radio group (the fieldset, as `radiogroup`) or each checkbox.
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
      <ChoiceFieldset type={type} describedBy={describedBy(id, hint, error)} invalid={!!error}>
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
                  aria-invalid={type === "checkbox" && error ? true : undefined}
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
      </ChoiceFieldset>
    </div>
  );
}

/**
 * The fieldset around radios or checkboxes. With an error it is described by the message (as
 * GOV.UK does), and a radio group is marked `aria-invalid` as a whole: ARIA allows that state on
 * a `radiogroup` (a role HTML allows on a fieldset) but not on a radio. Checkboxes carry
 * `aria-invalid` themselves.
 */
export function ChoiceFieldset({
  type,
  describedBy: describedByIds,
  invalid,
  id,
  children,
}: {
  type: "radio" | "checkbox";
  describedBy: string | undefined;
  invalid: boolean;
  id?: string;
  children: ReactNode;
}) {
  return (
    <fieldset
      className="app-fieldset"
      id={id}
      role={type === "radio" ? "radiogroup" : undefined}
      aria-describedby={describedByIds}
      aria-invalid={type === "radio" && invalid ? true : undefined}
    >
      {children}
    </fieldset>
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

/**
 * A staff form that posts to its page's action: the CSRF field, the hidden `intent` naming which
 * of the page's forms was sent (omitted when the page has one), the fields given as children,
 * then one submit button labelled `submitLabel` (`secondary` for a lesser action). Works without
 * JavaScript; with it, Remix sends it in the background.
 */
export function StaffForm({
  csrfToken,
  intent,
  submitLabel,
  secondary = false,
  className,
  children,
}: {
  csrfToken: string;
  intent?: string;
  submitLabel: string;
  secondary?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post" noValidate className={className}>
      <CsrfField token={csrfToken} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {children}
      <button
        type="submit"
        className={secondary ? "app-button app-button--secondary" : "app-button"}
      >
        {submitLabel}
      </button>
    </Form>
  );
}
