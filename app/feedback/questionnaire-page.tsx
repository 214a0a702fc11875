import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { HISTORY_WARNING_SCRIPT } from "./history-warning";
import {
  campaignQuestions,
  carriedFields,
  estimatedMinutes,
  isAnswered,
  journeyPages,
  questionsOnPage,
  textLength,
  type Answer,
  type AnswerErrors,
  type JourneyPage,
} from "./journey";
import type { QuestionnaireView } from "./questionnaire.server";
import {
  choiceLabelKey,
  choicesOf,
  FREE_TEXT_MAX_LENGTH,
  type Question,
  type Template,
} from "./template.schema";
import { getTemplate } from "./templates";
import { getLangFromPath, localePath, type Lang } from "../i18n/lang";
import { ChoiceFieldset, ErrorSummaryBox } from "../ui/form-fields";
import { CachedFragment } from "../ui/fragment-cache";
import { useNonce } from "../ui/nonce";

/**
 * The survivor's questionnaire page: plain HTML, one form, every answer so far carried in
 * hidden fields. Works the same with JavaScript off.
 */
export function QuestionnairePage({ view }: { view: QuestionnaireView }) {
  const { t } = useTranslation("feedback");
  const { pathname } = useLocation();
  const lang = getLangFromPath(pathname);
  const template = getTemplate(view.campaign.templateId, view.campaign.templateVersion);
  if (!template) return null;
  const pages = journeyPages(template, view.campaign.sections);
  const page = pages.find((p) => p.id === view.pageId) ?? pages[0]!;
  const shown = questionsOnPage(page, template).map((q) => q.id);
  const action = localePath(lang, `/f/${view.campaign.slug}`);
  const other: Lang = lang === "sq" ? "en" : "sq";
  const otherLang = view.campaign.languages.includes(other) ? other : null;
  const tq = (key: string, options?: Record<string, unknown>) =>
    t(`questionnaires:${template.id}.${key}`, options) as string;

  return (
    <>
      <ErrorList errors={view.errors} />
      <HistoryWarning />
      <form method="post" action={action} noValidate className="app-questionnaire">
        <input type="hidden" name="page" value={page.id} />
        <input type="hidden" name="nonce" value={view.nonce} />
        {view.code ? <input type="hidden" name="code" value={view.code} /> : null}
        {view.mode && page.kind !== "intro" ? (
          <input type="hidden" name="mode" value={view.mode} />
        ) : null}
        {view.reviewed ? <input type="hidden" name="reviewed" value="1" /> : null}
        {carriedFields(view.answers, shown).map(([name, value], index) => (
          <input key={`${name}-${index}`} type="hidden" name={name} value={value} />
        ))}

        {page.kind === "intro" ? (
          <IntroPage view={view} template={template} />
        ) : page.kind === "review" ? (
          <ReviewPage
            view={view}
            template={template}
            pages={pages}
            tq={tq}
            sendAction={`${action}/send`}
          />
        ) : (
          <QuestionsPage page={page} template={template} view={view} tq={tq} />
        )}
        {otherLang ? (
          // Switching language inside the form keeps every answer (the header link cannot). Last
          // in the form, so pressing Enter still means "Continue".
          <p className="app-questionnaire__language">
            <button
              type="submit"
              name="nav"
              value="stay"
              formAction={localePath(otherLang, `/f/${view.campaign.slug}`)}
              className="app-link-button"
              lang={otherLang}
            >
              {t(`questionnaire.switchTo.${otherLang}`)}
            </button>
          </p>
        ) : null}
      </form>
      <p className="app-body app-questionnaire__stop">
        <a href={localePath(lang, `/f/${view.campaign.slug}/stopped`)}>{t("questionnaire.stop")}</a>
      </p>
    </>
  );
}

type Tq = (key: string, options?: Record<string, unknown>) => string;

/**
 * Shown by a small script only on a page the browser brought back from its history while later
 * pages of the questionnaire exist (app/feedback/history-warning.ts, decision 012).
 */
