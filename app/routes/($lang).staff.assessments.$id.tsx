import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import * as z from "zod";

import { parseScoreSheet } from "~/assessment/assessment-form";
import { AssessmentResult } from "~/assessment/assessment-result";
import { reviseAssessment, saveScores } from "~/assessment/assessment.commands.server";
import { NewAssessmentSchema } from "~/assessment/assessment.schemas";
import { getAssessment, listRevisions } from "~/assessment/assessments.server";
import { requireAssessment } from "~/assessment/organisation-access.server";
import { ScoringForm, type ScoringAnswer } from "~/assessment/scoring-form";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import {
  conflictingDraft,
  draftReturnAnchor,
  incompleteDraft,
  invalidDraft,
  readDraftIntent,
} from "~/ui/draft";
import { formValuesOf } from "~/ui/parse-form";

export const meta = titleMeta("assessment:assessment.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, assessment, csrfToken } = await requireAssessment(request, params.id);
  const url = new URL(request.url);
  const revisions = await listRevisions(assessment.id);
  return { programme, assessment, csrfToken, revisions, saved: url.searchParams.has("saved") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, assessment } = await requireAssessment(request, params.id, formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const here = localePath(lang, `/staff/assessments/${assessment.id}`);
  if (formData.get("intent") === "revise") {
    const revisionId = await reviseAssessment(user, assessment);
    throw redirect(localePath(lang, `/staff/assessments/${revisionId ?? assessment.id}`));
  }
  const { intent, anchor } = readDraftIntent(formData);
  const { sheet, errors } = parseScoreSheet(formData);
  // As they can be stored (decision 016: no NUL, no lone surrogate), the first of each.
  const field = (name: string) => formValuesOf(formData, name)[0];
  const details = NewAssessmentSchema.safeParse({
    assessedOn: field("assessedOn"),
    participants: field("participants"),
  });
  if (!details.success) {
    for (const issue of details.error.issues) errors[String(issue.path[0])] ??= issue.message;
  }
  const version = z.coerce.number().int().min(1).safeParse(formData.get("version"));
  if (!version.success) errors.form = "assessment:errors.form_invalid";
  const values = {
    sheet,
    assessedOn: field("assessedOn") ?? "",
    participants: field("participants") ?? "",
  };
  if (Object.keys(errors).length > 0 || !details.success || !version.success) {
    return data<ScoringAnswer>(invalidDraft(values, errors), { status: 400 });
  }
  const outcome = await saveScores(user, assessment.id, version.data, {
    ...details.data,
    sheet,
    complete: intent === "complete",
  });
  if (outcome.ok) return redirect(outcome.completed ? here : draftReturnAnchor(here, anchor));
  if (outcome.kind === "missing")
    return data<ScoringAnswer>(incompleteDraft(values, outcome.missing), { status: 400 });
  if (outcome.kind === "completed") throw redirect(here);
  // Someone saved this draft meanwhile: show both, lose neither.
  const current = await getAssessment(assessment.id);
  return data<ScoringAnswer>(
    conflictingDraft(values, current ? { current: current.sheet, version: current.version } : null),
    { status: 409 },
  );
}

export default function AssessmentPage() {
  const { programme, assessment, csrfToken, revisions, saved } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as ScoringAnswer | undefined;
  return assessment.status === "completed" ? (
    <AssessmentResult
      programme={programme}
      assessment={assessment}
      revisions={revisions}
      csrfToken={csrfToken}
    />
  ) : (
    <ScoringForm
      programme={programme}
      assessment={assessment}
      revisions={revisions}
      csrfToken={csrfToken}
      saved={saved}
      answer={answer}
    />
  );
}
