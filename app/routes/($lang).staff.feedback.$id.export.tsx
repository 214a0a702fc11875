import type { LoaderFunctionArgs } from "@remix-run/node";

import { requireCampaign } from "~/feedback/campaign-access.server";
import { recordExport } from "~/feedback/feedback.commands.server";
import { getPublishedResults, listFreeText } from "~/feedback/responses.server";
import { buildResults } from "~/feedback/results";
import { aggregatesCsv, approvedTextCsv } from "~/feedback/results-csv";
import { getTemplate } from "~/feedback/templates";
import { getFixedT } from "~/i18n/i18n";
import { getLangFromPath } from "~/i18n/lang";
import { csvHeaders } from "~/platform/csv";

/**
 * CSV exports: the suppressed aggregates, or approved (redacted) free text. Never raw answers.
 * A resource route: no page, a file download.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, campaign } = await requireCampaign(request, params.id);
  const template = getTemplate(campaign.templateId, campaign.templateVersion);
  if (!template) throw new Response("Not Found", { status: 404 });
  const url = new URL(request.url);
  const kind = url.searchParams.get("kind") === "free-text" ? "free-text" : "aggregates";
  const t = getFixedT(getLangFromPath(url.pathname));
  const results = buildResults(
    template,
    campaign.sections,
    (await getPublishedResults(campaign.id, campaign.minGroupSize)).tallies,
    campaign.minGroupSize,
  );
  if (!results.ready)
    throw new Response(t("feedback:staff.results.notEnough", { k: campaign.minGroupSize }), {
      status: 409,
    });
  const csv =
    kind === "aggregates"
      ? aggregatesCsv(results, template, t)
      : approvedTextCsv(await listFreeText(campaign.id, "approved"), template, t);
  await recordExport(user, campaign, kind);
  return new Response(csv, { headers: csvHeaders(`${kind}-${campaign.slug}.csv`) });
}