function HistoryWarning() {
  const { t } = useTranslation("feedback");
  const nonce = useNonce();
  return (
    <>
      <div
        className="app-warning js-history-warning"
        tabIndex={-1}
        aria-labelledby="history-warning-title"
        hidden
      >
        <h2 className="app-heading-s" id="history-warning-title">
          {t("questionnaire.history.title")}
        </h2>
        <p className="app-body">{t("questionnaire.history.body")}</p>
        <button type="button" className="app-button js-history-forward" hidden>
          {t("questionnaire.history.forward")}
        </button>
        <p className="app-body">{t("questionnaire.history.otherwise")}</p>
      </div>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: HISTORY_WARNING_SCRIPT }} />
    </>
  );
}

function ErrorList({ errors }: { errors: AnswerErrors }) {
  const { t } = useTranslation("feedback");
  const items = Object.entries(errors).map(([field, message]) => ({
    href: field === "form" ? undefined : `#q-${field}`,
    text: t(message, { count: FREE_TEXT_MAX_LENGTH }),
  }));
  return <ErrorSummaryBox items={items} />;
}

function IntroPage({ view, template }: { view: QuestionnaireView; template: Template }) {
  const { t } = useTranslation("feedback");
  const purpose =
    view.campaign.purpose === "other" && view.campaign.purposeOther
      ? view.campaign.purposeOther
      : t(`purposes.${view.campaign.purpose}`);
  const minutes = estimatedMinutes(campaignQuestions(template, view.campaign.sections).length);
  // Short and in the second person, each fact once (issue 13 §3): Start must be on the first
  // screen of a 360 × 740 phone. The template's staff-facing description is not shown here.
  return (
    <>
      <h1 className="app-heading-l">{view.campaign.title}</h1>
      <dl className="app-summary-list app-summary-list--inline">
        <div className="app-summary-list__row">
          <dt>{t("questionnaire.askedBy")}</dt>
          <dd>{view.campaign.organisation}</dd>
        </div>
        <div className="app-summary-list__row">
          <dt>{t("questionnaire.purpose")}</dt>
          <dd>{purpose}</dd>
        </div>
      </dl>
      <ul className="app-list app-list--bullet app-list--tight">
        <li>{t("questionnaire.intro.time", { count: minutes })}</li>
        <li>{t("questionnaire.intro.optional")}</li>
        <li>{t("questionnaire.intro.noNames")}</li>
        <li>{t("questionnaire.intro.nothingSent")}</li>
      </ul>
      {view.campaign.respondentMode === "both" ? (
        <div className={`app-form-group${view.errors.mode ? " app-form-group--error" : ""}`}>
          <ChoiceFieldset
            type="radio"
            id="q-mode"
            describedBy={view.errors.mode ? "q-mode-error" : undefined}
            invalid={!!view.errors.mode}
          >
            <legend className="app-fieldset__legend">{t("questionnaire.mode.legend")}</legend>
            {view.errors.mode ? (
              <p className="app-error-message" id="q-mode-error">
                <span className="app-visually-hidden">{t("common:errorSummary.inlinePrefix")}</span>{" "}
                {t(view.errors.mode)}
              </p>
            ) : null}
            {(["self", "interview"] as const).map((mode) => (
              <div className="app-radios__item" key={mode}>
                <input
                  className="app-radios__input"
                  type="radio"
                  id={`mode-${mode}`}
                  name="mode"
                  value={mode}
                  defaultChecked={view.mode === mode}
                />
                <label className="app-radios__label" htmlFor={`mode-${mode}`}>
                  {t(`questionnaire.mode.${mode}`)}
                </label>
              </div>
            ))}
          </ChoiceFieldset>
        </div>
      ) : null}
      <button type="submit" name="nav" value="next" className="app-button app-button--start">
        {t("questionnaire.start")}
      </button>
    </>
  );
}

