import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { ScoreSheet } from "./assessment-form";
import { SCORES, SELF_ASSESSMENT } from "./instrument";
import { ChoiceFieldset } from "../ui/form-fields";

/**
 * The 15 items of the self-assessment as form fields: per item a choice of Not scored yet,
 * Never 0, Sometimes 1, Always 2, and a note on the evidence. Used for the agreed scores and for
 * each assessor's own scores. `theirs` shows what someone else saved meanwhile; `afterSection`
 * adds something at the end of each section (a Save button that returns there). Each item is a
 * `data-draft-anchor` with the id `item-<itemId>` (app/ui/draft-form.tsx).
 */
export function ScoreFields({
  sheet,
  errors,
  missing,
  theirs,
  afterSection,
}: {
  sheet: ScoreSheet;
  errors: Record<string, string>;
  missing: string[];
  theirs?: ScoreSheet;
  afterSection?: (sectionId: string) => ReactNode;
}) {
  const { t } = useTranslation("assessment");
  const itemText = (itemId: string) => t(`instruments:survivor_informed.items.${itemId}`);
  return (
    <>
      {SELF_ASSESSMENT.sections.map((section, sectionIndex) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`}>
          <h2 className="app-heading-m" id={`section-${section.id}`}>
            {t("assessment.sectionHeading", {
              letter: String.fromCharCode(65 + sectionIndex),
              title: t(`instruments:survivor_informed.sections.${section.id}.title`),
              max: section.items.length * 2,
            })}
          </h2>
          {section.items.map((itemId, itemIndex) => {
            const error = errors[`score-${itemId}`];
            const unscored = missing.includes(itemId);
            const invalid = Boolean(error || unscored);
            const noteError = errors[`note-${itemId}`];
            return (
              <div
                key={itemId}
                id={`item-${itemId}`}
                data-draft-anchor
                className={`app-form-group app-score-item${invalid ? " app-form-group--error" : ""}`}
              >
                <ChoiceFieldset
                  type="radio"
                  describedBy={invalid ? `score-${itemId}-error` : undefined}
                  invalid={invalid}
                >
                  <legend className="app-fieldset__legend">
                    {t("assessment.itemLegend", {
                      number: itemIndex + 1,
                      text: itemText(itemId),
                    })}
                  </legend>
                  {invalid ? (
                    <p className="app-error-message" id={`score-${itemId}-error`}>
                      <span className="app-visually-hidden">
                        {t("common:errorSummary.inlinePrefix")}
                      </span>{" "}
                      {t(error ?? "errors.choose_score")}
                    </p>
                  ) : null}
                  {theirs ? (
                    <p className="app-hint">
                      {t("assessment.theirValue", {
                        score:
                          theirs.scores[itemId] === null || theirs.scores[itemId] === undefined
                            ? t("assessment.notScored")
                            : t(`instruments:survivor_informed.scale.${theirs.scores[itemId]}`),
                        note: theirs.notes[itemId] || "–",
                      })}
                    </p>
                  ) : null}
                  <div className="app-radios app-radios--inline">
                    {(["", ...SCORES.map(String)] as string[]).map((value, index) => {
                      const id = index === 0 ? `score-${itemId}` : `score-${itemId}-${value}`;
                      const current = sheet.scores[itemId];
                      const checked =
                        value === ""
                          ? current === null || current === undefined
                          : String(current) === value;
                      return (
                        <div className="app-radios__item" key={value || "none"}>
                          <input
                            className="app-radios__input"
                            type="radio"
                            id={id}
                            name={`score:${itemId}`}
                            value={value}
                            defaultChecked={checked}
                          />
                          <label className="app-radios__label" htmlFor={id}>
                            {value === ""
                              ? t("assessment.notScored")
                              : t("assessment.scaleOption", {
                                  score: value,
                                  label: t(`instruments:survivor_informed.scale.${value}`),
                                })}
                          </label>
                        </div>
                      );
                    })}
                  </div>
                </ChoiceFieldset>
                <label className="app-label app-label--light" htmlFor={`note-${itemId}`}>
                  {t("fields.evidence")}
                </label>
                {noteError ? (
                  <p className="app-error-message" id={`note-${itemId}-error`}>
                    <span className="app-visually-hidden">
                      {t("common:errorSummary.inlinePrefix")}
                    </span>{" "}
                    {t(noteError, { count: 2000 })}
                  </p>
                ) : null}
                <textarea
                  className="app-textarea"
                  id={`note-${itemId}`}
                  name={`note:${itemId}`}
                  rows={2}
                  defaultValue={sheet.notes[itemId] ?? ""}
                  aria-describedby={noteError ? `note-${itemId}-error` : undefined}
                  aria-invalid={noteError ? true : undefined}
                />
              </div>
            );
          })}
          {afterSection?.(section.id)}
        </section>
      ))}
    </>
  );
}
