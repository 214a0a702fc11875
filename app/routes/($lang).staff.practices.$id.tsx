import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import {
  answerFieldId,
  parsePracticeForm,
  type PracticeContent,
} from "~/assessment/good-practice-form";
import {
  getGoodPractice,
  requirePractice,
  saveGoodPractice,
} from "~/assessment/good-practices.server";
import {
  allReplicabilityQuestions,
  REPLICABILITY,
  REPLICABILITY_ANSWER_MAX,
  type ReplicabilityQuestionId,
} from "~/assessment/replicability";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField, ErrorSummaryBox, FieldError, TextField } from "~/ui/form-fields";
import type { FieldErrors } from "~/ui/parse-form";

/**
 * One good practice (Annex 1.1): while a draft, the form with the 10 questions (save a draft
 * at any point; completing needs every answer); once completed, a read-only page made for print.
 */
export const meta = titleMeta("practices:practice.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { practice, organisation, csrfToken } = await requirePractice(request, params.id);
  const url = new URL(request.url);
  return { practice, organisation, csrfToken, saved: url.searchParams.has("saved") };
}

type ActionData = {
  values: PracticeContent;
  errors: FieldErrors;
  missing: ReplicabilityQuestionId[];
  conflict: { current: PracticeContent; version: number } | null;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, practice } = await requirePractice(request, params.id, formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const here = localePath(lang, `/staff/practices/${practice.id}`);
  if (practice.status === "completed") throw redirect(here);
  const parsed = parsePracticeForm(formData);
  if (!parsed.ok) {
    return data<ActionData>(
      { values: parsed.values, errors: parsed.errors, missing: [], conflict: null },
      { status: 400 },
    );
  }
  const outcome = await saveGoodPractice(user, practice.id, parsed.version, {
    ...parsed.content,
    complete: parsed.intent === "complete",
  });
  if (outcome.ok) return redirect(outcome.completed ? here : `${here}?saved=1`);
  if (outcome.kind === "missing") {
    return data<ActionData>(
      { values: parsed.content, errors: {}, missing: outcome.missing, conflict: null },
      { status: 400 },
    );
  }
  if (outcome.kind === "completed") throw redirect(here);
  if (outcome.kind === "not_found") throw new Response("Not Found", { status: 404 });
  // Someone saved this draft meanwhile: show both, lose neither.
  const current = await getGoodPractice(practice.id);
  return data<ActionData>(
    {
      values: parsed.content,
      errors: {},
      missing: [],
      conflict: current
        ? {
            current: {
              title: current.title,
              description: current.description,
              answers: current.answers,
            },
            version: current.version,
          }
        : null,
    },
    { status: 409 },
  );
}

export default function PracticePage() {
  const { practice } = useLoaderData<typeof loader>();
  return practice.status === "completed" ? <PracticeView /> : <PracticeForm />;
}

const TOOL = "instruments:good_practice_replicability";

/** The questions numbered 1–10 across both groups, as the summary and the form show them. */
const NUMBERED = allReplicabilityQuestions().map((q, index) => ({ ...q, number: index + 1 }));

