import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";

import { requireCampaign } from "~/feedback/campaign-access.server";
import { recordExport } from "~/feedback/feedback.commands.server";
import { getPublishedResults, listFreeText } from "~/feedback/responses.server";
import { buildResults, type Cell } from "~/feedback/results";
import { choiceLabelKey } from "~/feedback/template.schema";
import { getTemplate } from "~/feedback/templates";
import { getFixedT } from "~/i18n/i18n";
import { getLangFromPath } from "~/i18n/lang";

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
  const questionText = (id: string) => t(`questionnaires:${template.id}.questions.${id}.text`);
  const fewer = t("feedback:staff.results.fewerThan", { k: campaign.minGroupSize });
  const count = (cell: Cell) => (cell.suppressed ? fewer : String(cell.count));
  const percent = (cell: Cell) => (cell.suppressed ? "" : String(cell.percent));

  let rows: string[][];
  if (kind === "aggregates") {
    rows = [
      [
        t("feedback:staff.export.question"),
        t("feedback:staff.export.answer"),
        t("feedback:staff.export.count"),
        t("feedback:staff.export.percent"),
      ],
    ];
    for (const result of results.questions) {
      rows.push([
        questionText(result.question.id),
        t("feedback:staff.export.answered"),
        count(result.answered),
        percent(result.answered),
      ]);
      rows.push([
        questionText(result.question.id),
        t("feedback:staff.export.skipped"),
        count(result.skipped),
        percent(result.skipped),
      ]);
      for (const option of result.options) {
        rows.push([
          questionText(result.question.id),
          t(choiceLabelKey(template.id, result.question, option.choice)),
          count(option.cell),
          percent(option.cell),
        ]);
      }
    }
  } else {
    rows = [[t("feedback:staff.export.question"), t("feedback:staff.export.text")]];
    for (const item of await listFreeText(campaign.id, "approved"))
      rows.push([questionText(item.questionId), item.redacted ?? ""]);
  }
  await recordExport(user, campaign, kind);
  // A byte-order mark so spreadsheet programs open the Albanian letters correctly.
  return new Response(`\uFEFF${stringify(rows)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${kind}-${campaign.slug}.csv"`,
    },
  });
}
