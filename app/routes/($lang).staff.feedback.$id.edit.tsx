import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { listOrganisationsFor } from "~/assessment/organisations.server";
import { requireCampaign, requireOwnOrganisation } from "~/feedback/campaign-access.server";
import {
  CAMPAIGN_FIELD_ORDER,
  DateFields,
  OwnerField,
  PurposeFields,
  WordingFields,
} from "~/feedback/campaign-fields";
import { campaignDetailsSchema, campaignStatus, flattenTexts } from "~/feedback/campaign.schemas";
import {
  campaignDetails,
  closeCampaignNow,
  editCampaign,
} from "~/feedback/feedback.commands.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { localToday } from "~/platform/calendar.server";
import { CsrfField, ErrorSummary } from "~/ui/form-fields";
import { parseForm, valueOf, type FormValues } from "~/ui/parse-form";

export const meta = titleMeta("feedback:staff.edit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, campaign, csrfToken } = await requireCampaign(request, params.id);
  const { texts, ...details } = campaignDetails(campaign);
  return {
    campaignId: campaign.id,
    languages: campaign.languages,
    details: { ...details, ...flattenTexts(texts) } as Record<string, string>,
    organisations: await listOrganisationsFor(user),
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
  const parsed = parseForm(campaignDetailsSchema(campaign.languages), formData, {
    secretFields: ["csrf"],
  });
  if (!parsed.ok) {
    return data({ values: parsed.values as FormValues, errors: parsed.errors }, { status: 400 });
  }
  // Moving a campaign: only to an organisation the person works for (admins: any).
  if (parsed.data.organisationId !== campaign.organisationId)
    await requireOwnOrganisation(user, parsed.data.organisationId);
  await editCampaign(user, campaign, parsed.data);
  return redirect(`${campaignPage}?updated=1`);
}

export default function EditCampaignPage() {
  const { campaignId, languages, details, organisations, open, csrfToken } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  const errors = actionData?.errors ?? {};
  const value = (name: string) =>
    actionData?.values ? valueOf(actionData.values, name) : (details[name] ?? "");
  return (
    <div className="app-narrow app-narrow--wide">
      <ErrorSummary errors={errors} fieldOrder={CAMPAIGN_FIELD_ORDER} />
      <h1 className="app-heading-l">{t("staff.edit.title")}</h1>
      <p className="app-body">{t("staff.edit.lead")}</p>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <h2 className="app-heading-m">{t("staff.new.headings.who")}</h2>
        <OwnerField organisations={organisations} value={value} errors={errors} />
        <PurposeFields value={value} errors={errors} />
        <h2 className="app-heading-m">{t("staff.new.headings.wording")}</h2>
        <WordingFields languages={languages} value={value} errors={errors} />
        <h2 className="app-heading-m">{t("staff.new.headings.dates")}</h2>
        <DateFields value={value} errors={errors} />
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
