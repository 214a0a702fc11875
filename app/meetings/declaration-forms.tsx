import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { CheckboxGroup, CsrfField, ErrorSummary, TextAreaField, TextField } from "~/ui/form-fields";
import type { FieldErrors, FormValues } from "~/ui/parse-form";

import { MAX_DECLARATION_LENGTH } from "./declaration.schemas";

const text = (values: FormValues | undefined, name: string) => {
  const value = values?.[name];
  return typeof value === "string" ? value : undefined;
};

/** The declaration's text as published: paragraphs and numbered lines kept as written. */
export function DeclarationText({ text: body, lang }: { text: string; lang: string }) {
  return (
    <div className="app-declaration" lang={lang}>
      {body.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index} className="app-body app-declaration__paragraph">
          {paragraph}
        </p>
      ))}
    </div>
  );
}

/**
 * Signing the version in force (Art. 13 d, 14 c): the full name typed as a signature and a
 * confirmation box. `values` and `errors` come back from a refused post (400), kept as typed.
 */
export function SignDeclarationForm({
  version,
  csrfToken,
  values,
  errors,
}: {
  version: number;
  csrfToken: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("meetings");
  return (
    <Form method="post" noValidate>
      <ErrorSummary errors={errors} fieldOrder={["fullName", "confirm"]} />
      <CsrfField token={csrfToken} />
      <input type="hidden" name="version" value={version} />
      <TextField
        name="fullName"
        label={t("declaration.fullName")}
        hint={t("declaration.fullNameHint")}
        autoComplete="name"
        spellCheck={false}
        defaultValue={text(values, "fullName")}
        error={errors?.fullName}
      />
      <CheckboxGroup
        name="confirm"
        legend={t("declaration.confirmLegend")}
        options={[{ value: "yes", label: t("declaration.confirm") }]}
        checked={text(values, "confirm") === "yes" ? ["yes"] : []}
        error={errors?.confirm}
      />
      <button type="submit" className="app-button">
        {t("declaration.sign")}
      </button>
    </Form>
  );
}

/** An admin's new version of the declaration, in Albanian and in English. */
export function PublishDeclarationForm({
  current,
  csrfToken,
  values,
  errors,
}: {
  current: { sq: string; en: string };
  csrfToken: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("meetings");
  return (
    <Form method="post" noValidate>
      <ErrorSummary errors={errors} fieldOrder={["textSq", "textEn"]} />
      <CsrfField token={csrfToken} />
      <TextAreaField
        id="textSq"
        name="textSq"
        label={t("admin.textSq")}
        hint={t("admin.textHint", { count: MAX_DECLARATION_LENGTH })}
        rows={16}
        defaultValue={text(values, "textSq") ?? current.sq}
        error={errors?.textSq}
      />
      <TextAreaField
        id="textEn"
        name="textEn"
        label={t("admin.textEn")}
        hint={t("admin.textHint", { count: MAX_DECLARATION_LENGTH })}
        rows={16}
        defaultValue={text(values, "textEn") ?? current.en}
        error={errors?.textEn}
      />
      <p className="app-body">{t("admin.warning")}</p>
      <button type="submit" className="app-button">
        {t("admin.publish")}
      </button>
    </Form>
  );
}
