import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { CALL_FIELD_ORDER, CallFields } from "~/board/board-fields";
import { boardName } from "~/board/board-name";
import { updateCallCommand } from "~/board/board.commands.server";
import { CallSchema } from "~/board/board.schemas";
import { getBoard } from "~/board/boards.server";
import { getCall } from "~/board/calls.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField, ErrorSummary } from "~/ui/form-fields";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("board:staff.call.title");

async function loadCall(params: { boardId?: string; callId?: string }) {
  const call = await getCall(params.callId ?? "");
  const board = call && call.boardId === params.boardId ? await getBoard(call.boardId) : null;
  if (!call || !board) throw new Response("Not Found", { status: 404 });
  return { call, board };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { csrfToken, user } = await requireUser(request, "boards:manage");
  return {
    ...(await loadCall(params)),
    csrfToken,
    canReview: can(user.roles, "board_review:manage"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "boards:manage", formData);
  const { call, board } = await loadCall(params);
  const parsed = parseForm(CallSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  await updateCallCommand(user, call.id, parsed.data);
  const lang = getLangFromPath(new URL(request.url).pathname);
  return redirect(localePath(lang, `/staff/board/${board.id}?saved=1`));
}

export default function CallPage() {
  const { call, board, csrfToken, canReview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("board");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={CALL_FIELD_ORDER} />
      <p className="app-body">
        <Link to={localePath(lang, `/staff/board/${board.id}`)}>{boardName(board, lang)}</Link>
      </p>
      <h1 className="app-heading-l">{t("staff.call.title")}</h1>
      {canReview ? (
        <p className="app-body">
          <Link to={localePath(lang, `/staff/board/${board.id}/calls/${call.id}/review`)}>
            {t("review:call.title")}
          </Link>
        </p>
      ) : null}
      <Form method="post" noValidate className="app-narrow">
        <CsrfField token={csrfToken} />
        <CallFields
          values={
            actionData?.values ?? {
              opensOn: call.opensOn,
              closesOn: call.closesOn,
              blindMode: call.blindMode ? "on" : [],
            }
          }
          errors={actionData?.errors}
        />
        <button type="submit" className="app-button">
          {t("staff.call.save")}
        </button>
      </Form>
    </>
  );
}
