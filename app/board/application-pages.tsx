import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { formatDayMonthYear } from "./ages";
import { APPLICANT_STATUS_PATH } from "./applicant-paths";
import {
  GENDERS,
  LIMITS,
  PREFER_NOT,
  REGIONS,
  STEP_FIELDS,
  type ApplicationStep,
} from "./application.schemas";
import type { StepView } from "./apply.server";
import { BOARD_AREAS } from "./areas";
import { ContactSafetyFields, yesNoOptions } from "./contact-safety-fields";
import { getLangFromPath, localePath } from "../i18n/lang";
import {
  CheckboxGroup,
  ErrorSummary,
  FieldError,
  RadioGroup,
  TextAreaField,
  TextField,
} from "../ui/form-fields";
import { valueOf, valuesOf, type FormValues } from "../ui/parse-form";

/**
 * The pages of the Annex 3.3 application, plain HTML forms that work without JavaScript. The
 * values of the other pages travel as hidden fields; nothing is stored before Send.
 */
function fieldsOfStep(step: ApplicationStep): string[] {
  return STEP_FIELDS[step].flatMap((field) =>
    field === "dob" ? ["dobDay", "dobMonth", "dobYear"] : [field],
  );
}

function HiddenValues({ values, except }: { values: FormValues; except: string[] }) {
  return (
    <>
      {Object.entries(values)
        .filter(([name]) => !except.includes(name))
        .flatMap(([name, value]) =>
          (Array.isArray(value) ? value : [value]).map((one, index) => (
            <input key={`${name}-${index}`} type="hidden" name={name} value={one} />
          )),
        )}
    </>
  );
}

function DateOfBirthField({ values, error }: { values: FormValues; error?: string }) {
  const { t } = useTranslation("board");
  const part = (name: string, label: string, width: string) => (
    <div className="app-date-input__item">
      <label className="app-label" htmlFor={name === "dobDay" ? "dob" : name}>
        {label}
      </label>
      <input
        className={`app-input app-input--short app-date-input__input-${width}${error ? " app-input--error" : ""}`}
        id={name === "dobDay" ? "dob" : name}
        name={name}
        inputMode="numeric"
        defaultValue={valueOf(values, name)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`dob-hint${error ? " dob-error" : ""}`}
      />
    </div>
  );
  return (
    <div className={`app-form-group${error ? " app-form-group--error" : ""}`}>
      <fieldset
        className="app-fieldset"
        role="group"
        aria-describedby={`dob-hint${error ? " dob-error" : ""}`}
      >
        <legend className="app-fieldset__legend">{t("apply.fields.dob")}</legend>
        <p className="app-hint" id="dob-hint">
          {t("apply.fields.dobHint")}
        </p>
        <FieldError name="dob" error={error} />
        <div className="app-date-input">
          {part("dobDay", t("apply.fields.day"), "2")}
          {part("dobMonth", t("apply.fields.month"), "2")}
          {part("dobYear", t("apply.fields.year"), "4")}
        </div>
      </fieldset>
    </div>
  );
}

