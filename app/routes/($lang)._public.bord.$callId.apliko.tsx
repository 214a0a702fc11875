import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";

import {
  AlreadySentPage,
  ApplicationStepPage,
  SentPage,
  TooYoungPage,
} from "~/board/application-pages";
import { handleApplicationPost, loadPublicCall, startApplication } from "~/board/apply.server";
import { ClosedCallPage } from "~/board/call-page";
import { getLangFromPath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import type { RouteHandle } from "~/root";

// A neutral title: the page with the reference code may be printed or left open.
export const meta = titleMeta("board:apply.pageTitle");

// A language link would lose the answers typed so far: the call page offers the switch.
export const handle: RouteHandle = { languageSwitchInPage: true };

async function publicCallOf(callId: string | undefined) {
  const publicCall = await loadPublicCall(callId ?? "");
  if (!publicCall) throw new Response("Not Found", { status: 404 });
  return publicCall;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const outcome = startApplication(
    await publicCallOf(params.callId),
    getLangFromPath(new URL(request.url).pathname),
  );
  return data({ ...outcome, callId: params.callId ?? "" }, { status: outcome.status });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const outcome = await handleApplicationPost({
    publicCall: await publicCallOf(params.callId),
    formData: await request.formData(),
    lang: getLangFromPath(new URL(request.url).pathname),
    clientKey: context.clientKey,
  });
  return data({ ...outcome, callId: params.callId ?? "" }, { status: outcome.status });
}

export default function ApplyRoute() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const outcome = posted ?? loaded;
  switch (outcome.kind) {
    case "closed":
    case "busy":
      return <ClosedCallPage state={outcome.kind === "busy" ? "busy" : outcome.state} />;
    case "too_young":
      return <TooYoungPage callId={outcome.callId} />;
    case "sent":
      return <SentPage reference={outcome.reference} passphrase={outcome.passphrase} />;
    case "already_sent":
      return <AlreadySentPage />;
    case "step":
      return <ApplicationStepPage view={outcome.view} />;
  }
}
