import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { requireCampaign } from "~/feedback/campaign-access.server";
import { generateCodes, MAX_CODES_PER_BATCH } from "~/feedback/feedback.commands.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { getConfig } from "~/platform/config.server";
import type { RouteHandle } from "~/root";

export const meta = titleMeta("feedback:staff.codes.sheetTitle");
// The sheet is shown once, straight from the POST: no script, nothing cached, no reload.
export const handle: RouteHandle = { hydrate: false };

const CountSchema = z.object({ count: z.coerce.number().int().min(1).max(MAX_CODES_PER_BATCH) });

// Loaders also run after the POST, so this one must not redirect: it only guards the page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { campaign } = await requireCampaign(request, params.id);
  return { campaignId: campaign.id };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, campaign } = await requireCampaign(request, params.id, formData);
  const parsed = CountSchema.safeParse({ count: formData.get("count") });
  if (!parsed.success || campaign.accessMode !== "codes") {
    return data(
      { ok: false as const, codes: [] as string[], title: campaign.title, link: "" },
      { status: 400 },
    );
  }
  const codes = await generateCodes(user, campaign, parsed.data.count);
  const lang = getLangFromPath(new URL(request.url).pathname);
  return {
    ok: true as const,
    codes,
    title: campaign.title,
    link: `${getConfig().publicUrl}${localePath(lang, `/f/${campaign.slug}`)}`,
  };
}

export default function CodeSheetPage() {
  const { campaignId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  if (!result?.ok) {
    return (
      <>
        <h1 className="app-heading-l">{t("staff.codes.sheetTitle")}</h1>
        <p className="app-body">
          {t(result ? "staff.codes.invalid" : "staff.codes.shownOnce", {
            max: MAX_CODES_PER_BATCH,
          })}
        </p>
        <p className="app-body">
          <a href={localePath(lang, `/staff/feedback/${campaignId}`)}>{t("staff.results.back")}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <div className="app-no-print">
        <h1 className="app-heading-l">{t("staff.codes.sheetTitle")}</h1>
        <div className="app-warning" role="note">
          <p className="app-body">{t("staff.codes.onlyOnce", { count: result.codes.length })}</p>
        </div>
        <p className="app-body">{t("staff.codes.printHint")}</p>
        <p className="app-body">
          <a href={localePath(lang, "/staff/feedback")}>{t("staff.codes.done")}</a>
        </p>
      </div>
      <ul className="app-code-cards">
        {result.codes.map((code) => (
          <li className="app-code-card" key={code}>
            <p className="app-code-card__title">{result.title}</p>
            <p className="app-code-card__text">{t("staff.codes.cardLink")}</p>
            <p className="app-code-card__link">{result.link}</p>
            <p className="app-code-card__text">{t("staff.codes.cardCode")}</p>
            <p className="app-code-card__code">{code}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
