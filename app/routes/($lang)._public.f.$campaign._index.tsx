import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";

import { getPublicCampaignBySlug } from "~/feedback/campaigns.server";
import { CodeEntryPage, NotOpenPage } from "~/feedback/public-views";
import { QuestionnairePage } from "~/feedback/questionnaire-page";
import {
  handleQuestionnairePost,
  startQuestionnaire,
  type Outcome,
} from "~/feedback/questionnaire.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import type { RouteHandle } from "~/root";

export const meta = titleMeta("feedback:questionnaire.pageTitle");

// Every page of this route carries its own language switch (the questionnaire's keeps answers).
export const handle: RouteHandle = { languageSwitchInPage: true };

type Shown = Exclude<Outcome, { kind: "redirect" } | { kind: "other_language" }>;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // After a POST the page shows the action's outcome: an introduction made here (with a fresh
  // form nonce, an HMAC) would be thrown away (issue 17: about 3 % of a section page).
  if (context.answeredByAction) return data({ kind: "answered_by_action" } as const);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const outcome = startQuestionnaire(await getPublicCampaignBySlug(params.campaign ?? ""), lang);
  if (outcome.kind === "other_language")
    throw redirect(localePath(outcome.to, `/f/${params.campaign}`));
  if (outcome.kind === "redirect") throw redirect(localePath(lang, `/f/${params.campaign}/thanks`));
  return data(outcome, { status: outcome.status });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = getLangFromPath(new URL(request.url).pathname);
  const outcome = await handleQuestionnairePost({
    campaign: await getPublicCampaignBySlug(params.campaign ?? ""),
    lang,
    formData: await request.formData(),
    // Read only by a submit (the per-client limit): the keyed hash is made then, not per page.
    get clientKey() {
      return context.clientKey;
    },
  });
  if (outcome.kind === "redirect") throw redirect(localePath(lang, `/f/${params.campaign}/thanks`));
  if (outcome.kind === "other_language")
    throw redirect(localePath(outcome.to, `/f/${params.campaign}`));
  context.answeredByAction = true;
  return data(outcome, { status: outcome.status });
}

export default function QuestionnaireRoute() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const outcome = (posted ?? loaded) as Shown;
  if (outcome.kind === "not_open")
    return <NotOpenPage answersNotSent={outcome.answersNotSent === true} />;
  if (outcome.kind === "code")
    return <CodeEntryPage campaign={outcome.campaign} error={outcome.error} code={outcome.code} />;
  return <QuestionnairePage view={outcome.view} />;
}
