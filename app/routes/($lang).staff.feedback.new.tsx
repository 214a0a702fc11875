import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { CampaignWordingAndDates } from "~/feedback/campaign-fields";
import {
  ACCESS_MODES,
  CampaignSchema,
  DATE_GRANULARITIES,
  DEFAULT_MIN_GROUP_SIZE,
  MIN_GROUP_SIZE_FLOOR,
  RESPONDENT_MODES,
} from "~/feedback/campaign.schemas";
import { createCampaign } from "~/feedback/feedback.commands.server";
import { TEMPLATES } from "~/feedback/templates";
import { getLangFromPath, LANGS, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { addDays, localToday } from "~/platform/calendar.server";
import { CheckboxGroup, CsrfField, ErrorSummary, RadioGroup, TextField } from "~/ui/form-fields";
import { parseForm, valueOf, valuesOf, type FormValues } from "~/ui/parse-form";

export const meta = titleMeta("feedback:staff.new.title");

const FIELD_ORDER = [
  "title",
  "templateId",
  "sections",
  "purpose",
  "purposeOther",
  "collectingOrganisation",
  "collectorProvidedSupport",
  "opensOn",
  "closesOn",
  "languages",
  "accessMode",
  "respondentMode",
  "dateGranularity",
  "minGroupSize",
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { csrfToken } = await requireUser(request, "campaigns:manage");
  const today = localToday();
  const inAMonth = addDays(today, 30);
  return { csrfToken, today, inAMonth };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "campaigns:manage", formData);
  // Section boxes are named per template ("<template>:<section>"); keep the chosen template's.
  const templateId = String(formData.get("templateId") ?? "");
  const prepared = new FormData();
  for (const [key, value] of formData) {
    if (key === "sections") {
      const [owner, section] = String(value).split(":");
      if (owner === templateId && section) prepared.append("sections", section);
    } else prepared.append(key, value);
  }
  const parsed = parseForm(CampaignSchema, prepared, { secretFields: ["csrf"] });
  if (!parsed.ok) {
    return data(
      {
        values: {
          ...parsed.values,
          sections: formData.getAll("sections").map(String),
        } as FormValues,
        errors: parsed.errors,
      },
      { status: 400 },
    );
  }
  const campaign = await createCampaign(user, parsed.data);
  return redirect(
    localePath(
      getLangFromPath(new URL(request.url).pathname),
      `/staff/feedback/${campaign.id}?created=1`,
    ),
  );
}

export default function NewCampaignPage() {
  const { csrfToken, today, inAMonth } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("feedback");
  const values = actionData?.values;
  const errors = actionData?.errors ?? {};
  const value = (name: string, fallback: string) => (values ? valueOf(values, name) : fallback);
  const wordingDefaults: Record<string, string> = {
    purpose: "service_evaluation",
    collectorProvidedSupport: "no",
    opensOn: today,
    closesOn: inAMonth,
  };
  return (
    <div className="app-narrow app-narrow--wide">
      <ErrorSummary errors={errors} fieldOrder={FIELD_ORDER} />
      <h1 className="app-heading-l">{t("staff.new.title")}</h1>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <TextField
          name="title"
          label={t("staff.fields.title")}
          hint={t("staff.fields.titleHint")}
          defaultValue={value("title", "")}
          error={errors.title}
        />
        <RadioGroup
          name="templateId"
          legend={t("staff.fields.template")}
          options={Object.values(TEMPLATES).map((template) => ({
            value: template.id,
            label: t(`questionnaires:${template.id}.title`),
            hint: t(`questionnaires:${template.id}.description`),
          }))}
          checked={value("templateId", "service_user_feedback")}
          error={errors.templateId}
        />
        {Object.values(TEMPLATES).map((template, index) => (
          <CheckboxGroup
            key={template.id}
            name="sections"
            idPrefix={index === 0 ? "sections" : `sections-${template.id}`}
            legend={t("staff.fields.sections", {
              template: t(`questionnaires:${template.id}.title`),
            })}
            hint={index === 0 ? t("staff.fields.sectionsHint") : undefined}
            options={template.sections.map((section) => ({
              value: `${template.id}:${section.id}`,
              label: t(`questionnaires:${template.id}.sections.${section.id}.title`),
            }))}
            checked={
              values
                ? valuesOf(values, "sections")
                : template.sections.map((s) => `${template.id}:${s.id}`)
            }
            error={index === 0 ? errors.sections : undefined}
          />
        ))}
        <CampaignWordingAndDates
          value={(name) => value(name, wordingDefaults[name] ?? "")}
          errors={errors}
        />
        <CheckboxGroup
          name="languages"
          legend={t("staff.fields.languages")}
          options={LANGS.map((l) => ({ value: l, label: t(`staff.languages.${l}`) }))}
          checked={values ? valuesOf(values, "languages") : [...LANGS]}
          error={errors.languages}
        />
        <RadioGroup
          name="accessMode"
          legend={t("staff.fields.access")}
          options={ACCESS_MODES.map((mode) => ({
            value: mode,
            label: t(`staff.access.${mode}`),
            hint: t(`staff.accessHint.${mode}`),
          }))}
          checked={value("accessMode", "open")}
          error={errors.accessMode}
        />
        <RadioGroup
          name="respondentMode"
          legend={t("staff.fields.respondent")}
          options={RESPONDENT_MODES.map((mode) => ({
            value: mode,
            label: t(`staff.respondent.${mode}`),
          }))}
          checked={value("respondentMode", "self")}
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
          checked={value("dateGranularity", "day")}
          error={errors.dateGranularity}
        />
        <TextField
          name="minGroupSize"
          type="number"
          label={t("staff.fields.k")}
          hint={t("staff.fields.kHint", { min: MIN_GROUP_SIZE_FLOOR })}
          defaultValue={value("minGroupSize", String(DEFAULT_MIN_GROUP_SIZE))}
          error={errors.minGroupSize}
        />
        <button type="submit" className="app-button">
          {t("staff.new.submit")}
        </button>
      </Form>
    </div>
  );
}
