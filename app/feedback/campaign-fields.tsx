import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import {
  ACCESS_MODES,
  DATE_GRANULARITIES,
  MIN_GROUP_SIZE_FLOOR,
  PURPOSES,
  RESPONDENT_MODES,
  TEXT_FIELDS,
  textFieldName,
} from "./campaign.schemas";
import type { Template } from "./template.schema";
import type { Lang } from "../i18n/lang";
import { CheckboxGroup, RadioGroup, TextField } from "../ui/form-fields";

/**
 * The campaign form's parts, shared by creating and changing a campaign. Each part is a group
 * under its own heading; `value(name)` gives a field's current value, `errors` the message keys.
 */
type PartProps = {
  value: (name: string) => string;
  errors: Record<string, string | undefined>;
};

/** The fields of the campaign form, in the order of the page (for the error summary). */
export const CAMPAIGN_FIELD_ORDER = [
  "templateId",
  "languages",
  "sections",
  "organisationId",
  "purpose",
  "collectorProvidedSupport",
  ...(["sq", "en"] as const).flatMap((lang) =>
    TEXT_FIELDS.map((field) => textFieldName(field, lang)),
  ),
  "opensOn",
  "closesOn",
  "accessMode",
  "respondentMode",
  "dateGranularity",
  "minGroupSize",
];

/** Which organisation the campaign belongs to: only its coordinators will see it. */
export function OwnerField({
  organisations,
  value,
  errors,
}: PartProps & { organisations: { id: string; name: string }[] }) {
  const { t } = useTranslation("feedback");
  return (
    <RadioGroup
      name="organisationId"
      legend={t("staff.fields.owner")}
      hint={t("staff.fields.ownerHint")}
      options={organisations.map((o) => ({ value: o.id, label: o.name }))}
      checked={value("organisationId") || (organisations.length === 1 ? organisations[0]!.id : "")}
      error={errors.organisationId}
    />
  );
}

/** The purpose and whether the collecting organisation gave the support. */
export function PurposeFields({ value, errors }: PartProps) {
  const { t } = useTranslation("feedback");
  return (
    <>
      <RadioGroup
        name="purpose"
        legend={t("staff.fields.purpose")}
        options={PURPOSES.map((purpose) => ({ value: purpose, label: t(`purposes.${purpose}`) }))}
        checked={value("purpose")}
        error={errors.purpose}
      />
      <RadioGroup
        name="collectorProvidedSupport"
        legend={t("staff.fields.collectorProvided")}
        hint={t("staff.fields.collectorProvidedHint")}
        options={[
          { value: "no", label: t("staff.fields.no") },
          { value: "yes", label: t("staff.fields.yes") },
        ]}
        checked={value("collectorProvidedSupport")}
        error={errors.collectorProvidedSupport}
      />
    </>
  );
}

/**
 * What respondents read, once per offered language: title, collecting organisation, and the
 * purpose when it is "Other" (issue 13 §2).
 */
export function WordingFields({ languages, value, errors }: PartProps & { languages: Lang[] }) {
  const { t } = useTranslation("feedback");
  return (
    <>
      {languages.map((lang) => {
        const language = t(`staff.languages.${lang}`);
        return (
          <fieldset className="app-fieldset" key={lang} lang={lang}>
            <legend className="app-fieldset__legend app-fieldset__legend--m">
              {t("staff.fields.wordingIn", { language })}
            </legend>
            <TextField
              name={textFieldName("title", lang)}
              label={t("staff.fields.titleIn", { language })}
              hint={t("staff.fields.titleHint")}
              defaultValue={value(textFieldName("title", lang))}
              error={errors[textFieldName("title", lang)]}
            />
            <TextField
              name={textFieldName("collectingOrganisation", lang)}
              label={t("staff.fields.organisationIn", { language })}
              hint={t("staff.fields.organisationHint")}
              defaultValue={value(textFieldName("collectingOrganisation", lang))}
              error={errors[textFieldName("collectingOrganisation", lang)]}
            />
            <TextField
              name={textFieldName("purposeOther", lang)}
              label={t("staff.fields.purposeOtherIn", { language })}
              defaultValue={value(textFieldName("purposeOther", lang))}
              error={errors[textFieldName("purposeOther", lang)]}
            />
          </fieldset>
        );
      })}
    </>
  );
}

