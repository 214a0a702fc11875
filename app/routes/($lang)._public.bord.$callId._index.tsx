import { type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { retentionMonths } from "~/board/applications.server";
import { loadPublicCall } from "~/board/apply.server";
import { CallPage } from "~/board/call-page";
import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("board:call.pageTitle");

export async function loader({ params }: LoaderFunctionArgs) {
  const publicCall = await loadPublicCall(params.callId ?? "");
  if (!publicCall) throw new Response("Not Found", { status: 404 });
  const { board, call, state } = publicCall;
  return {
    board: {
      name: board.name,
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
