import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireCampaign } from "~/feedback/campaign-access.server";
import { campaignText } from "~/feedback/campaign.schemas";
import { openResults } from "~/feedback/feedback.commands.server";
import { listFreeText } from "~/feedback/responses.server";
import {
  buildResults,
  cellText,
  countShownQuestions,
  questionShown,
  responseBreakdown,
  responsesIn,
  type Cell,
  type QuestionResult,
} from "~/feedback/results";
import { choiceLabelKey } from "~/feedback/template.schema";
import { getTemplate } from "~/feedback/templates";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { BarChart } from "~/ui/bar-chart";

export const meta = titleMeta("feedback:staff.results.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, campaign } = await requireCampaign(request, params.id);
  const template = getTemplate(campaign.templateId, campaign.templateVersion);
  if (!template) throw new Response("Not Found", { status: 404 });
  const k = campaign.minGroupSize;
  const published = await openResults(user, campaign);
  // Everything on this page comes from the one published set of counts (results.ts).
  const results = buildResults(template, campaign.sections, published.tallies, k);
  const bySelf = buildResults(
    template,
    campaign.sections,
    published.tallies,
    k,
    (t) => t.respondent_mode === "self",
  );
  const byInterview = buildResults(
    template,
    campaign.sections,
    published.tallies,
    k,
    (t) => t.respondent_mode === "interview",
  );
  const comparison =
    bySelf.ready && byInterview.ready ? { self: bySelf, interview: byInterview } : null;
  const approved = results.ready ? await listFreeText(campaign.id, "approved") : [];
  return {
    campaign: {
      id: campaign.id,
      // The reader's language, as on the campaign page (the audit log names it the same way).
      title: campaignText(campaign, getLangFromPath(new URL(request.url).pathname)).title,
      templateId: campaign.templateId,
      templateVersion: campaign.templateVersion,
      sections: campaign.sections,
    },
    results,
    published: responsesIn(published.tallies),
    received: published.received,
    comparison,
    byLanguage: responseBreakdown(published.tallies, "language", k),
    byMode: responseBreakdown(published.tallies, "respondent_mode", k),
    approvedText: approved.map((item) => ({
      id: item.id,
      questionId: item.questionId,
      text: item.redacted ?? "",
    })),
  };
}

