import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { MEETINGS_PER_YEAR } from "./meeting-rules";
import { getLangFromPath, localePath } from "../i18n/lang";

/**
 * The board page's meetings box: meetings held this year, those still scheduled, and a warning
 * when together they are fewer than two (Art. 11: the board meets at least twice a year).
 */
export function BoardMeetingsSummary({
  boardId,
  held,
  scheduled,
  canSchedule,
}: {
  boardId: string;
  /** The secretariat: links to the board's meetings page. */
  canSchedule: boolean;
  held: number;
  scheduled: number;
}) {
  const { t } = useTranslation("meetings");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <section aria-labelledby="board-meetings-heading">
      <h2 className="app-heading-m" id="board-meetings-heading">
        {t("boardSummary.heading")}
      </h2>
      <p className="app-body">
        {t("boardSummary.held", { count: held })}
        <br />
        {t("boardSummary.scheduled", { count: scheduled })}
      </p>
      {held + scheduled < MEETINGS_PER_YEAR ? (
        <div className="app-warning" data-meetings="few">
          <p className="app-body">{t("boardSummary.fewWarning")}</p>
        </div>
      ) : null}
      {canSchedule ? (
        <p className="app-body">
          <Link to={localePath(lang, `/staff/board/${boardId}/meetings`)}>
            {t("boardSummary.manage")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
