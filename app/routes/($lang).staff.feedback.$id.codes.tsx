import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";

import { requireCampaign } from "~/feedback/campaign-access.server";
import { CodeSheet } from "~/feedback/code-sheet";
import { codeCardTexts, linkQrCode } from "~/feedback/code-sheet.server";
import { generateCodes, MAX_CODES_PER_BATCH } from "~/feedback/feedback.commands.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { getConfig } from "~/platform/config.server";
import type { RouteHandle } from "~/root";

export const meta = titleMeta("feedback:staff.codes.sheetTitle");
// The sheet is shown once, straight from the POST: no framework script, nothing cached, no
// reload. A small static script adds the Print button and the warning before leaving.
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
    return data({ ok: false as const }, { status: 400 });
  }
  const codes = await generateCodes(user, campaign, parsed.data.count);
  // The language-neutral link: it opens in Albanian, or in the campaign's own language.
  const link = `${getConfig().publicUrl}/f/${campaign.slug}`;
  return {
    ok: true as const,
    codes,
    link,
    qrCode: await linkQrCode(link),
    texts: codeCardTexts(campaign),
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
    <CodeSheet
      codes={result.codes}
      link={result.link}
      qrCode={result.qrCode}
      texts={result.texts}
      doneHref={localePath(lang, "/staff/feedback")}
    />
  );
}