export default function ResultsPage() {
  const { campaign, results, published, received, comparison, byLanguage, byMode, approvedText } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation("feedback");
  const lang = getLangFromPath(useLocation().pathname);
  const template = getTemplate(campaign.templateId, campaign.templateVersion)!;
  const base = `/staff/feedback/${campaign.id}`;
  const textOf = (cell: Cell) => cellText(cell, results.k, t);

  return (
    <>
      <p className="app-body app-no-print">
        <Link to={localePath(lang, base)}>{t("staff.results.back")}</Link>
      </p>
      <h1 className="app-heading-l">{t("staff.results.heading", { title: campaign.title })}</h1>
      {!results.ready ? (
        <div className="app-inset">
          <p className="app-body">{t("staff.results.notEnough", { k: results.k })}</p>
        </div>
      ) : (
        <>
          <div className="app-inset app-results-summary" data-testid="results-summary">
            <p className="app-body-l">
              {published < received
                ? t("staff.results.summary.includedOf", { published, count: received })
                : t("staff.results.summary.included", { count: results.responses })}
            </p>
            <p className="app-body">
              {t("staff.results.summary.questions", {
                shown: countShownQuestions(results.questions),
                count: results.questions.length,
              })}
            </p>
          </div>
          <p className="app-body app-hint">{t("staff.results.moveOn", { count: results.k })}</p>
          <p className="app-body app-hint">
            {t("staff.results.suppressionNote", { count: results.k })}
          </p>
          <ul className="app-list app-no-print">
            <li>
              <a href={localePath(lang, `${base}/export?kind=aggregates`)}>
                {t("staff.results.exportAggregates")}
              </a>
            </li>
            <li>
              <a href={localePath(lang, `${base}/export?kind=free-text`)}>
                {t("staff.results.exportFreeText")}
              </a>
            </li>
          </ul>
          {[byLanguage, byMode].map((breakdown, index) => (
            <p className="app-body" key={index === 0 ? "language" : "mode"}>
              {breakdown
                ? breakdown.groups
                    .map((g) =>
                      t(`staff.results.group.${breakdown.dimension}.${g.value}`, {
                        count: g.count,
                      }),
                    )
                    .join(" · ")
                : t(index === 0 ? "staff.results.languageHidden" : "staff.results.modeHidden", {
                    count: results.k,
                  })}
            </p>
          ))}
          {results.questions.map((result) => (
            <QuestionBlock
              key={result.question.id}
              result={result}
              templateId={template.id}
              cellText={textOf}
              approvedText={approvedText}
            />
          ))}
          {comparison ? (
            <section aria-labelledby="comparison">
              <h2 className="app-heading-m" id="comparison">
                {t("staff.results.comparisonHeading")}
              </h2>
              <table className="app-table">
                <caption className="app-table__caption">
                  {t("staff.results.comparisonCaption")}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("staff.results.question")}</th>
                    <th scope="col">{t("staff.respondent.self")}</th>
                    <th scope="col">{t("staff.respondent.interview")}</th>
                  </tr>
                </thead>
                <tbody>
                  {comparison.self.questions.flatMap((selfResult, qIndex) =>
                    selfResult.options.map((option, oIndex) => (
                      <tr key={`${selfResult.question.id}-${option.choice}`}>
                        <td>
                          {t(
                            `questionnaires:${template.id}.questions.${selfResult.question.id}.text`,
                          )}
                          : {t(choiceLabelKey(template.id, selfResult.question, option.choice))}
                        </td>
                        <td>{textOf(option.cell)}</td>
                        <td>
                          {textOf(comparison.interview.questions[qIndex]!.options[oIndex]!.cell)}
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </section>
          ) : (
            <p className="app-body">{t("staff.results.comparisonHidden", { count: results.k })}</p>
          )}
        </>
      )}
    </>
  );
}

function QuestionBlock({
  result,
  templateId,
  cellText,
  approvedText,
}: {
  result: QuestionResult;
  templateId: string;
  cellText: (cell: Cell) => string;
  approvedText: { id: string; questionId: string; text: string }[];
}) {
  const { t } = useTranslation("feedback");
  const text = t(`questionnaires:${templateId}.questions.${result.question.id}.text`);
  const quotes = approvedText.filter((item) => item.questionId === result.question.id);
  if (!questionShown(result))
    return (
      <section
        className="app-result app-result--folded"
        aria-labelledby={`r-${result.question.id}`}
      >
        <h2 className="app-heading-s" id={`r-${result.question.id}`}>
          {text}
        </h2>
        <p className="app-body app-hint">
          {result.answered.suppressed
            ? t("staff.results.folded.allHidden")
            : t("staff.results.folded.answersHidden", {
                answered: cellText(result.answered),
                skipped: cellText(result.skipped),
              })}
        </p>
        <Quotes quotes={quotes} />
      </section>
    );
  const max = Math.max(1, ...result.options.map((o) => (o.cell.suppressed ? 0 : o.cell.count)));
  return (
    <section className="app-result" aria-labelledby={`r-${result.question.id}`}>
      <h2 className="app-heading-s" id={`r-${result.question.id}`}>
        {text}
      </h2>
      <p className="app-body app-hint">
        {t("staff.results.answered", { value: cellText(result.answered) })} ·{" "}
        {t("staff.results.skipped", { value: cellText(result.skipped) })}
      </p>
      {result.options.length > 0 ? (
        <BarChart
          title={text}
          max={max}
          bars={result.options.map((option) => ({
            label: t(choiceLabelKey(templateId, result.question, option.choice)),
            value: option.cell.suppressed ? null : option.cell.count,
            valueText: cellText(option.cell),
          }))}
        />
      ) : null}
      <Quotes quotes={quotes} />
    </section>
  );
}

/** Approved (redacted) free-text answers to one question. */
function Quotes({ quotes }: { quotes: { id: string; text: string }[] }) {
  if (quotes.length === 0) return null;
  return (
    <ul className="app-quotes">
      {quotes.map((quote) => (
        <li key={quote.id}>
          <blockquote className="app-quote">{quote.text}</blockquote>
        </li>
      ))}
    </ul>
  );
}
