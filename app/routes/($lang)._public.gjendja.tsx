import { data, type ActionFunctionArgs } from "@remix-run/node";
import { useActionData } from "@remix-run/react";

import { ResetSentPage, StatusPage, StatusSignInPage, WithdrawnPage } from "~/board/status-pages";
import { handleStatusPost } from "~/board/status.server";
import { getLangFromPath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("board:status.pageTitle");

export async function action({ request, context }: ActionFunctionArgs) {
  const outcome = await handleStatusPost({
    formData: await request.formData(),
    lang: getLangFromPath(new URL(request.url).pathname),
    clientKey: context.clientKey,
  });
  return data(outcome, { status: outcome.status });
}

export default function StatusRoute() {
  const outcome = useActionData<typeof action>();
  if (!outcome) return <StatusSignInPage error={null} reference="" />;
  switch (outcome.kind) {
    case "sign_in":
      return <StatusSignInPage error={outcome.error} reference={outcome.reference} />;
    case "status":
      return <StatusPage view={outcome.view} />;
    case "withdrawn":
      return <WithdrawnPage />;
    case "reset_sent":
      return <ResetSentPage />;
  }
}
