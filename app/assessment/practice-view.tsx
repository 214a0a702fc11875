import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { GoodPractice } from "./good-practices.server";
import type { Organisation } from "./organisations.server";
import { NUMBERED_QUESTIONS, PRACTICE_TOOL, PracticeGroupHeading } from "./practice-form";
import { REPLICABILITY } from "./replicability";
import { getLangFromPath, localePath } from "../i18n/lang";

/** A completed good practice: a read-only page made for print. */
export function PracticeView({
  practice,
  organisation,
}: {
  practice: GoodPractice;
  organisation: Organisation;
}) {
  const { t } = useTranslation("practices");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <p className="app-body app-no-print">
        <Link to={localePath(lang, `/staff/organisations/${organisation.id}/practices`)}>
          {t("practice.back", { organisation: organisation.name })}
        </Link>
      </p>
      <p className="app-caption">
        {t("view.caption", {
          organisation: organisation.name,
          date: practice.completedAt?.slice(0, 10),
        })}
      </p>
      <h1 className="app-heading-l">{practice.title}</h1>
      <p className="app-body">{t("view.tool", { tool: t(`${PRACTICE_TOOL}.title`) })}</p>
      <h2 className="app-heading-m">{t(`${PRACTICE_TOOL}.practiceLabel`)}</h2>
      <p className="app-body app-quote">{practice.description}</p>
      {REPLICABILITY.groups.map((group, groupIndex) => (
        <section key={group.id} aria-labelledby={`group-${group.id}`}>
          <PracticeGroupHeading groupId={group.id} index={groupIndex} />
          {NUMBERED_QUESTIONS.filter((q) => q.groupId === group.id).map(
            ({ questionId, number }) => (
              <div key={questionId}>
                <h3 className="app-heading-s">
                  {t("practice.questionLabel", {
                    number,
                    text: t(`${PRACTICE_TOOL}.questions.${questionId}.text`),
                  })}
                </h3>
                <p className="app-body app-quote">{practice.answers[questionId] || "–"}</p>
              </div>
            ),
          )}
        </section>
      ))}
      <div className="app-no-print">
        <p className="app-body">{t("view.printHint")}</p>
        <button
          type="button"
          className="app-button app-button--secondary"
          onClick={() => window.print()}
        >
          {t("view.print")}
        </button>
      </div>
    </>
  );
}
