import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireCampaign } from "~/feedback/campaign-access.server";
import { CampaignWordingAndDates } from "~/feedback/campaign-fields";
import { CampaignDetailsSchema, campaignStatus } from "~/feedback/campaign.schemas";
import {
  campaignDetails,
  closeCampaignNow,
  editCampaign,
} from "~/feedback/feedback.commands.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { localToday } from "~/platform/calendar.server";
import { CsrfField, ErrorSummary, TextField } from "~/ui/form-fields";
import { parseForm, valueOf, type FormValues } from "~/ui/parse-form";

export const meta = titleMeta("feedback:staff.edit.title");

const FIELD_ORDER = [
  "title",
  "purpose",
  "purposeOther",
  "collectingOrganisation",
  "collectorProvidedSupport",
  "opensOn",
  "closesOn",
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { campaign, csrfToken } = await requireCampaign(request, params.id);
  return {
    campaignId: campaign.id,
    details: campaignDetails(campaign),
    open: campaignStatus(campaign, localToday()) !== "closed",
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, campaign } = await requireCampaign(request, params.id, formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const campaignPage = localePath(lang, `/staff/feedback/${campaign.id}`);
  if (formData.get("intent") === "close") {
    await closeCampaignNow(user, campaign);
    return redirect(`${campaignPage}?closed=1`);
  }
  const parsed = parseForm(CampaignDetailsSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) {
    return data({ values: parsed.values as FormValues, errors: parsed.errors }, { status: 400 });
  }
  await editCampaign(user, campaign, parsed.data);
  return redirect(`${campaignPage}?updated=1`);
}

export default function EditCampaignPage() {
  const { campaignId, details, open, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  const errors = actionData?.errors ?? {};
  const value = (name: keyof typeof details) =>
    actionData?.values ? valueOf(actionData.values, name) : details[name];
  return (
    <div className="app-narrow app-narrow--wide">
      <ErrorSummary errors={errors} fieldOrder={FIELD_ORDER} />
      <h1 className="app-heading-l">{t("staff.edit.title")}</h1>
      <p className="app-body">{t("staff.edit.lead")}</p>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <TextField
          name="title"
          label={t("staff.fields.title")}
          hint={t("staff.fields.titleHint")}
          defaultValue={value("title")}
          error={errors.title}
        />
        <CampaignWordingAndDates
          value={(name) => value(name as keyof typeof details)}
          errors={errors}
        />
        <div className="app-button-group">
          <button type="submit" className="app-button">
            {t("staff.edit.submit")}
          </button>
          <Link to={localePath(lang, `/staff/feedback/${campaignId}`)}>
            {t("staff.edit.cancel")}
          </Link>
        </div>
      </Form>
      {open ? (
        <section aria-labelledby="close-heading">
          <h2 className="app-heading-m" id="close-heading">
            {t("staff.edit.closeHeading")}
          </h2>
          <p className="app-body">{t("staff.edit.closeLead")}</p>
          <Form method="post" noValidate>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="intent" value="close" />
            <button type="submit" className="app-button app-button--secondary">
              {t("staff.edit.closeSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
