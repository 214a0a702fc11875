import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { parseScoreSheet, scoresOf, type ScoreSheet } from "~/assessment/assessment-form";
import { reviseAssessment, saveScores } from "~/assessment/assessment.commands.server";
import { NewAssessmentSchema } from "~/assessment/assessment.schemas";
import { getAssessment, listRevisions } from "~/assessment/assessments.server";
import { requireAssessment } from "~/assessment/organisation-access.server";
import { ScoreFields } from "~/assessment/score-fields";
import { improvementAreas, scoreAssessment, strengths } from "~/assessment/scoring";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { BarChart } from "~/ui/bar-chart";
import { CsrfField, ErrorSummaryBox, TextField } from "~/ui/form-fields";
import type { FieldErrors } from "~/ui/parse-form";

export const meta = titleMeta("assessment:assessment.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, assessment, csrfToken } = await requireAssessment(request, params.id);
  const url = new URL(request.url);
  const revisions = await listRevisions(assessment.id);
  return { programme, assessment, csrfToken, revisions, saved: url.searchParams.has("saved") };
}

type ActionData = {
  errors: FieldErrors;
  missing: string[];
  sheet: ScoreSheet;
  assessedOn: string;
  participants: string;
  conflict: { current: ScoreSheet; version: number } | null;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, assessment } = await requireAssessment(request, params.id, formData);
  if (formData.get("intent") === "revise") {
    const revisionId = await reviseAssessment(user, assessment);
    const target = revisionId ?? assessment.id;
    throw redirect(
      localePath(getLangFromPath(new URL(request.url).pathname), `/staff/assessments/${target}`),
    );
  }
  const { sheet, errors } = parseScoreSheet(formData);
  const details = NewAssessmentSchema.safeParse({
    assessedOn: formData.get("assessedOn"),
    participants: formData.get("participants"),
  });
  if (!details.success) {
    for (const issue of details.error.issues) errors[String(issue.path[0])] ??= issue.message;
  }
  const version = z.coerce.number().int().min(1).safeParse(formData.get("version"));
  const base = {
    sheet,
    assessedOn: String(formData.get("assessedOn") ?? ""),
    participants: String(formData.get("participants") ?? ""),
  };
  if (!version.success) errors.form = "assessment:errors.form_invalid";
  if (Object.keys(errors).length > 0 || !details.success || !version.success) {
    return data<ActionData>({ ...base, errors, missing: [], conflict: null }, { status: 400 });
  }
  const complete = formData.get("intent") === "complete";
  const outcome = await saveScores(user, assessment.id, version.data, {
    ...details.data,
    sheet,
    complete,
  });
  const lang = getLangFromPath(new URL(request.url).pathname);
  if (outcome.ok)
    return redirect(
      localePath(lang, `/staff/assessments/${assessment.id}${outcome.completed ? "" : "?saved=1"}`),
    );
  if (outcome.kind === "missing")
    return data<ActionData>(
      { ...base, errors: {}, missing: outcome.missing, conflict: null },
      { status: 400 },
    );
  if (outcome.kind === "completed")
    throw redirect(localePath(lang, `/staff/assessments/${assessment.id}`));
  // Someone saved this draft meanwhile: show both, lose neither.
  const current = await getAssessment(assessment.id);
  return data<ActionData>(
    {
      ...base,
      errors: {},
      missing: [],
      conflict: current ? { current: current.sheet, version: current.version } : null,
    },
    { status: 409 },
  );
}

export default function AssessmentPage() {
  const { assessment } = useLoaderData<typeof loader>();
  return assessment.status === "completed" ? <AssessmentResult /> : <ScoringForm />;
}

