import { type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { retentionMonths } from "~/board/applications.server";
import { loadPublicCall } from "~/board/apply.server";
import { boardName } from "~/board/board-name";
import { CallPage } from "~/board/call-page";
import { getLangFromPath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("board:call.pageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const publicCall = await loadPublicCall(params.callId ?? "");
  if (!publicCall) throw new Response("Not Found", { status: 404 });
  const { board, call, state } = publicCall;
  return {
    board: {
      name: boardName(board, getLangFromPath(new URL(request.url).pathname)),
      areas: board.areas,
      areasOther: board.areasOther,
      residenceRule: board.residenceRule,
      mandateMonths: board.mandateMonths,
    },
    call: { id: call.id, opensOn: call.opensOn, closesOn: call.closesOn },
    state,
    retentionMonths: retentionMonths(),
  };
}

export default function CallRoute() {
  return <CallPage data={useLoaderData<typeof loader>()} />;
}
