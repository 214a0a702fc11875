import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { parseScoreSheet, type ScoreSheet } from "~/assessment/assessment-form";
import { listAssessorSheets, saveAssessorSheet } from "~/assessment/assessments.server";
import { allItems } from "~/assessment/instrument";
import { requireAssessment } from "~/assessment/organisation-access.server";
import { ScoreFields } from "~/assessment/score-fields";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField, ErrorSummaryBox } from "~/ui/form-fields";

export const meta = titleMeta("assessment:team.mineTitle");

function emptySheet(): ScoreSheet {
  const sheet: ScoreSheet = { scores: {}, notes: {} };
  for (const { itemId } of allItems()) {
    sheet.scores[itemId] = null;
    sheet.notes[itemId] = "";
  }
  return sheet;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, programme, assessment, csrfToken } = await requireAssessment(request, params.id);
  const lang = getLangFromPath(new URL(request.url).pathname);
  if (assessment.status === "completed")
    throw redirect(localePath(lang, `/staff/assessments/${assessment.id}`));
  const mine = (await listAssessorSheets(assessment.id)).find((s) => s.assessorId === user.id);
  return { programme, assessmentId: assessment.id, sheet: mine?.sheet ?? emptySheet(), csrfToken };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, assessment } = await requireAssessment(request, params.id, formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  if (assessment.status === "completed")
    throw redirect(localePath(lang, `/staff/assessments/${assessment.id}`));
  const { sheet, errors } = parseScoreSheet(formData);
  if (Object.keys(errors).length > 0) return data({ sheet, errors }, { status: 400 });
  await saveAssessorSheet(assessment.id, user.id, sheet);
  return redirect(localePath(lang, `/staff/assessments/${assessment.id}/compare`));
}

export default function MyScoresPage() {
  const { programme, assessmentId, sheet, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("assessment");
  const lang = getLangFromPath(useLocation().pathname);
  const errors = actionData?.errors ?? {};
  return (
    <>
      <ErrorSummaryBox
        items={Object.entries(errors).map(([field, message]) => ({
          href: `#${field}`,
          text: t(message, { count: 2000 }),
        }))}
      />
      <p className="app-body">
        <Link to={localePath(lang, `/staff/assessments/${assessmentId}`)}>{programme.name}</Link>
      </p>
      <h1 className="app-heading-l">{t("team.mineTitle")}</h1>
      <p className="app-body">{t("team.mineLead")}</p>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <ScoreFields sheet={actionData?.sheet ?? sheet} errors={errors} missing={[]} />
        <button type="submit" className="app-button">
          {t("team.saveMine")}
        </button>
      </Form>
    </>
  );
}