function StepFields({ view }: { view: StepView }) {
  const { t } = useTranslation("board");
  const { values, errors } = view;
  const text = (
    name: string,
    options: { hint?: string; type?: "email" | "text"; autoComplete?: string } = {},
  ) => (
    <TextField
      name={name}
      label={t(`apply.fields.${name}`)}
      hint={options.hint}
      type={options.type}
      autoComplete={options.autoComplete}
      defaultValue={valueOf(values, name)}
      error={errors[name]}
    />
  );
  const area = (name: string, hint?: string) => (
    <TextAreaField
      id={name}
      name={name}
      label={t(`apply.fields.${name}`, { board: view.boardName })}
      hint={hint ?? t("apply.limit", { count: LIMITS.answer })}
      defaultValue={valueOf(values, name)}
      error={errors[name]}
      rows={6}
    />
  );
  switch (view.step) {
    case "about":
      return (
        <>
          {text("firstName", { autoComplete: "given-name" })}
          {text("lastName", { autoComplete: "family-name" })}
          <DateOfBirthField values={values} error={errors.dob} />
          {text("placeOfBirth")}
          {text("nationality")}
          <RadioGroup
            name="residence"
            legend={t("apply.fields.residence")}
            options={(view.residenceRule === "citizen" ? ["citizen"] : ["citizen", "resident"]).map(
              (value) => ({ value, label: t(`apply.residence.${value}`) }),
            )}
            checked={valueOf(values, "residence") || undefined}
            error={errors.residence}
          />
        </>
      );
    case "guardian":
      return (
        <>
          <p className="app-body">{t("apply.guardian.lead")}</p>
          {text("guardianName")}
          {text("guardianContact", { hint: t("apply.fields.guardianContactHint") })}
          <CheckboxGroup
            name="guardianConfirmed"
            legend={t("apply.fields.guardianConfirmedLegend")}
            options={[{ value: "yes", label: t("apply.fields.guardianConfirmed") }]}
            checked={valuesOf(values, "guardianConfirmed")}
            error={errors.guardianConfirmed}
          />
        </>
      );
    case "contact":
      return (
        <>
          <p className="app-body">{t("apply.contact.lead")}</p>
          {text("email", {
            type: "email",
            autoComplete: "email",
            hint: t("apply.fields.emailHint"),
          })}
          {text("phone", { autoComplete: "tel", hint: t("apply.fields.phoneHint") })}
          <ContactSafetyFields values={values} errors={errors} hints />
        </>
      );
    case "questions":
      return (
        <>
          {area("activity")}
          {area("suitability")}
          {area("motivation", t("apply.fields.motivationHint", { count: LIMITS.answer }))}
          {area("additional")}
        </>
      );
    case "more":
      return (
        <>
          <RadioGroup
            name="nominated"
            legend={t("apply.fields.nominated")}
            hint={t("apply.fields.nominatedHint")}
            options={yesNoOptions(t)}
            checked={valueOf(values, "nominated") || undefined}
            error={errors.nominated}
          />
          {text("nominatingOrganisation", { hint: t("apply.fields.nominatingOrganisationHint") })}
          <h2 className="app-heading-m">{t("apply.optional.title")}</h2>
          <p className="app-body">{t("apply.optional.lead")}</p>
          <RadioGroup
            name="gender"
            legend={t("apply.fields.gender")}
            options={[...GENDERS, PREFER_NOT].map((value) => ({
              value,
              label: t(`apply.gender.${value}`),
            }))}
            checked={valueOf(values, "gender") || undefined}
            error={errors.gender}
          />
          <RadioGroup
            name="region"
            legend={t("apply.fields.region")}
            options={[...REGIONS, PREFER_NOT].map((value) => ({
              value,
              label: t(`apply.region.${value}`),
            }))}
            checked={valueOf(values, "region") || undefined}
            error={errors.region}
          />
          <CheckboxGroup
            name="expertise"
            legend={t("apply.fields.expertise")}
            options={[
              ...BOARD_AREAS.map((value) => ({ value, label: t(`areas.${value}`) })),
              { value: PREFER_NOT, label: t("apply.preferNot") },
            ]}
            checked={valuesOf(values, "expertise")}
            error={errors.expertise}
          />
        </>
      );
    case "check":
      return <CheckAnswers view={view} />;
  }
}

/** The check-your-answers page: every answer with a Change button, the notice and signature. */
function CheckAnswers({ view }: { view: StepView }) {
  const { t } = useTranslation("board");
  const { values, errors } = view;
  const shown = (name: string): string => {
    const list = valuesOf(values, name).filter(Boolean);
    if (name === "channels") return list.map((v) => t(`apply.channels.${v}`)).join(", ");
    if (name === "expertise")
      return list
        .map((v) => (v === PREFER_NOT ? t("apply.preferNot") : t(`areas.${v}`)))
        .join("; ");
    const value = list[0] ?? "";
    if (!value) return t("apply.check.notGiven");
    if (["voicemailSafe", "sharedPhoneSafe", "nominated", "guardianConfirmed"].includes(name))
      return t(`apply.${value === "yes" ? "yes" : "no"}`);
    if (name === "residence") return t(`apply.residence.${value}`);
    if (name === "gender") return t(`apply.gender.${value}`);
    if (name === "region") return t(`apply.region.${value}`);
    return value;
  };
  const dob = [
    valueOf(values, "dobYear"),
    valueOf(values, "dobMonth").padStart(2, "0"),
    valueOf(values, "dobDay").padStart(2, "0"),
  ].join("-");
  const sections = view.steps.filter((step) => step !== "check");
  return (
    <>
      {sections.map((step) => (
        <section key={step} aria-labelledby={`check-${step}`}>
          <h2 className="app-heading-m" id={`check-${step}`}>
            {t(`apply.steps.${step}`)}
          </h2>
          <dl className="app-summary-list">
            {STEP_FIELDS[step].map((field) => (
              <div className="app-summary-list__row" key={field}>
                <dt className="app-summary-list__key">
                  {t(`apply.fields.${field}`, { board: view.boardName })}
                </dt>
                <dd className="app-summary-list__value">
                  {field === "dob"
                    ? t("apply.check.dob", { date: formatDayMonthYear(dob), count: view.age ?? 0 })
                    : shown(field)}
                </dd>
              </div>
            ))}
          </dl>
          <button
            type="submit"
            name="nav"
            value={`goto:${step}`}
            className="app-button app-button--secondary"
          >
            {t("apply.check.change", { section: t(`apply.steps.${step}`) })}
          </button>
        </section>
      ))}
      <h2 className="app-heading-m">{t("apply.check.declarations")}</h2>
      <div className="app-inset">
        <p className="app-body">{t("notice.notSupport", { board: view.boardName })}</p>
      </div>
      <CheckboxGroup
        name="acknowledged"
        legend={t("apply.fields.acknowledgedLegend")}
        options={[{ value: "yes", label: t("apply.fields.acknowledged") }]}
        checked={valuesOf(values, "acknowledged")}
        error={errors.acknowledged}
      />
      <CheckboxGroup
        name="stayInformed"
        legend={t("apply.fields.stayInformedLegend")}
        options={[
          { value: "yes", label: t("apply.fields.stayInformed", { board: view.boardName }) },
        ]}
        checked={valuesOf(values, "stayInformed")}
        error={errors.stayInformed}
      />
      <p className="app-body">{t("apply.check.date", { date: formatDayMonthYear(view.today) })}</p>
      <TextField
        name="signature"
        label={t("apply.fields.signature")}
        hint={t("apply.fields.signatureHint")}
        defaultValue={valueOf(values, "signature")}
        error={errors.signature}
      />
      <CheckboxGroup
        name="signatureConfirmed"
        legend={t("apply.fields.signatureConfirmedLegend")}
        options={[{ value: "yes", label: t("apply.fields.signatureConfirmed") }]}
        checked={valuesOf(values, "signatureConfirmed")}
        error={errors.signatureConfirmed}
      />
    </>
  );
}

