import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { formatDayMonthYear } from "~/board/ages";
import { listCallsToReview } from "~/board/review.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";

export const meta = titleMeta("review:mine.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, "board_review:score");
  const lang = getLangFromPath(new URL(request.url).pathname);
  return { calls: await listCallsToReview(user.id, lang) };
}

export default function CallsToReviewPage() {
  const { calls } = useLoaderData<typeof loader>();
  const { t } = useTranslation("review");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <h1 className="app-heading-l">{t("mine.title")}</h1>
      <p className="app-body">{t("mine.lead")}</p>
      {calls.length ? (
        <table className="app-table">
          <thead>
            <tr>
              <th scope="col">{t("mine.board")}</th>
              <th scope="col">{t("mine.dates")}</th>
              <th scope="col">{t("mine.next")}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call) => (
              <tr key={call.callId}>
                <td>{call.boardName}</td>
                <td>
                  {t("mine.range", {
                    from: formatDayMonthYear(call.opensOn),
                    to: formatDayMonthYear(call.closesOn),
                  })}
                </td>
                <td>
                  <Link
                    to={localePath(
                      lang,
                      `/staff/review/${call.callId}${call.recusalDone ? "" : "/recusal"}`,
                    )}
                  >
                    {t(call.recusalDone ? "mine.review" : "mine.recusalFirst")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="app-body">{t("mine.empty")}</p>
      )}
    </>
  );
}
