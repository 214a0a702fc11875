import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { ScoreSheet } from "./assessment-form";
import { AssessmentRevisions, type RevisionLink } from "./assessment-revisions";
import type { Assessment } from "./assessments.server";
import type { Programme } from "./organisations.server";
import { ScoreFields } from "./score-fields";
import { getLangFromPath, localePath } from "../i18n/lang";
import { draftProblems, type DraftAnswer } from "../ui/draft";
import { DraftForm, DraftSaveHere } from "../ui/draft-form";
import { TextField } from "../ui/form-fields";

/** What the scoring form sends back to itself: the details and the sheet of 15 items. */
export type ScoringValues = { sheet: ScoreSheet; assessedOn: string; participants: string };
/** The action's answer to the scoring form (the conflict carries the other person's sheet). */
export type ScoringAnswer = DraftAnswer<ScoringValues, ScoreSheet>;

/**
 * A self-assessment draft: date, participants and the 15 items, saved as a draft at any point
 * (each section has its own Save that returns to it) and completed once every item is scored.
 */
export function ScoringForm({
  programme,
  assessment,
  revisions,
  csrfToken,
  saved,
  answer,
}: {
  programme: Programme;
  assessment: Assessment;
  revisions: RevisionLink[];
  csrfToken: string;
  saved: boolean;
  answer: ScoringAnswer | undefined;
}) {
  const { t } = useTranslation("assessment");
  const lang = getLangFromPath(useLocation().pathname);
  const values: ScoringValues = answer?.values ?? {
    sheet: assessment.sheet,
    assessedOn: assessment.assessedOn,
    participants: assessment.participants,
  };
  const errors = answer?.errors ?? {};
  const missing = answer?.missing ?? [];
  const itemText = (itemId: string) => t(`instruments:survivor_informed.items.${itemId}`);
  const problems = draftProblems(answer, {
    formId: "scoring",
    text: (message) => t(message, { count: 2000 }),
    missingItem: (itemId) => ({
      fieldId: `score-${itemId}`,
      text: t("errors.missing_score", { item: itemText(itemId) }),
    }),
  });
  return (
    <DraftForm
      id="scoring"
      csrfToken={csrfToken}
      version={answer?.conflict?.version ?? assessment.version}
      posted={Boolean(answer)}
      problems={problems}
      missingTitle={
        missing.length ? t("assessment.missingTitle", { count: missing.length }) : undefined
      }
      conflictText={answer?.conflict ? t("assessment.conflict") : undefined}
      savedText={saved && !answer ? t("assessment.saved") : undefined}
      saveLabel={t("assessment.saveDraft")}
      completeLabel={t("assessment.complete")}
      intro={
        <>
          <p className="app-body">
            <Link to={localePath(lang, `/staff/programmes/${programme.id}`)}>{programme.name}</Link>
          </p>
          <h1 className="app-heading-l">{t("instruments:survivor_informed.title")}</h1>
          {assessment.revisionOf ? (
            <div className="app-inset">
              <p className="app-body">{t("revisions.draftNote")}</p>
            </div>
          ) : null}
          <AssessmentRevisions currentId={assessment.id} revisions={revisions} />
          <p className="app-body">
            <Link to={localePath(lang, `/staff/assessments/${assessment.id}/compare`)}>
              {t("team.link")}
            </Link>
          </p>
          {(
            t("instruments:survivor_informed.instructions.paragraphs", {
              returnObjects: true,
            }) as string[]
          ).map((paragraph) => (
            <p className="app-body" key={paragraph}>
              {paragraph}
            </p>
          ))}
        </>
      }
    >
      <TextField
        name="assessedOn"
        type="date"
        label={t("fields.assessedOn")}
        defaultValue={values.assessedOn}
        error={errors.assessedOn}
      />
      <TextField
        name="participants"
        label={t("fields.participants")}
        hint={t("fields.participantsHint")}
        defaultValue={values.participants}
        error={errors.participants}
      />
      <ScoreFields
        sheet={values.sheet}
        errors={errors}
        missing={missing}
        theirs={answer?.conflict?.current}
        afterSection={(sectionId) => (
          <DraftSaveHere anchor={`section-${sectionId}`} label={t("assessment.saveHere")} />
        )}
      />
    </DraftForm>
  );
}