/** One page of the journey. */
export function ApplicationStepPage({ view }: { view: StepView }) {
  const { t } = useTranslation("board");
  const own = fieldsOfStep(view.step);
  const position = view.steps.indexOf(view.step) + 1;
  return (
    <div className="app-narrow">
      <ErrorSummary errors={view.errors} fieldOrder={[...STEP_FIELDS[view.step]]} />
      <p className="app-caption">{t("apply.progress", { count: position })}</p>
      <h1 className="app-heading-l">{t(`apply.steps.${view.step}`)}</h1>
      <form method="post" noValidate>
        <input type="hidden" name="step" value={view.step} />
        <input type="hidden" name="nonce" value={view.nonce} />
        <HiddenValues values={view.values} except={own} />
        <StepFields view={view} />
        <div className="app-button-group">
          {view.step === "check" ? (
            <button type="submit" name="nav" value="send" className="app-button">
              {t("apply.send")}
            </button>
          ) : (
            <button type="submit" name="nav" value="next" className="app-button">
              {t("apply.continue")}
            </button>
          )}
          {position > 1 ? (
            <button
              type="submit"
              name="nav"
              value="back"
              className="app-button app-button--secondary"
            >
              {t("apply.back")}
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}

/** Under 16: a kind page; nothing was stored. */
export function TooYoungPage({ callId }: { callId: string }) {
  const { t } = useTranslation("board");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <div className="app-narrow">
      <h1 className="app-heading-l">{t("apply.tooYoung.title")}</h1>
      <p className="app-body">{t("apply.tooYoung.body")}</p>
      <p className="app-body">{t("apply.tooYoung.nothingKept")}</p>
      <p className="app-body">
        <a href={localePath(lang, `/bord/${callId}`)}>{t("apply.tooYoung.back")}</a>
      </p>
    </div>
  );
}

/**
 * After Send: the reference code and passphrase, shown this once. The page prints on its own
 * (neutral title), and says plainly that nobody can show them again.
 */
export function SentPage({ reference, passphrase }: { reference: string; passphrase: string }) {
  const { t } = useTranslation("board");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <div className="app-narrow">
      <h1 className="app-heading-l">{t("apply.sent.title")}</h1>
      <p className="app-body">{t("apply.sent.lead")}</p>
      <dl className="app-summary-list app-credentials">
        <div className="app-summary-list__row">
          <dt className="app-summary-list__key">{t("apply.sent.reference")}</dt>
          <dd className="app-summary-list__value">
            <code id="reference">{reference}</code>
          </dd>
        </div>
        <div className="app-summary-list__row">
          <dt className="app-summary-list__key">{t("apply.sent.passphrase")}</dt>
          <dd className="app-summary-list__value">
            <code id="passphrase">{passphrase}</code>
          </dd>
        </div>
      </dl>
      <p className="app-body">{t("apply.sent.onlyOnce")}</p>
      <p className="app-body">{t("apply.sent.keepSafe")}</p>
      <p className="app-body">
        {t("apply.sent.whatNext")}{" "}
        <a href={localePath(lang, APPLICANT_STATUS_PATH)}>{t("apply.sent.statusLink")}</a>
      </p>
    </div>
  );
}

/** A second Send of the same form: the first one was stored, its codes were shown then. */
export function AlreadySentPage() {
  const { t } = useTranslation("board");
  return (
    <div className="app-narrow">
      <h1 className="app-heading-l">{t("apply.alreadySent.title")}</h1>
      <p className="app-body">{t("apply.alreadySent.body")}</p>
    </div>
  );
}
