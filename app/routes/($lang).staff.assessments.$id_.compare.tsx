import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import * as z from "zod";

import { scoresOf } from "~/assessment/assessment-form";
import { adoptUnanimousScores } from "~/assessment/assessment.commands.server";
import { listAssessorSheets } from "~/assessment/assessments.server";
import { requireAssessment } from "~/assessment/organisation-access.server";
import { disagreements, suggestedConsensus, type ItemScores } from "~/assessment/scoring";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField } from "~/ui/form-fields";

export const meta = titleMeta("assessment:team.compareTitle");

async function teamScores(assessmentId: string) {
  const sheets = await listAssessorSheets(assessmentId);
  const byAssessor: Record<string, ItemScores> = {};
  for (const sheet of sheets) byAssessor[sheet.assessorId] = scoresOf(sheet.sheet);
  return { sheets, byAssessor };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, assessment, csrfToken } = await requireAssessment(request, params.id);
  const { sheets, byAssessor } = await teamScores(assessment.id);
  return {
    programme,
    assessment: { id: assessment.id, status: assessment.status, version: assessment.version },
    assessors: sheets.map((s) => ({ id: s.assessorId, name: s.name })),
    disagreements: disagreements(byAssessor),
    agreedCount: Object.keys(suggestedConsensus(byAssessor)).length,
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, assessment } = await requireAssessment(request, params.id, formData);
  const version = z.coerce.number().int().min(1).safeParse(formData.get("version"));
  if (!version.success) return data({ problem: "conflict" as const }, { status: 400 });
  const { byAssessor } = await teamScores(assessment.id);
  const outcome = await adoptUnanimousScores(user, assessment, version.data, byAssessor);
  if (!outcome.ok)
    return data(
      { problem: outcome.kind === "completed" ? ("completed" as const) : ("conflict" as const) },
      { status: 409 },
    );
  return redirect(
    localePath(
      getLangFromPath(new URL(request.url).pathname),
      `/staff/assessments/${assessment.id}?saved=1`,
    ),
  );
}

export default function ComparePage() {
  const {
    programme,
    assessment,
    assessors,
    disagreements: items,
    agreedCount,
    csrfToken,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("assessment");
  const lang = getLangFromPath(useLocation().pathname);
  const scoreLabel = (score: number | null | undefined) =>
    score === null || score === undefined
      ? t("assessment.notScored")
      : t(`instruments:survivor_informed.scale.${score}`);
  return (
    <>
      {actionData?.problem ? (
        <div className="app-warning" role="alert">
          <p className="app-body">{t(`team.problem.${actionData.problem}`)}</p>
        </div>
      ) : null}
      <p className="app-body">
        <Link to={localePath(lang, `/staff/assessments/${assessment.id}`)}>{programme.name}</Link>
      </p>
      <h1 className="app-heading-l">{t("team.compareTitle")}</h1>
      <p className="app-body">{t("team.compareLead")}</p>
      <p className="app-body">
        <Link to={localePath(lang, `/staff/assessments/${assessment.id}/mine`)}>
          {t("team.scoreMine")}
        </Link>
      </p>
      {assessors.length < 2 ? (
        <p className="app-body">{t("team.needTwo", { count: assessors.length })}</p>
      ) : (
        <>
          <p className="app-body">
            {t("team.assessors", { names: assessors.map((a) => a.name).join(", ") })}
          </p>
          {items.length === 0 ? (
            <p className="app-body">{t("team.allAgree")}</p>
          ) : (
            <table className="app-table">
              <caption className="app-table__caption">
                {t("team.disagreementsCaption", { count: items.length })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("team.item")}</th>
                  {assessors.map((assessor) => (
                    <th scope="col" key={assessor.id}>
                      {assessor.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.itemId}>
                    <th scope="row">{t(`instruments:survivor_informed.items.${item.itemId}`)}</th>
                    {assessors.map((assessor) => (
                      <td key={assessor.id}>{scoreLabel(item.scores[assessor.id])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {assessment.status === "draft" ? (
            <Form method="post">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="version" value={assessment.version} />
              <p className="app-body">{t("team.adoptLead", { count: agreedCount })}</p>
              <button type="submit" className="app-button">
                {t("team.adopt")}
              </button>
            </Form>
          ) : null}
        </>
      )}
    </>
  );
}
