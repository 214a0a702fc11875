import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { campaignStatus } from "~/feedback/campaign.schemas";
import { listCampaigns } from "~/feedback/campaigns.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { localToday } from "~/platform/calendar.server";

export const meta = titleMeta("feedback:staff.list.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "campaigns:manage");
  const today = localToday();
  const campaigns = await listCampaigns();
  return {
    campaigns: campaigns.map((c) => ({
      id: c.id,
      title: c.title,
      organisation: c.collectingOrganisation,
      opensOn: c.opensOn,
      closesOn: c.closesOn,
      accessMode: c.accessMode,
      status: campaignStatus(c, today),
    })),
  };
}

export default function CampaignListPage() {
  const { campaigns } = useLoaderData<typeof loader>();
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <h1 className="app-heading-l">{t("staff.list.title")}</h1>
      <p className="app-body">{t("staff.list.lead")}</p>
      <p className="app-body">
        <Link className="app-button" to={localePath(lang, "/staff/feedback/new")}>
          {t("staff.list.create")}
        </Link>
      </p>
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
                  <span className="app-hint">{campaign.organisation}</span>
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
