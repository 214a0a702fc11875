import type { z } from "zod";

/**
 * Parses submitted form fields with a zod schema. On failure it returns the values as typed
 * (so the form can be shown again without losing anything) and one message key per field, the
 * first problem for each, as GOV.UK's error pattern shows one message per field.
 */
export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | string[]>;

export type ParsedForm<T> =
  { ok: true; data: T } | { ok: false; values: FormValues; errors: FieldErrors };

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as it can be stored on every engine (decision 016): NUL characters removed (PostgreSQL
 * refuses them in `text`; they are invisible, so a person could not find one to delete it) and
 * each lone surrogate replaced by U+FFFD, as a browser does when it sends a form. Everything a
 * person can see is kept. Every parser of posted text calls this on each value it reads.
 */
export function storableText(value: string): string {
  return value.replace(NUL, "").replace(LONE_SURROGATE, "\uFFFD");
}

/** Every string value of a posted field, made storable (files are dropped). */
export function formValuesOf(
  formData: { getAll(name: string): FormDataEntryValue[] },
  key: string,
) {
  return formData
    .getAll(key)
    .filter((v): v is string => typeof v === "string")
    .map(storableText);
}

export function formDataToValues(formData: FormData, omit: readonly string[] = []): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    if (omit.includes(key)) continue;
    const all = formValuesOf(formData, key);
    // Defined, not assigned: a field called "__proto__" stays a field instead of replacing the
    // object's prototype (and with it every name the form did not send).
    Object.defineProperty(values, storableText(key), {
      value: all.length === 1 && !key.endsWith("[]") ? (all[0] ?? "") : all,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return values;
}

/** The message for a problem a schema has no message of its own for. */
export const FIELD_INVALID = "common:errors.field_invalid";

export function parseForm<Schema extends z.ZodType>(
  schema: Schema,
  formData: FormData,
  options: { secretFields?: readonly string[] } = {},
): ParsedForm<z.output<Schema>> {
  const raw = formDataToValues(formData);
  // A problem the schema gave no message for (e.g. a field sent twice where one value belongs)
  // still gets a message the page can show.
  const result = schema.safeParse(raw, { error: () => FIELD_INVALID });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  // Passwords and other secrets are never echoed back into the page.
  return { ok: false, values: formDataToValues(formData, options.secretFields ?? []), errors };
}

export function valueOf(values: FormValues | undefined, name: string): string {
  const value = values?.[name];
  return typeof value === "string" ? value : "";
}

export function valuesOf(values: FormValues | undefined, name: string): string[] {
  const value = values?.[name];
  if (Array.isArray(value)) return value;
  return typeof value === "string" ? [value] : [];
}

/**
 * What a text field needs from a form's kept state, to spread into TextField or TextAreaField:
 * `{ name, defaultValue, error }` for the field `name`, taken from the values and messages an
 * action returned (or from a stored record). Missing values give "" and no message.
 */
export function fieldState(
  values: FormValues | undefined,
  errors: FieldErrors | undefined,
  name: string,
): { name: string; defaultValue: string; error: string | undefined } {
  return { name, defaultValue: valueOf(values, name), error: errors?.[name] };
}