function QuestionsPage({
  page,
  template,
  view,
  tq,
}: {
  page: JourneyPage;
  template: Template;
  view: QuestionnaireView;
  tq: Tq;
}) {
  const { t } = useTranslation("feedback");
  const questions = questionsOnPage(page, template);
  return (
    <>
      {page.kind === "section" ? (
        <>
          <p className="app-caption">
            {t("questionnaire.sectionOf", { number: page.number, total: page.total })}
          </p>
          <h1 className="app-heading-l">{tq(`sections.${page.section.id}.title`)}</h1>
          <p className="app-body">{tq(`sections.${page.section.id}.intro`)}</p>
        </>
      ) : (
        <h1 className="app-heading-l">{t("questionnaire.closingTitle")}</h1>
      )}
      {questions.map((question) => {
        const answer = view.answers[question.id];
        const error = view.errors[question.id];
        // A question not yet answered, without an error, looks the same for every respondent:
        // its HTML is made once per language and template version (decision 066). It is
        // rendered here without any answer, so nothing of one respondent can be kept.
        if (answer === undefined && error === undefined)
          return (
            <CachedFragment
              key={question.id}
              cacheKey={`question|${template.id}|${template.version}|${question.id}`}
              className={FORM_GROUP}
            >
              <QuestionControls question={question} template={template} tq={tq} />
            </CachedFragment>
          );
        return (
          <div
            key={question.id}
            className={error ? `${FORM_GROUP} app-form-group--error` : FORM_GROUP}
          >
            <QuestionControls
              question={question}
              template={template}
              answer={answer}
              error={error}
              tq={tq}
            />
          </div>
        );
      })}
      <div className="app-button-group">
        <button type="submit" name="nav" value="next" className="app-button">
          {t("questionnaire.continue")}
        </button>
        <button type="submit" name="nav" value="back" className="app-button app-button--secondary">
          {t("questionnaire.back")}
        </button>
        {view.reviewed ? (
          <button
            type="submit"
            name="nav"
            value="review"
            className="app-button app-button--secondary"
          >
            {t("questionnaire.checkAnswers")}
          </button>
        ) : null}
      </div>
      <p className="app-hint">{t("questionnaire.history.useTheseButtons")}</p>
    </>
  );
}

const FORM_GROUP = "app-form-group";

/**
 * What a question's form group holds: its label or legend, hint, error and controls, filled in
 * with `answer` (none: blank).
 */
