import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { BOARD_FIELD_ORDER, BoardFields } from "~/board/board-fields";
import { boardName } from "~/board/board-name";
import { createBoardCommand } from "~/board/board.commands.server";
import { BoardSchema } from "~/board/board.schemas";
import { listBoards } from "~/board/boards.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField, ErrorSummary } from "~/ui/form-fields";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("board:staff.boards.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { csrfToken } = await requireUser(request, "boards:manage");
  const lang = getLangFromPath(new URL(request.url).pathname);
  return { boards: await listBoards(undefined, lang), csrfToken };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "boards:manage", formData);
  const parsed = parseForm(BoardSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok) return data({ values: parsed.values, errors: parsed.errors }, { status: 400 });
  const result = await createBoardCommand(user, parsed.data);
  if (!result.ok) throw new Response("Not Found", { status: 404 });
  const lang = getLangFromPath(new URL(request.url).pathname);
  return redirect(localePath(lang, `/staff/board/${result.value}`));
}

export default function BoardsPage() {
  const { boards, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("board");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={BOARD_FIELD_ORDER} />
      <h1 className="app-heading-l">{t("staff.boards.title")}</h1>
      <p className="app-body">{t("staff.boards.lead")}</p>
      {boards.length === 0 ? (
        <p className="app-body">{t("staff.boards.empty")}</p>
      ) : (
        <ul className="app-campaign-list">
          {boards.map((board) => (
            <li key={board.id} className="app-campaign-list__item">
              <Link
                to={localePath(lang, `/staff/board/${board.id}`)}
                className="app-campaign-list__link"
              >
                {boardName(board, lang)}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="new-board" className="app-narrow">
        <h2 className="app-heading-m" id="new-board">
          {t("staff.boards.create")}
        </h2>
        <Form method="post" noValidate>
          <CsrfField token={csrfToken} />
          <BoardFields
            values={
              actionData?.values ?? { residenceRule: "citizen_or_resident", mandateMonths: "24" }
            }
            errors={actionData?.errors}
          />
          <button type="submit" className="app-button">
            {t("staff.boards.createSubmit")}
          </button>
        </Form>
      </section>
    </>
  );
}
