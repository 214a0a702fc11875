import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { BOARD_FIELD_ORDER, BoardFields, CALL_FIELD_ORDER, CallFields } from "~/board/board-fields";
import { boardName } from "~/board/board-name";
import { createCallCommand, updateBoardCommand } from "~/board/board.commands.server";
import { BoardSchema, CallSchema } from "~/board/board.schemas";
import { getBoard } from "~/board/boards.server";
import { callState, countApplicationsByCall, listCalls } from "~/board/calls.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { BoardMeetingsSummary } from "~/meetings/board-meetings-summary";
import { countMeetingsInYear } from "~/meetings/meetings.server";
import { localToday } from "~/platform/calendar.server";
import { CsrfField, ErrorSummary } from "~/ui/form-fields";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("board:staff.board.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, csrfToken } = await requireUser(request, "boards:manage");
  const board = await getBoard(params.boardId ?? "");
  if (!board) throw new Response("Not Found", { status: 404 });
  const today = localToday();
  const calls = (await listCalls(board.id)).map((call) => ({
    ...call,
    state: callState(call, today),
  }));
  return {
    board,
    calls,
    applications: await countApplicationsByCall(board.id),
    meetings: await countMeetingsInYear(board.id, Number(today.slice(0, 4))),
    // Meetings themselves are for the secretariat (an admin sees the counts only).
    canSchedule: can(user.roles, "meetings:schedule"),
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "boards:manage", formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const boardId = params.boardId ?? "";
  if (formData.get("intent") === "call") {
    const parsed = parseForm(CallSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok)
      return data({ form: "call", values: parsed.values, errors: parsed.errors }, { status: 400 });
    const result = await createCallCommand(user, boardId, parsed.data);
    if (!result.ok) throw new Response("Not Found", { status: 404 });
    return redirect(localePath(lang, `/staff/board/${boardId}`));
  }
  const parsed = parseForm(BoardSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok)
    return data({ form: "board", values: parsed.values, errors: parsed.errors }, { status: 400 });
  const result = await updateBoardCommand(user, boardId, parsed.data);
  if (!result.ok) throw new Response("Not Found", { status: 404 });
  return redirect(localePath(lang, `/staff/board/${boardId}?saved=1`));
}

export default function BoardPage() {
  const { board, calls, applications, meetings, canSchedule, csrfToken } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("board");
  const location = useLocation();
  const lang = getLangFromPath(location.pathname);
  const saved = new URLSearchParams(location.search).has("saved");
  const boardValues =
    actionData?.form === "board"
      ? actionData.values
      : {
          name: board.name,
          nameEn: board.nameEn,
          areas: board.areas,
          areasOther: board.areasOther,
          residenceRule: board.residenceRule,
          mandateMonths: String(board.mandateMonths),
        };
  return (
    <>
      <ErrorSummary
        errors={actionData?.errors}
        fieldOrder={actionData?.form === "call" ? CALL_FIELD_ORDER : BOARD_FIELD_ORDER}
      />
      {saved ? (
        <div className="app-notification" role="status">
          <p className="app-body">{t("staff.board.saved")}</p>
        </div>
      ) : null}
      <p className="app-body">
        <Link to={localePath(lang, "/staff/board")}>{t("staff.boards.back")}</Link>
      </p>
      <h1 className="app-heading-l">{boardName(board, lang)}</h1>
      <BoardMeetingsSummary boardId={board.id} canSchedule={canSchedule} {...meetings} />
      <section aria-labelledby="calls-heading">
        <h2 className="app-heading-m" id="calls-heading">
          {t("staff.calls.title")}
        </h2>
        {calls.length === 0 ? (
          <p className="app-body">{t("staff.calls.empty")}</p>
        ) : (
          <table className="app-table">
            <thead>
              <tr>
                <th scope="col">{t("staff.calls.dates")}</th>
                <th scope="col">{t("staff.calls.state")}</th>
                <th scope="col">{t("staff.calls.applications")}</th>
                <th scope="col">{t("staff.calls.publicPage")}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => (
                <tr key={call.id}>
                  <td>
                    <Link to={localePath(lang, `/staff/board/${board.id}/calls/${call.id}`)}>
                      {t("staff.calls.range", { from: call.opensOn, to: call.closesOn })}
                    </Link>
                  </td>
                  <td>{t(`staff.calls.states.${call.state}`)}</td>
                  <td>{applications[call.id] ?? 0}</td>
                  <td>
                    <a href={localePath(lang, `/bord/${call.id}`)}>{t("staff.calls.open")}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3 className="app-heading-s">{t("staff.calls.create")}</h3>
        <Form method="post" noValidate className="app-narrow">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="call" />
          <CallFields
            values={actionData?.form === "call" ? actionData.values : { blindMode: "on" }}
            errors={actionData?.form === "call" ? actionData.errors : undefined}
          />
          <button type="submit" className="app-button">
            {t("staff.calls.createSubmit")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="board-edit" className="app-narrow">
        <h2 className="app-heading-m" id="board-edit">
          {t("staff.board.edit")}
        </h2>
        <Form method="post" noValidate>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="board" />
          <BoardFields
            values={boardValues}
            errors={actionData?.form === "board" ? actionData.errors : undefined}
          />
          <button type="submit" className="app-button">
            {t("staff.board.save")}
          </button>
        </Form>
      </section>
    </>
  );
}
