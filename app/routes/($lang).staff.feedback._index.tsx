import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { listOrganisationsFor } from "~/assessment/organisations.server";
import { requireUser } from "~/auth/guard.server";
import { campaignStatus, campaignText } from "~/feedback/campaign.schemas";
import { listCampaignsFor } from "~/feedback/campaigns.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { localToday } from "~/platform/calendar.server";

export const meta = titleMeta("feedback:staff.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, "campaigns:manage");
  const today = localToday();
  const lang = getLangFromPath(new URL(request.url).pathname);
  // Only the campaigns of the person's own organisations (every campaign for an admin).
  const [campaigns, organisations] = await Promise.all([
    listCampaignsFor(user),
    listOrganisationsFor(user),
  ]);
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  return {
    hasOrganisation: organisations.length > 0,
    campaigns: campaigns.map((c) => ({
      id: c.id,
      title: campaignText(c, lang).title,
      owner: names.get(c.organisationId ?? "") ?? "",
      opensOn: c.opensOn,
      closesOn: c.closesOn,
      accessMode: c.accessMode,
      status: campaignStatus(c, today),
    })),
  };
}

export default function CampaignListPage() {
  const { campaigns, hasOrganisation } = useLoaderData<typeof loader>();
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <h1 className="app-heading-l">{t("staff.list.title")}</h1>
      <p className="app-body">{t("staff.list.lead")}</p>
      {hasOrganisation ? (
        <p className="app-body">
          <Link className="app-button" to={localePath(lang, "/staff/feedback/new")}>
            {t("staff.list.create")}
          </Link>
        </p>
      ) : (
        <p className="app-body">{t("staff.new.noOrganisation")}</p>
      )}
      {campaigns.length === 0 ? (
        <p className="app-body">{t("staff.list.empty")}</p>
      ) : (
        <table className="app-table">
          <caption className="app-table__caption">{t("staff.list.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staff.list.columns.title")}</th>
              <th scope="col">{t("staff.list.columns.dates")}</th>
              <th scope="col">{t("staff.list.columns.access")}</th>
              <th scope="col">{t("staff.list.columns.status")}</th>
            </tr>
          </thead>
          <tbody>
            {campaigns.map((campaign) => (
              <tr key={campaign.id}>
                <td>
                  <Link to={localePath(lang, `/staff/feedback/${campaign.id}`)}>
                    {campaign.title}
                  </Link>
                  <br />
                  <span className="app-hint">{campaign.owner}</span>
                </td>
                <td>{t("staff.dates", { from: campaign.opensOn, to: campaign.closesOn })}</td>
                <td>{t(`staff.access.${campaign.accessMode}`)}</td>
                <td>{t(`staff.status.${campaign.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
