import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { campaignText } from "~/feedback/campaign.schemas";
import { listOpenCampaigns } from "~/feedback/campaigns.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { localToday } from "~/platform/calendar.server";

export const meta = titleMeta("common:landing.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const lang = getLangFromPath(new URL(request.url).pathname);
  const campaigns = await listOpenCampaigns(localToday());
  return {
    campaigns: campaigns
      .map((c) => ({
        slug: c.slug,
        title: campaignText(c, lang).title,
        organisation: campaignText(c, lang).collectingOrganisation,
        needsCode: c.accessMode === "codes",
        languages: c.languages,
      }))
      .sort((a, b) => a.title.localeCompare(b.title, lang)),
  };
}

export default function LandingPage() {
  const { campaigns } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lang = getLangFromPath(useLocation().pathname);
  const offered = campaigns.filter((c) => c.languages.includes(lang));
  return (
    <>
      <h1 className="app-heading-xl">{t("landing.title")}</h1>
      <p className="app-body-l">{t("landing.lead")}</p>
      <p className="app-body">{t("landing.purpose")}</p>
      {offered.length > 0 ? (
        <section aria-labelledby="share">
          <h2 className="app-heading-m" id="share">
            {t("feedback:landing.heading")}
          </h2>
          <p className="app-body">{t("feedback:landing.lead")}</p>
          <ul className="app-campaign-list">
            {offered.map((campaign) => (
              <li key={campaign.slug} className="app-campaign-list__item">
                <a
                  href={localePath(lang, `/f/${campaign.slug}`)}
                  className="app-campaign-list__link"
                >
                  {campaign.title}
                </a>
                <span className="app-hint">
                  {t("feedback:landing.byOrganisation", { organisation: campaign.organisation })}
                  {campaign.needsCode ? ` · ${t("feedback:landing.needsCode")}` : ""}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2 className="app-heading-m">{t("landing.promiseHeading")}</h2>
      <ul className="app-list app-list--bullet">
        <li>{t("landing.promiseNoAccount")}</li>
        <li>{t("landing.promiseNoNames")}</li>
        <li>{t("landing.promiseOptional")}</li>
        <li>{t("landing.promiseStop")}</li>
      </ul>
      <div className="app-inset">
        <p className="app-body">
          {t("landing.safetyIntro")}{" "}
          <a href={localePath(lang, "/safety")}>{t("landing.safetyLink")}</a>
        </p>
      </div>
    </>
  );
}