function PracticeForm() {
  const { practice, organisation, csrfToken, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("practices");
  const lang = getLangFromPath(useLocation().pathname);
  const values: PracticeContent = actionData?.values ?? practice;
  const version = actionData?.conflict?.version ?? practice.version;
  const errors = actionData?.errors ?? {};
  const missing = actionData?.missing ?? [];
  const theirs = actionData?.conflict?.current;
  const questionText = (id: string) => t(`${TOOL}.questions.${id}.text`);
  const problems = [
    ...Object.entries(errors).map(([field, message]) => ({
      href: `#${field === "form" ? "practice-form" : field}`,
      text: t(message),
    })),
    ...missing.map((id) => ({
      href: `#${answerFieldId(id)}`,
      text: t("practice.missingItem", { question: questionText(id) }),
    })),
  ];
  const theirLine = (value: string) =>
    theirs ? (
      <p className="app-hint">
        {t("practice.theirValue", { value: value.trim() || t("practice.theirEmpty") })}
      </p>
    ) : null;
  return (
    <>
      <ErrorSummaryBox
        items={problems}
        title={missing.length ? t("practice.missingTitle", { count: missing.length }) : undefined}
      />
      {actionData?.conflict ? (
        <div className="app-warning" role="alert">
          <p className="app-body">{t("practice.conflict")}</p>
        </div>
      ) : null}
      {saved && !actionData ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("practice.saved")}</p>
        </div>
      ) : null}
      <p className="app-body">
        <Link to={localePath(lang, `/staff/organisations/${organisation.id}/practices`)}>
          {t("practice.back", { organisation: organisation.name })}
        </Link>
      </p>
      <p className="app-caption">{t("practice.caption", { organisation: organisation.name })}</p>
      <h1 className="app-heading-l">{t(`${TOOL}.title`)}</h1>
      {(t(`${TOOL}.intro.paragraphs`, { returnObjects: true }) as string[]).map((paragraph) => (
        <p className="app-body" key={paragraph}>
          {paragraph}
        </p>
      ))}
      <Form
        method="post"
        noValidate
        id="practice-form"
        key={`${version}-${actionData ? "posted" : "loaded"}`}
      >
        <CsrfField token={csrfToken} />
        <input type="hidden" name="version" value={version} />
        <section aria-labelledby="practice-details">
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
          {theirLine(theirs?.title ?? "")}
          <AnswerField
            id="description"
            name="description"
            label={t(`${TOOL}.practiceLabel`)}
            hint={t(`${TOOL}.practiceHint`)}
            error={errors.description}
            defaultValue={values.description}
          />
          {theirLine(theirs?.description ?? "")}
        </section>
        {REPLICABILITY.groups.map((group, groupIndex) => (
          <section key={group.id} aria-labelledby={`group-${group.id}`}>
            <h2 className="app-heading-m" id={`group-${group.id}`}>
              {t("practice.groupHeading", {
                letter: String.fromCharCode(65 + groupIndex),
                title: t(`${TOOL}.groups.${group.id}.title`),
              })}
            </h2>
            {NUMBERED.filter((q) => q.groupId === group.id).map(({ questionId, number }) => {
              const id = answerFieldId(questionId);
              return (
                <div key={questionId}>
                  <AnswerField
                    id={id}
                    name={`answer:${questionId}`}
                    label={t("practice.questionLabel", {
                      number,
                      text: questionText(questionId),
                    })}
                    hint={`${t(`${TOOL}.questions.${questionId}.hint`)} ${t("practice.answerLimit", { count: REPLICABILITY_ANSWER_MAX })}`}
                    error={
                      errors[id] ??
                      (missing.includes(questionId) ? "practices:practice.unanswered" : undefined)
                    }
                    defaultValue={values.answers[questionId] ?? ""}
                    rows={5}
                  />
                  {theirLine(theirs?.answers[questionId] ?? "")}
                </div>
              );
            })}
          </section>
        ))}
        <p className="app-hint">{t("practice.completeHint")}</p>
        <div className="app-button-group">
          <button
            type="submit"
            name="intent"
            value="save"
            className="app-button app-button--secondary"
          >
            {t("practice.saveDraft")}
          </button>
          <button type="submit" name="intent" value="complete" className="app-button">
            {t("practice.complete")}
          </button>
        </div>
      </Form>
    </>
  );
}

/** A labelled textarea in the GOV.UK pattern (hint and error tied to it). */
function AnswerField({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  rows = 4,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  error?: string;
  defaultValue: string;
  rows?: number;
}) {
  return (
    <div className={`app-form-group${error ? " app-form-group--error" : ""}`}>
      <label className="app-label" htmlFor={id}>
        {label}
      </label>
      <p className="app-hint" id={`${id}-hint`}>
        {hint}
      </p>
      <FieldError name={id} error={error} />
      <textarea
        className="app-textarea"
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

function PracticeView() {
  const { practice, organisation } = useLoaderData<typeof loader>();
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
      <p className="app-body">{t("view.tool", { tool: t(`${TOOL}.title`) })}</p>
      <h2 className="app-heading-m">{t(`${TOOL}.practiceLabel`)}</h2>
      <p className="app-body app-quote">{practice.description}</p>
      {REPLICABILITY.groups.map((group, groupIndex) => (
        <section key={group.id} aria-labelledby={`group-${group.id}`}>
          <h2 className="app-heading-m" id={`group-${group.id}`}>
            {t("practice.groupHeading", {
              letter: String.fromCharCode(65 + groupIndex),
              title: t(`${TOOL}.groups.${group.id}.title`),
            })}
          </h2>
          {NUMBERED.filter((q) => q.groupId === group.id).map(({ questionId, number }) => (
            <div key={questionId}>
              <h3 className="app-heading-s">
                {t("practice.questionLabel", {
                  number,
                  text: t(`${TOOL}.questions.${questionId}.text`),
                })}
              </h3>
              <p className="app-body app-quote">{practice.answers[questionId] || "–"}</p>
            </div>
          ))}
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
