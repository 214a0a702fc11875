import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireCallForSecretariat } from "~/board/review-access.server";
import { REVIEW_CRITERIA } from "~/board/review-rules";
import { auditScoresViewed } from "~/board/review.commands.server";
import { scoreBoard } from "~/board/shortlist.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("review:scores.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, call, board } = await requireCallForSecretariat(request, params);
  await auditScoresViewed(user, call.id);
  return { callId: call.id, boardId: board.id, ...(await scoreBoard(call.id)) };
}

const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toString();

export default function ScoresPage() {
  const { callId, boardId, reviewers, rows, mostDisagreed } = useLoaderData<typeof loader>();
  const { t } = useTranslation("review");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <p className="app-body">
        <Link to={localePath(lang, `/staff/board/${boardId}/calls/${callId}/review`)}>
          {t("call.title")}
        </Link>
      </p>
      <h1 className="app-heading-l">{t("scores.title")}</h1>
      <p className="app-body">{t("scores.lead")}</p>
      {reviewers.some((r) => r.former) ? (
        <p className="app-body">{t("scores.formerNote")}</p>
      ) : null}
      <h2 className="app-heading-m">{t("scores.disagreedTitle")}</h2>
      {mostDisagreed.length ? (
        <ol className="app-list">
          {mostDisagreed.map((row) => (
            <li key={row.id}>
              {t("scores.disagreedItem", { name: row.name, count: row.disagreement ?? 0 })}
            </li>
          ))}
        </ol>
      ) : (
        <p className="app-body">{t("scores.noDisagreement")}</p>
      )}
      <h2 className="app-heading-m">{t("scores.tableTitle")}</h2>
      {rows.length && reviewers.length ? (
        <table className="app-table">
          <caption className="app-table__caption">{t("scores.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("scores.applicant")}</th>
              {reviewers.map((r) => (
                <th scope="col" key={r.userId}>
                  {r.displayName}
                  {r.former ? <span className="app-hint">{t("scores.formerReviewer")}</span> : null}
                </th>
              ))}
              <th scope="col">{t("scores.spread")}</th>
              <th scope="col">{t("scores.mean")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.name}</th>
                {row.scores.map((score, i) => (
                  <td key={reviewers[i]!.userId}>
                    {row.conflicted[i]
                      ? t("scores.conflicted")
                      : score
                        ? t("scores.cell", {
                            experience: String(score.experience),
                            expertise: String(score.expertise),
                            participation: String(score.participation),
                            total: String(score.total),
                          })
                        : t("scores.notScored")}
                    {score?.notes ? <p className="app-hint">{score.notes}</p> : null}
                  </td>
                ))}
                <td>
                  {row.spread
                    ? REVIEW_CRITERIA.map((c) =>
                        t("scores.spreadOf", {
                          criterion: t(`criteria.${c}.short`),
                          spread: String(row.spread![c].spread),
                        }),
                      ).join(", ")
                    : t("scores.tooFew")}
                </td>
                <td>
                  {row.meanTotal === null ? t("scores.notScored") : oneDecimal(row.meanTotal)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="app-body">{t("scores.empty")}</p>
      )}
    </>
  );
}
