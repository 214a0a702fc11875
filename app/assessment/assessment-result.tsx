import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { scoresOf } from "./assessment-form";
import { AssessmentRevisions, type RevisionLink } from "./assessment-revisions";
import type { Assessment } from "./assessments.server";
import { SELF_ASSESSMENT } from "./instrument";
import type { Programme } from "./organisations.server";
import { improvementAreas, scoreAssessment, strengths } from "./scoring";
import { getLangFromPath, localePath } from "../i18n/lang";
import { BarChart } from "../ui/bar-chart";
import { CsrfField } from "../ui/form-fields";

/**
 * A completed self-assessment, made for print: total and sections (table and chart), strengths,
 * areas to improve, the evidence noted for each item, the CSV link and the way to revise it.
 */
export function AssessmentResult({
  programme,
  assessment,
  revisions,
  csrfToken,
}: {
  programme: Programme;
  assessment: Assessment;
  revisions: RevisionLink[];
  csrfToken: string;
}) {
  const { t } = useTranslation("assessment");
  const lang = getLangFromPath(useLocation().pathname);
  const scores = scoresOf(assessment.sheet);
  const result = scoreAssessment(scores);
  const strong = strengths(result);
  const weak = improvementAreas(scores);
  const sectionTitle = (id: string) => t(`instruments:survivor_informed.sections.${id}.title`);
  const itemText = (itemId: string) => t(`instruments:survivor_informed.items.${itemId}`);
  const scoreLabel = (itemId: string) => {
    const score = assessment.sheet.scores[itemId];
    return score === null || score === undefined
      ? t("assessment.notScored")
      : t(`instruments:survivor_informed.scale.${score}`);
  };
  return (
    <>
      <p className="app-body app-no-print">
        <Link to={localePath(lang, `/staff/programmes/${programme.id}`)}>{programme.name}</Link>
      </p>
      <p className="app-caption">{t("result.caption", { date: assessment.assessedOn })}</p>
      <h1 className="app-heading-l">{t("result.heading", { programme: programme.name })}</h1>
      <p className="app-body">
        {t("result.participants", { participants: assessment.participants })}
      </p>
      <p className="app-body-l">
        {t("result.totalLine", { score: result.total, max: result.max, percent: result.percent })}
      </p>
      <table className="app-table">
        <caption className="app-table__caption">{t("result.sectionsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("result.section")}</th>
            <th scope="col">{t("result.score")}</th>
            <th scope="col">{t("result.percent")}</th>
          </tr>
        </thead>
        <tbody>
          {result.sections.map((section) => (
            <tr key={section.id}>
              <th scope="row">{sectionTitle(section.id)}</th>
              <td>{t("result.ofMax", { score: section.score, max: section.max })}</td>
              <td>{t("result.percentValue", { percent: section.percent })}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t("result.total")}</th>
            <td>{t("result.ofMax", { score: result.total, max: result.max })}</td>
            <td>{t("result.percentValue", { percent: result.percent })}</td>
          </tr>
        </tbody>
      </table>
      <BarChart
        title={t("result.chartTitle")}
        max={100}
        bars={result.sections.map((section) => ({
          label: t(`instruments:survivor_informed.sections.${section.id}.short`),
          value: section.percent,
          valueText: t("result.ofMaxPercent", {
            score: section.score,
            max: section.max,
            percent: section.percent,
          }),
        }))}
      />
      <h2 className="app-heading-m">{t("result.strengths")}</h2>
      {strong.length === 0 ? (
        <p className="app-body">{t("result.noStrengths")}</p>
      ) : (
        <ul className="app-list app-list--bullet">
          {strong.map((id) => (
            <li key={id}>{sectionTitle(id)}</li>
          ))}
        </ul>
      )}
      <h2 className="app-heading-m">{t("result.improvements")}</h2>
      {weak.length === 0 ? (
        <p className="app-body">{t("result.noImprovements")}</p>
      ) : (
        <ul className="app-list app-list--bullet">
          {weak.map((area) => (
            <li key={area.itemId}>
              {itemText(area.itemId)}{" "}
              <span className="app-hint">
                {t("result.scoredAs", {
                  label: t(`instruments:survivor_informed.scale.${area.score}`),
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="evidence">
        <h2 className="app-heading-m" id="evidence">
          {t("result.evidence")}
        </h2>
        {SELF_ASSESSMENT.sections.map((section) => (
          <div key={section.id}>
            <h3 className="app-heading-s">{sectionTitle(section.id)}</h3>
            <dl className="app-summary-list app-evidence">
              {section.items.map((itemId) => (
                <div className="app-summary-list__row" key={itemId}>
                  <dt>
                    {itemText(itemId)}{" "}
                    <span className="app-hint">
                      {t("result.scoredAs", { label: scoreLabel(itemId) })}
                    </span>
                  </dt>
                  <dd className="app-evidence__note">
                    {assessment.sheet.notes[itemId] || t("result.noEvidence")}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </section>
      <p className="app-body app-no-print">
        <a href={localePath(lang, `/staff/assessments/${assessment.id}/export`)}>
          {t("result.export")}
        </a>
      </p>
      <Form method="post" className="app-no-print">
        <CsrfField token={csrfToken} />
        <p className="app-body">{t("revisions.lead")}</p>
        <button
          type="submit"
          name="intent"
          value="revise"
          className="app-button app-button--secondary"
        >
          {t("revisions.revise")}
        </button>
      </Form>
      <AssessmentRevisions currentId={assessment.id} revisions={revisions} />
    </>
  );
}
