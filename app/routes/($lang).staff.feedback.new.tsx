import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { listOrganisationsFor } from "~/assessment/organisations.server";
import { requireUser } from "~/auth/guard.server";
import { requireOwnOrganisation } from "~/feedback/campaign-access.server";
import {
  CAMPAIGN_FIELD_ORDER,
  DateFields,
  OwnerField,
  PrivacyFields,
  PurposeFields,
  SectionFields,
  WordingFields,
} from "~/feedback/campaign-fields";
import {
  CampaignSchema,
  CampaignSetupSchema,
  DEFAULT_DATE_GRANULARITY,
  DEFAULT_MIN_GROUP_SIZE,
  type CampaignSetup,
} from "~/feedback/campaign.schemas";
import { createCampaign } from "~/feedback/feedback.commands.server";
import { getTemplate, TEMPLATES } from "~/feedback/templates";
import { getLangFromPath, LANGS, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { addDays, localToday } from "~/platform/calendar.server";
import { CheckboxGroup, CsrfField, ErrorSummary, RadioGroup } from "~/ui/form-fields";
import { parseForm, valueOf, valuesOf, type FormValues } from "~/ui/parse-form";

export const meta = titleMeta("feedback:staff.new.title");

/**
 * A two-step form that works without JavaScript (issue 13 §8): step 1 (a GET form) chooses the
 * questionnaire and the languages; step 2 asks only for that questionnaire's sections and the
 * wording in those languages, carrying the step-1 choices in hidden fields.
 */
function setupFrom(values: { templateId: unknown; languages: unknown }) {
  const parsed = CampaignSetupSchema.safeParse(values);
  if (parsed.success) return { setup: parsed.data, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { setup: null, errors };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, csrfToken } = await requireUser(request, "campaigns:manage");
  const organisations = await listOrganisationsFor(user);
  const url = new URL(request.url);
  const chosen = url.searchParams.has("templateId")
    ? setupFrom({
        templateId: url.searchParams.get("templateId"),
        languages: url.searchParams.getAll("languages"),
      })
    : { setup: null, errors: {} };
  const today = localToday();
  return {
    csrfToken,
    organisations,
    setup: chosen.setup,
    setupErrors: chosen.errors as Record<string, string>,
    defaults: { opensOn: today, closesOn: addDays(today, 30) },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "campaigns:manage", formData);
  const parsed = parseForm(CampaignSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) {
    return data({ values: parsed.values as FormValues, errors: parsed.errors }, { status: 400 });
  }
  // A campaign can only be put in an organisation the person works for (admins: any).
  await requireOwnOrganisation(user, parsed.data.organisationId);
  const campaign = await createCampaign(user, parsed.data);
  return redirect(
    localePath(
      getLangFromPath(new URL(request.url).pathname),
      `/staff/feedback/${campaign.id}?created=1`,
    ),
  );
}

export default function NewCampaignPage() {
  const { organisations, setup: loaded, setupErrors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("feedback");
  // After a refused POST the step-1 choices come back with the other values.
  const posted = actionData
    ? setupFrom({
        templateId: valueOf(actionData.values, "templateId"),
        languages: valuesOf(actionData.values, "languages"),
      }).setup
    : null;
  const setup = posted ?? loaded;
  return (
    <div className="app-narrow app-narrow--wide">
      <ErrorSummary
        errors={setup ? actionData?.errors : setupErrors}
        fieldOrder={CAMPAIGN_FIELD_ORDER}
      />
      <h1 className="app-heading-l">{t("staff.new.title")}</h1>
      {organisations.length === 0 ? (
        <p className="app-body">{t("staff.new.noOrganisation")}</p>
      ) : setup ? (
        <CampaignDetailsStep setup={setup} />
      ) : (
        <CampaignSetupStep errors={setupErrors} />
      )}
    </div>
  );
}

/** Step 1: the questionnaire and the languages (a GET form: nothing is saved yet). */
function CampaignSetupStep({ errors }: { errors: Record<string, string> }) {
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <Form method="get" action={localePath(lang, "/staff/feedback/new")} noValidate>
      <p className="app-caption">{t("staff.new.step", { step: 1, steps: 2 })}</p>
      <h2 className="app-heading-m">{t("staff.new.headings.setup")}</h2>
      <RadioGroup
        name="templateId"
        legend={t("staff.fields.template")}
        options={Object.values(TEMPLATES).map((template) => ({
          value: template.id,
          label: t(`questionnaires:${template.id}.title`),
          hint: t(`questionnaires:${template.id}.description`),
        }))}
        checked="service_user_feedback"
        error={errors.templateId}
      />
      <CheckboxGroup
        name="languages"
        legend={t("staff.fields.languages")}
        hint={t("staff.fields.languagesHint")}
        options={LANGS.map((l) => ({ value: l, label: t(`staff.languages.${l}`) }))}
        checked={[...LANGS]}
        error={errors.languages}
      />
      <button type="submit" className="app-button">
        {t("staff.new.continue")}
      </button>
    </Form>
  );
}

/** Step 2: everything else, under headings, for the chosen questionnaire and languages. */
function CampaignDetailsStep({ setup }: { setup: CampaignSetup }) {
  const { csrfToken, organisations, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  const template = getTemplate(setup.templateId)!;
  const values = actionData?.values;
  const errors = actionData?.errors ?? {};
  const fallback: Record<string, string> = {
    purpose: "service_evaluation",
    collectorProvidedSupport: "no",
    accessMode: "open",
    respondentMode: "self",
    dateGranularity: DEFAULT_DATE_GRANULARITY,
    minGroupSize: String(DEFAULT_MIN_GROUP_SIZE),
    ...defaults,
  };
  const value = (name: string) => (values ? valueOf(values, name) : (fallback[name] ?? ""));
  return (
    <Form method="post" noValidate>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="templateId" value={setup.templateId} />
      {setup.languages.map((l) => (
        <input type="hidden" name="languages" value={l} key={l} />
      ))}
      <p className="app-caption">{t("staff.new.step", { step: 2, steps: 2 })}</p>
      <h2 className="app-heading-m">{t("staff.new.headings.questionnaire")}</h2>
      <dl className="app-summary-list">
        <div className="app-summary-list__row">
          <dt>{t("staff.fields.template")}</dt>
          <dd>{t(`questionnaires:${template.id}.title`)}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt>{t("staff.fields.languages")}</dt>
          <dd>{setup.languages.map((l) => t(`staff.languages.${l}`)).join(", ")}</dd>
        </div>
      </dl>
      <p className="app-body">
        <Link to={localePath(lang, "/staff/feedback/new")}>{t("staff.new.changeSetup")}</Link>
      </p>
      <SectionFields
        template={template}
        checked={values ? valuesOf(values, "sections") : template.sections.map((s) => s.id)}
        error={errors.sections}
      />
      <h2 className="app-heading-m">{t("staff.new.headings.who")}</h2>
      <OwnerField organisations={organisations} value={value} errors={errors} />
      <PurposeFields value={value} errors={errors} />
      <h2 className="app-heading-m">{t("staff.new.headings.wording")}</h2>
      <WordingFields languages={setup.languages} value={value} errors={errors} />
      <h2 className="app-heading-m">{t("staff.new.headings.dates")}</h2>
      <DateFields value={value} errors={errors} />
      <h2 className="app-heading-m">{t("staff.new.headings.privacy")}</h2>
      <PrivacyFields value={value} errors={errors} />
      <button type="submit" className="app-button">
        {t("staff.new.submit")}
      </button>
    </Form>
  );
}