/** Opening and closing dates. */
export function DateFields({ value, errors }: PartProps) {
  const { t } = useTranslation("feedback");
  return (
    <>
      <TextField
        name="opensOn"
        type="date"
        label={t("staff.fields.opensOn")}
        defaultValue={value("opensOn")}
        error={errors.opensOn}
      />
      <TextField
        name="closesOn"
        type="date"
        label={t("staff.fields.closesOn")}
        defaultValue={value("closesOn")}
        error={errors.closesOn}
      />
    </>
  );
}

/** The sections of the one chosen questionnaire (issue 13 §8). */
export function SectionFields({
  template,
  checked,
  error,
}: {
  template: Template;
  checked: string[];
  error?: string;
}) {
  const { t } = useTranslation("feedback");
  return (
    <CheckboxGroup
      name="sections"
      legend={t("staff.fields.sections", { template: t(`questionnaires:${template.id}.title`) })}
      hint={t("staff.fields.sectionsHint")}
      options={template.sections.map((section) => ({
        value: section.id,
        label: t(`questionnaires:${template.id}.sections.${section.id}.title`),
      }))}
      checked={checked}
      error={error}
    />
  );
}

/** How people get in, who answers, how the date is kept, and the small-group threshold. */
export function PrivacyFields({ value, errors }: PartProps) {
  const { t } = useTranslation("feedback");
  return (
    <>
      <RadioGroup
        name="accessMode"
        legend={t("staff.fields.access")}
        options={ACCESS_MODES.map((mode) => ({
          value: mode,
          label: t(`staff.access.${mode}`),
          hint: t(`staff.accessHint.${mode}`),
        }))}
        checked={value("accessMode")}
        error={errors.accessMode}
      />
      <RadioGroup
        name="respondentMode"
        legend={t("staff.fields.respondent")}
        options={RESPONDENT_MODES.map((mode) => ({
          value: mode,
          label: t(`staff.respondent.${mode}`),
        }))}
        checked={value("respondentMode")}
        error={errors.respondentMode}
      />
      <RadioGroup
        name="dateGranularity"
        legend={t("staff.fields.granularity")}
        hint={t("staff.fields.granularityHint")}
        options={DATE_GRANULARITIES.map((g) => ({
          value: g,
          label: t(`staff.granularity.${g}`),
        }))}
        checked={value("dateGranularity")}
        error={errors.dateGranularity}
      />
      <TextField
        name="minGroupSize"
        type="number"
        label={t("staff.fields.k")}
        hint={t("staff.fields.kHint", { min: MIN_GROUP_SIZE_FLOOR })}
        defaultValue={value("minGroupSize")}
        error={errors.minGroupSize}
      />
    </>
  );
}

/**
 * The campaign's public link with a Copy button. The link is always shown as text to select;
 * the button appears only where the browser can copy (progressive enhancement).
 */
export function PublicLink({ link }: { link: string }) {
  const { t } = useTranslation("feedback");
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCanCopy(Boolean(navigator.clipboard)), []);
  return (
    <div className="app-public-link">
      <code className="app-code">{link}</code>
      {canCopy ? (
        <button
          type="button"
          className="app-button app-button--secondary app-public-link__copy"
          onClick={() => {
            void navigator.clipboard.writeText(link).then(() => setCopied(true));
          }}
        >
          {t("staff.campaign.copyLink")}
        </button>
      ) : null}
      <p className="app-hint" role="status">
        {copied ? t("staff.campaign.copied") : ""}
      </p>
    </div>
  );
}
