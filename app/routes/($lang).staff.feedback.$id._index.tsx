import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireCampaign } from "~/feedback/campaign-access.server";
import { PublicLink } from "~/feedback/campaign-fields";
import { campaignStatus, campaignText } from "~/feedback/campaign.schemas";
import { MAX_CODES_PER_BATCH } from "~/feedback/feedback.commands.server";
import { countCampaignActivity } from "~/feedback/responses.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { localToday } from "~/platform/calendar.server";
import { getConfig } from "~/platform/config.server";
import { CsrfField } from "~/ui/form-fields";

export const meta = titleMeta("feedback:staff.campaign.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { campaign, organisation, csrfToken } = await requireCampaign(request, params.id);
  const { responses, codes, freeText } = await countCampaignActivity(campaign.id);
  return {
    campaign,
    owner: organisation?.name ?? "",
    // The language-neutral link: it opens in Albanian, or in the campaign's language if it is
    // not offered in Albanian (issue 13 §8).
    publicLink: `${getConfig().publicUrl}/f/${campaign.slug}`,
    status: campaignStatus(campaign, localToday()),
    responses,
    codes,
    freeText,
    csrfToken,
    notice: (["created", "updated", "closed"] as const).find((key) =>
      new URL(request.url).searchParams.has(key),
    ),
    maxCodes: MAX_CODES_PER_BATCH,
  };
}

export default function CampaignPage() {
  const data = useLoaderData<typeof loader>();
  const { campaign, owner, status, responses, codes, freeText, csrfToken, publicLink } = data;
  const { notice, maxCodes } = data;
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  const base = `/staff/feedback/${campaign.id}`;
  return (
    <>
      {notice ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t(`staff.campaign.${notice}`)}</p>
        </div>
      ) : null}
      {campaign.collectorProvidedSupport ? (
        <div className="app-warning" role="note">
          <p className="app-body">{t("staff.campaign.collectorWarning")}</p>
        </div>
      ) : null}
      <p className="app-caption">{t(`staff.status.${status}`)}</p>
      <h1 className="app-heading-l">{campaignText(campaign, lang).title}</h1>
      {notice === "created" ? (
        <section aria-labelledby="share-heading">
          <h2 className="app-heading-m" id="share-heading">
            {t("staff.campaign.shareHeading")}
          </h2>
          <p className="app-body">{t("staff.campaign.shareLead")}</p>
          <PublicLink link={publicLink} />
        </section>
      ) : null}
      <dl className="app-summary-list">
        <div className="app-summary-list__row">
          <dt>{t("staff.fields.owner")}</dt>
          <dd>{owner}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt>{t("staff.fields.template")}</dt>
          <dd>{t(`questionnaires:${campaign.templateId}.title`)}</dd>
        </div>
        {campaign.languages.map((l) => {
          const text = campaignText(campaign, l);
          const language = t(`staff.languages.${l}`);
          return (
            <div className="app-summary-list__row" key={l}>
              <dt>{t("staff.fields.wordingIn", { language })}</dt>
              <dd lang={l}>
                {text.title}
                <br />
                {text.collectingOrganisation}
                {campaign.purpose === "other" ? (
                  <>
                    <br />
                    {text.purposeOther}
                  </>
                ) : null}
              </dd>
            </div>
          );
        })}
        <div className="app-summary-list__row">
          <dt>{t("staff.fields.purpose")}</dt>
          <dd>{t(`purposes.${campaign.purpose}`)}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt>{t("staff.list.columns.dates")}</dt>
          <dd>{t("staff.dates", { from: campaign.opensOn, to: campaign.closesOn })}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt>{t("staff.fields.access")}</dt>
          <dd>{t(`staff.access.${campaign.accessMode}`)}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt>{t("staff.fields.respondent")}</dt>
          <dd>{t(`staff.respondent.${campaign.respondentMode}`)}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt>{t("staff.fields.granularity")}</dt>
          <dd>{t(`staff.granularity.${campaign.dateGranularity}`)}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt>{t("staff.fields.k")}</dt>
          <dd>{campaign.minGroupSize}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt>{t("staff.campaign.link")}</dt>
          <dd>
            {notice === "created" ? (
              <code className="app-code">{publicLink}</code>
            ) : (
              <PublicLink link={publicLink} />
            )}
          </dd>
        </div>
        <div className="app-summary-list__row">
          <dt>{t("staff.campaign.responses")}</dt>
          <dd>
            {responses < campaign.minGroupSize
              ? t("staff.campaign.fewerThanK", { k: campaign.minGroupSize })
              : responses}
          </dd>
        </div>
      </dl>
      <ul className="app-list">
        <li>
          <Link to={localePath(lang, `${base}/results`)}>{t("staff.campaign.resultsLink")}</Link>
        </li>
        <li>
          <Link to={localePath(lang, `${base}/edit`)}>{t("staff.campaign.editLink")}</Link>
        </li>
        <li>
          <Link to={localePath(lang, `${base}/free-text`)}>
            {t("staff.campaign.freeTextLink", { count: freeText.pending })}
          </Link>
        </li>
      </ul>
      {campaign.accessMode === "codes" ? (
        <section aria-labelledby="codes-heading">
          <h2 className="app-heading-m" id="codes-heading">
            {t("staff.codes.heading")}
          </h2>
          <p className="app-body">
            {t("staff.codes.counts", { count: codes.total, used: codes.used })}
          </p>
          <p className="app-body">{t("staff.codes.lead")}</p>
          <Form method="post" action={localePath(lang, `${base}/codes`)} reloadDocument>
            <CsrfField token={csrfToken} />
            <div className="app-form-group">
              <label className="app-label" htmlFor="count">
                {t("staff.codes.count")}
              </label>
              <p className="app-hint" id="count-hint">
                {t("staff.codes.countHint", { max: maxCodes })}
              </p>
              <input
                className="app-input app-input--short"
                id="count"
                name="count"
                type="number"
                min={1}
                max={maxCodes}
                defaultValue={50}
                aria-describedby="count-hint"
              />
            </div>
            <button type="submit" className="app-button">
              {t("staff.codes.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
