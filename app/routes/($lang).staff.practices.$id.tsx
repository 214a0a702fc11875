import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";

import { parsePracticeForm } from "~/assessment/good-practice-form";
import {
  getGoodPractice,
  requirePractice,
  saveGoodPractice,
} from "~/assessment/good-practices.server";
import { PracticeForm, type PracticeAnswer } from "~/assessment/practice-form";
import { PracticeView } from "~/assessment/practice-view";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import {
  conflictingDraft,
  draftReturnAnchor,
  incompleteDraft,
  invalidDraft,
  readDraftIntent,
} from "~/ui/draft";

/**
 * One good practice (Annex 1.1): while a draft, the form with the 10 questions (save a draft
 * at any point; completing needs every answer); once completed, a read-only page made for print.
 */
export const meta = titleMeta("practices:practice.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { practice, organisation, csrfToken } = await requirePractice(request, params.id);
  const url = new URL(request.url);
  return { practice, organisation, csrfToken, saved: url.searchParams.has("saved") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, practice } = await requirePractice(request, params.id, formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const here = localePath(lang, `/staff/practices/${practice.id}`);
  if (practice.status === "completed") throw redirect(here);
  const parsed = parsePracticeForm(formData);
  if (!parsed.ok) {
    return data<PracticeAnswer>(invalidDraft(parsed.values, parsed.errors), { status: 400 });
  }
  const outcome = await saveGoodPractice(user, practice.id, parsed.version, {
    ...parsed.content,
    complete: parsed.intent === "complete",
  });
  if (outcome.ok)
    return redirect(
      outcome.completed ? here : draftReturnAnchor(here, readDraftIntent(formData).anchor),
    );
  if (outcome.kind === "missing") {
    return data<PracticeAnswer>(incompleteDraft(parsed.content, outcome.missing), {
      status: 400,
    });
  }
  if (outcome.kind === "completed") throw redirect(here);
  if (outcome.kind === "not_found") throw new Response("Not Found", { status: 404 });
  // Someone saved this draft meanwhile: show both, lose neither.
  const current = await getGoodPractice(practice.id);
  return data<PracticeAnswer>(
    conflictingDraft(
      parsed.content,
      current
        ? {
            current: {
              title: current.title,
              description: current.description,
              answers: current.answers,
            },
            version: current.version,
          }
        : null,
    ),
    { status: 409 },
  );
}

export default function PracticePage() {
  const { practice, organisation, csrfToken, saved } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as PracticeAnswer | undefined;
  return practice.status === "completed" ? (
    <PracticeView practice={practice} organisation={organisation} />
  ) : (
    <PracticeForm
      practice={practice}
      organisation={organisation}
      csrfToken={csrfToken}
      saved={saved}
      answer={answer}
    />
  );
}