function ScoringForm() {
  const { programme, assessment, csrfToken, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("assessment");
  const lang = getLangFromPath(useLocation().pathname);
  const sheet = actionData?.sheet ?? assessment.sheet;
  const version = actionData?.conflict?.version ?? assessment.version;
  const errors = actionData?.errors ?? {};
  const itemText = (itemId: string) => t(`instruments:survivor_informed.items.${itemId}`);
  const problems = [
    ...Object.entries(errors).map(([field, message]) => ({
      href: `#${field === "form" ? "scoring" : field}`,
      text: t(message, { count: 2000 }),
    })),
    ...(actionData?.missing ?? []).map((itemId) => ({
      href: `#score-${itemId}`,
      text: t("errors.missing_score", { item: itemText(itemId) }),
    })),
  ];
  return (
    <>
      <ErrorSummaryBox
        items={problems}
        title={
          actionData?.missing.length
            ? t("assessment.missingTitle", { count: actionData.missing.length })
            : undefined
        }
      />
      {actionData?.conflict ? (
        <div className="app-warning" role="alert">
          <p className="app-body">{t("assessment.conflict")}</p>
        </div>
      ) : null}
      {saved && !actionData ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("assessment.saved")}</p>
        </div>
      ) : null}
      <p className="app-body">
        <Link to={localePath(lang, `/staff/programmes/${programme.id}`)}>{programme.name}</Link>
      </p>
      <h1 className="app-heading-l">{t("instruments:survivor_informed.title")}</h1>
      {assessment.revisionOf ? (
        <div className="app-inset">
          <p className="app-body">{t("revisions.draftNote")}</p>
        </div>
      ) : null}
      <Revisions />
      <p className="app-body">
        <Link to={localePath(lang, `/staff/assessments/${assessment.id}/compare`)}>
          {t("team.link")}
        </Link>
      </p>
      {(
        t("instruments:survivor_informed.instructions.paragraphs", {
          returnObjects: true,
        }) as string[]
      ).map((paragraph) => (
        <p className="app-body" key={paragraph}>
          {paragraph}
        </p>
      ))}
      <Form
        method="post"
        noValidate
        id="scoring"
        key={`${version}-${actionData ? "posted" : "loaded"}`}
      >
        <CsrfField token={csrfToken} />
        <input type="hidden" name="version" value={version} />
        <TextField
          name="assessedOn"
          type="date"
          label={t("fields.assessedOn")}
          defaultValue={actionData?.assessedOn ?? assessment.assessedOn}
          error={errors.assessedOn}
        />
        <TextField
          name="participants"
          label={t("fields.participants")}
          hint={t("fields.participantsHint")}
          defaultValue={actionData?.participants ?? assessment.participants}
          error={errors.participants}
        />
        <ScoreFields
          sheet={sheet}
          errors={errors}
          missing={actionData?.missing ?? []}
          theirs={actionData?.conflict?.current}
        />
        <div className="app-button-group">
          <button
            type="submit"
            name="intent"
            value="save"
            className="app-button app-button--secondary"
          >
            {t("assessment.saveDraft")}
          </button>
          <button type="submit" name="intent" value="complete" className="app-button">
            {t("assessment.complete")}
          </button>
        </div>
      </Form>
    </>
  );
}

function Revisions() {
  const { assessment, revisions } = useLoaderData<typeof loader>();
  const { t } = useTranslation("assessment");
  const lang = getLangFromPath(useLocation().pathname);
  if (revisions.length < 2) return null;
  return (
    <section aria-labelledby="revisions" className="app-no-print">
      <h2 className="app-heading-m" id="revisions">
        {t("revisions.heading")}
      </h2>
      <ul className="app-list">
        {revisions.map((revision) => (
          <li key={revision.id}>
            {revision.id === assessment.id ? (
              <strong>{t("revisions.thisOne", { number: revision.number })}</strong>
            ) : (
              <Link to={localePath(lang, `/staff/assessments/${revision.id}`)}>
                {t("revisions.item", { number: revision.number })}
              </Link>
            )}{" "}
            <span className="app-hint">{t(`revisions.status.${revision.status}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AssessmentResult() {
  const { programme, assessment, csrfToken } = useLoaderData<typeof loader>();
  const { t } = useTranslation("assessment");
  const lang = getLangFromPath(useLocation().pathname);
  const scores = scoresOf(assessment.sheet);
  const result = scoreAssessment(scores);
  const strong = strengths(result);
  const weak = improvementAreas(scores);
  const sectionTitle = (id: string) => t(`instruments:survivor_informed.sections.${id}.title`);
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
              {t(`instruments:survivor_informed.items.${area.itemId}`)}{" "}
              <span className="app-hint">
                {t("result.scoredAs", {
                  label: t(`instruments:survivor_informed.scale.${area.score}`),
                })}
              </span>
              {assessment.sheet.notes[area.itemId] ? (
                <p className="app-hint">{assessment.sheet.notes[area.itemId]}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
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
      <Revisions />
    </>
  );
}
