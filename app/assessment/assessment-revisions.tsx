import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { getLangFromPath, localePath } from "../i18n/lang";

export type RevisionLink = { id: string; number: number; status: "draft" | "completed" };

/** The chain of revisions an assessment belongs to, this one in bold (nothing if only one). */
export function AssessmentRevisions({
  currentId,
  revisions,
}: {
  currentId: string;
  revisions: RevisionLink[];
}) {
  const { t } = useTranslation("assessment");
  const lang = getLangFromPath(useLocation().pathname);
  if (revisions.length < 2) return null;
  return (
    <section aria-labelledby="revisions" className="app-no-print">
      <h2 className="app-heading-m" id="revisions">
        {t("revisions.heading")}
      </h2>
      <ul className="app-list">
        {revisions.map((revision) => (
          <li key={revision.id}>
            {revision.id === currentId ? (
              <strong>{t("revisions.thisOne", { number: revision.number })}</strong>
            ) : (
              <Link to={localePath(lang, `/staff/assessments/${revision.id}`)}>
                {t("revisions.item", { number: revision.number })}
              </Link>
            )}{" "}
            <span className="app-hint">{t(`revisions.status.${revision.status}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
