import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { boardName } from "~/board/board-name";
import { requireCallForReviewer } from "~/board/review-access.server";
import { listForReviewer } from "~/board/review.commands.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { localToday } from "~/platform/calendar.server";

export const meta = titleMeta("review:list.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, call, board, recusalDone } = await requireCallForReviewer(request, params.callId);
  const lang = getLangFromPath(new URL(request.url).pathname);
  if (!recusalDone) throw redirect(localePath(lang, `/staff/review/${call.id}/recusal`));
  return {
    callId: call.id,
    boardName: boardName(board, lang),
    ...(await listForReviewer(user, call, localToday())),
  };
}

export default function ApplicationsToReviewPage() {
  const { callId, boardName, applications, waiting, newNames, blind } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation("review");
  const location = useLocation();
  const lang = getLangFromPath(location.pathname);
  const recused = new URLSearchParams(location.search).has("recused");
  return (
    <>
      {recused ? (
        <div className="app-notification" role="status">
          <p className="app-body">{t("list.recused")}</p>
        </div>
      ) : null}
      <p className="app-body">
        <Link to={localePath(lang, "/staff/review")}>{t("mine.title")}</Link>
      </p>
      <h1 className="app-heading-l">{t("list.title")}</h1>
      <p className="app-body">{t("list.lead", { board: boardName })}</p>
      {blind ? <p className="app-body">{t("list.blind")}</p> : null}
      <p className="app-body">{t("list.independent")}</p>
      {waiting > 0 ? <p className="app-body">{t("list.waiting", { count: waiting })}</p> : null}
      {newNames > 0 ? (
        <p className="app-body">
          <Link to={localePath(lang, `/staff/review/${callId}/recusal`)}>
            {t("list.newNames", { count: newNames })}
          </Link>
        </p>
      ) : null}
      {applications.length ? (
        <table className="app-table">
          <thead>
            <tr>
              <th scope="col">{t("list.label")}</th>
              <th scope="col">{t("list.ageBand")}</th>
              <th scope="col">{t("list.status")}</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={localePath(lang, `/staff/review/${callId}/${a.id}`)}>
                    {t("list.open", { label: a.label })}
                  </Link>
                </td>
                <td>{a.ageBand}</td>
                <td>{t(a.scored ? "list.scored" : "list.notScored")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="app-body">{t("list.empty")}</p>
      )}
      <p className="app-body">
        <Link to={localePath(lang, `/staff/review/${callId}/recusal`)}>
          {t("list.recusalAgain")}
        </Link>
      </p>
    </>
  );
}
