import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { answerFieldId, type PracticeContent } from "./good-practice-form";
import type { GoodPractice } from "./good-practices.server";
import type { Organisation } from "./organisations.server";
import {
  allReplicabilityQuestions,
  REPLICABILITY,
  REPLICABILITY_ANSWER_MAX,
  type ReplicabilityQuestionId,
} from "./replicability";
import { getLangFromPath, localePath } from "../i18n/lang";
import { draftProblems, type DraftAnswer } from "../ui/draft";
import { DraftForm, DraftSaveHere, TheirValue } from "../ui/draft-form";
import { TextAreaField, TextField } from "../ui/form-fields";

export const PRACTICE_TOOL = "instruments:good_practice_replicability";

/** The questions numbered 1–10 across both groups, as the form and the printed page show them. */
export const NUMBERED_QUESTIONS = allReplicabilityQuestions().map((q, index) => ({
  ...q,
  number: index + 1,
}));

/** A group's heading ("A. Relevance of the practice"), the target of its section's Save. */
export function PracticeGroupHeading({ groupId, index }: { groupId: string; index: number }) {
  const { t } = useTranslation("practices");
  return (
    <h2 className="app-heading-m" id={`group-${groupId}`}>
      {t("practice.groupHeading", {
        letter: String.fromCharCode(65 + index),
        title: t(`${PRACTICE_TOOL}.groups.${groupId}.title`),
      })}
    </h2>
  );
}

/** The action's answer to the practice form. */
export type PracticeAnswer = DraftAnswer<PracticeContent>;

/**
 * A good practice while a draft (Annex 1.1): its name, a description and the 10 questions in two
 * groups; saved at any point (each group has its own Save that returns to it), completed once
 * every question is answered.
 */
export function PracticeForm({
  practice,
  organisation,
  csrfToken,
  saved,
  answer,
}: {
  practice: GoodPractice;
  organisation: Organisation;
  csrfToken: string;
  saved: boolean;
  answer: PracticeAnswer | undefined;
}) {
  const { t } = useTranslation("practices");
  const lang = getLangFromPath(useLocation().pathname);
  const values: PracticeContent = answer?.values ?? practice;
  const errors = answer?.errors ?? {};
  const missing = (answer?.missing ?? []) as ReplicabilityQuestionId[];
  const theirs = answer?.conflict?.current;
  const questionText = (id: string) => t(`${PRACTICE_TOOL}.questions.${id}.text`);
  const theirValue = (value: string | undefined) =>
    theirs ? t("practice.theirValue", { value: value?.trim() || t("practice.theirEmpty") }) : null;
  const problems = draftProblems(answer, {
    formId: "practice-form",
    text: (message) => t(message),
    missingItem: (id) => ({
      fieldId: answerFieldId(id),
      text: t("practice.missingItem", { question: questionText(id) }),
    }),
  });
  return (
    <DraftForm
      id="practice-form"
      csrfToken={csrfToken}
      version={answer?.conflict?.version ?? practice.version}
      posted={Boolean(answer)}
      problems={problems}
      missingTitle={
        missing.length ? t("practice.missingTitle", { count: missing.length }) : undefined
      }
      conflictText={answer?.conflict ? t("practice.conflict") : undefined}
      savedText={saved && !answer ? t("practice.saved") : undefined}
      saveLabel={t("practice.saveDraft")}
      completeLabel={t("practice.complete")}
      completeHint={t("practice.completeHint")}
      intro={
        <>
          <p className="app-body">
            <Link to={localePath(lang, `/staff/organisations/${organisation.id}/practices`)}>
              {t("practice.back", { organisation: organisation.name })}
            </Link>
          </p>
          <p className="app-caption">
            {t("practice.caption", { organisation: organisation.name })}
          </p>
          <h1 className="app-heading-l">{t(`${PRACTICE_TOOL}.title`)}</h1>
          {(t(`${PRACTICE_TOOL}.intro.paragraphs`, { returnObjects: true }) as string[]).map(
            (paragraph) => (
              <p className="app-body" key={paragraph}>
                {paragraph}
              </p>
            ),
          )}
        </>
      }
    >
      <section aria-labelledby="practice-details" id="details" data-draft-anchor>
        <h2 className="app-heading-m" id="practice-details">
          {t("practice.detailsHeading")}
        </h2>
        <TextField
          name="title"
          label={t("fields.title")}
          hint={t("fields.titleHint")}
          defaultValue={values.title}
          error={errors.title}
        />
        <TheirValue text={theirValue(theirs?.title)} />
        <TextAreaField
          id="description"
          name="description"
          label={t(`${PRACTICE_TOOL}.practiceLabel`)}
          hint={t(`${PRACTICE_TOOL}.practiceHint`)}
          error={errors.description}
          defaultValue={values.description}
        />
        <TheirValue text={theirValue(theirs?.description)} />
      </section>
      {REPLICABILITY.groups.map((group, groupIndex) => (
        <section key={group.id} aria-labelledby={`group-${group.id}`}>
          <PracticeGroupHeading groupId={group.id} index={groupIndex} />
          {NUMBERED_QUESTIONS.filter((q) => q.groupId === group.id).map(
            ({ questionId, number }) => {
              const id = answerFieldId(questionId);
              return (
                <div key={questionId} id={`question-${questionId}`} data-draft-anchor>
                  <TextAreaField
                    id={id}
                    name={`answer:${questionId}`}
                    label={t("practice.questionLabel", {
                      number,
                      text: questionText(questionId),
                    })}
                    hint={`${t(`${PRACTICE_TOOL}.questions.${questionId}.hint`)} ${t("practice.answerLimit", { count: REPLICABILITY_ANSWER_MAX })}`}
                    error={
                      errors[id] ??
                      (missing.includes(questionId) ? "practices:practice.unanswered" : undefined)
                    }
                    defaultValue={values.answers[questionId] ?? ""}
                    rows={5}
                  />
                  <TheirValue text={theirValue(theirs?.answers[questionId])} />
                </div>
              );
            },
          )}
          <DraftSaveHere anchor={`group-${group.id}`} label={t("practice.saveHere")} />
        </section>
      ))}
    </DraftForm>
  );
}