function QuestionControls({
  question,
  template,
  answer,
  error,
  tq,
}: {
  question: Question;
  template: Template;
  answer?: Answer;
  error?: string;
  tq: Tq;
}) {
  const { t, i18n } = useTranslation("feedback");
  const id = `q-${question.id}`;
  const text = tq(`questions.${question.id}.text`);
  const hintKey = `questionnaires:${template.id}.questions.${question.id}.hint`;
  const hint = i18n.exists(hintKey) ? t(hintKey) : "";
  const errorMessage = error ? (
    <p className="app-error-message" id={`${id}-error`}>
      <span className="app-visually-hidden">{t("common:errorSummary.inlinePrefix")}</span>{" "}
      {t(error, { count: FREE_TEXT_MAX_LENGTH })}
    </p>
  ) : null;
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined;

  if (question.kind === "free_text") {
    const value = answer?.text ?? "";
    return (
      <>
        <label className="app-label app-label--question" htmlFor={id}>
          {text}
        </label>
        {hint ? (
          <p className="app-hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {errorMessage}
        <textarea
          className="app-textarea"
          id={id}
          name={`a:${question.id}`}
          rows={5}
          defaultValue={value}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
        />
        <p className="app-hint">
          {t("questionnaire.textLimit", { count: FREE_TEXT_MAX_LENGTH })}{" "}
          {t("questionnaire.textWritten", { count: textLength(value) })}
        </p>
      </>
    );
  }

  const multiple = question.kind === "multiple_choice";
  return (
    <>
      <ChoiceFieldset
        type={multiple ? "checkbox" : "radio"}
        describedBy={describedBy}
        invalid={!!error}
      >
        <legend className="app-fieldset__legend app-fieldset__legend--question">{text}</legend>
        {hint ? (
          <p className="app-hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {multiple ? <p className="app-hint">{t("questionnaire.selectAll")}</p> : null}
        {errorMessage}
        <div className={multiple ? "app-checkboxes" : "app-radios"}>
          {choicesOf(question).map((choice, index) => {
            const inputId = index === 0 ? id : `${id}-${choice}`;
            return (
              <div className={multiple ? "app-checkboxes__item" : "app-radios__item"} key={choice}>
                <input
                  className={multiple ? "app-checkboxes__input" : "app-radios__input"}
                  type={multiple ? "checkbox" : "radio"}
                  id={inputId}
                  name={`a:${question.id}`}
                  value={choice}
                  defaultChecked={answer?.choices.includes(choice) ?? false}
                  aria-invalid={error && multiple ? true : undefined}
                />
                <label
                  className={multiple ? "app-checkboxes__label" : "app-radios__label"}
                  htmlFor={inputId}
                >
                  {t(choiceLabelKey(template.id, question, choice))}
                </label>
              </div>
            );
          })}
        </div>
      </ChoiceFieldset>
      {question.kind === "choice_with_comment" ? (
        <div className="app-comment">
          <label className="app-label" htmlFor={`${id}-comment`}>
            {t("questionnaire.commentLabel")}
          </label>
          <textarea
            className="app-textarea"
            id={`${id}-comment`}
            name={`c:${question.id}`}
            rows={3}
            defaultValue={answer?.comment ?? ""}
          />
        </div>
      ) : null}
    </>
  );
}

function ReviewPage({
  view,
  template,
  pages,
  tq,
  sendAction,
}: {
  view: QuestionnaireView;
  template: Template;
  pages: JourneyPage[];
  tq: Tq;
  sendAction: string;
}) {
  const { t } = useTranslation("feedback");
  // Several answers to one question are a list, each on its own line; a written answer and a
  // comment are paragraphs of their own (never joined into one phrase).
  const summary = (question: Question) => {
    const answer = view.answers[question.id];
    if (!answer || !isAnswered(answer)) return t("questionnaire.notAnswered");
    const chosen = answer.choices.map((choice) => t(choiceLabelKey(template.id, question, choice)));
    return (
      <>
        {chosen.length > 1 ? (
          <ul className="app-list app-list--bullet app-review-answers">
            {chosen.map((label) => (
              <li key={label}>{label}</li>
            ))}
          </ul>
        ) : chosen.length === 1 ? (
          <p className="app-review-answer">{chosen[0]}</p>
        ) : null}
        {answer.text ? <p className="app-review-answer">{answer.text}</p> : null}
        {answer.comment ? <p className="app-review-answer">{answer.comment}</p> : null}
      </>
    );
  };
  return (
    <>
      <h1 className="app-heading-l">{t("questionnaire.reviewTitle")}</h1>
      <p className="app-body">{t("questionnaire.reviewLead")}</p>
      {pages
        .filter((page) => page.kind === "section" || page.kind === "closing")
        .map((page) => (
          <section key={page.id} aria-labelledby={`review-${page.id}`}>
            <h2 className="app-heading-m" id={`review-${page.id}`}>
              {page.kind === "section"
                ? tq(`sections.${page.section.id}.title`)
                : t("questionnaire.closingTitle")}
            </h2>
            <dl className="app-summary-list app-summary-list--review">
              {questionsOnPage(page, template).map((question) => (
                <div className="app-summary-list__row" key={question.id}>
                  <dt>{tq(`questions.${question.id}.text`)}</dt>
                  <dd>{summary(question)}</dd>
                </div>
              ))}
            </dl>
            <button type="submit" name="nav" value={`edit:${page.id}`} className="app-link-button">
              {t("questionnaire.change")}
              <span className="app-visually-hidden">
                {" "}
                {page.kind === "section"
                  ? tq(`sections.${page.section.id}.title`)
                  : t("questionnaire.closingTitle")}
              </span>
            </button>
          </section>
        ))}
      <div className="app-honeypot" aria-hidden="true">
        <label htmlFor="website">{t("questionnaire.honeypot")}</label>
        <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <h2 className="app-heading-m">{t("questionnaire.sendTitle")}</h2>
      <p className="app-body">{t("questionnaire.sendLead")}</p>
      <div className="app-button-group">
        {/* A lighter handler stores the answers (app/feedback/send-endpoint.server.ts). */}
        <button
          type="submit"
          name="nav"
          value="submit"
          formAction={sendAction}
          className="app-button"
        >
          {t("questionnaire.send")}
        </button>
        <button type="submit" name="nav" value="back" className="app-button app-button--secondary">
          {t("questionnaire.back")}
        </button>
      </div>
    </>
  );
}
