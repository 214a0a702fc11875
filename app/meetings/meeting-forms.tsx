import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { AGENDA_ROWS, ATTENDANCE, type Attendance, type Reply } from "./meetings.schemas";
import {
  CheckboxGroup,
  CsrfField,
  FieldError,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from "../ui/form-fields";
import { valueOf, valuesOf, type FieldErrors, type FormValues } from "../ui/parse-form";

/**
 * The forms of the meeting pages, in the GOV.UK pattern, working without JavaScript. Values
 * come back as typed after a refusal; messages are `meetings:errors.*` keys.
 */

/**
 * A text area whose id is its name and whose value and error message come back from the
 * form's last submission (`values`, `errors`): the one shape of every free-text field of the
 * meeting forms (agenda summaries, briefing, reasons).
 */
export function KeptTextArea({
  name,
  label,
  hint,
  rows,
  values,
  errors,
}: {
  name: string;
  label: string;
  hint?: string;
  rows: number;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <TextAreaField
      id={name}
      name={name}
      label={label}
      hint={hint}
      error={errors?.[name]}
      defaultValue={valueOf(values, name)}
      rows={rows}
    />
  );
}

/** A one-line text field with the same shape as `KeptTextArea` (id = name, kept value, error). */
export function KeptTextField({
  values,
  errors,
  ...field
}: {
  name: string;
  label: string;
  hint?: string;
  type?: "text" | "email" | "date";
  autoComplete?: string;
  spellCheck?: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <TextField {...field} error={errors?.[field.name]} defaultValue={valueOf(values, field.name)} />
  );
}

type KeptFields = { values?: FormValues; errors?: FieldErrors };

/**
 * When and where a meeting is, as scheduling and changing it ask: the notice rule, the day
 * (with the last day notice was in time after a "notice_late" refusal, and the first day that
 * can still get notice after a "date_past" one, dd.mm.yyyy), the time,
 * the place and the online link.
 */
export function MeetingWhenWhereFields({
  values,
  errors,
  lastNoticeDay,
  firstNoticeDay,
}: KeptFields & { lastNoticeDay?: string | null; firstNoticeDay?: string | null }) {
  const { t } = useTranslation("meetings");
  return (
    <>
      <p className="app-body">{t("schedule.noticeRule")}</p>
      <KeptTextField
        name="date"
        type="date"
        label={t("schedule.date")}
        hint={t("schedule.dateHint")}
        values={values}
        errors={errors}
      />
      {lastNoticeDay ? (
        <p className="app-body" id="notice-late">
          <strong>{t("schedule.noticeLate", { day: lastNoticeDay })}</strong>
        </p>
      ) : null}
      {firstNoticeDay ? (
        <p className="app-body" id="notice-first">
          <strong>{t("schedule.noticeFirst", { day: firstNoticeDay })}</strong>
        </p>
      ) : null}
      <KeptTextField
        name="time"
        label={t("schedule.time")}
        hint={t("schedule.timeHint")}
        values={values}
        errors={errors}
      />
      <KeptTextField
        name="place"
        label={t("schedule.place")}
        hint={t("schedule.placeHint")}
        values={values}
        errors={errors}
      />
      <KeptTextField
        name="onlineLink"
        label={t("schedule.onlineLink")}
        hint={t("schedule.onlineLinkHint")}
        spellCheck={false}
        values={values}
        errors={errors}
      />
    </>
  );
}

/** The briefing on the work done since the last meeting (Art. 11 e). */
export function BriefingField({ values, errors }: KeptFields) {
  const { t } = useTranslation("meetings");
  return (
    <KeptTextArea
      name="briefing"
      label={t("schedule.briefing")}
      hint={t("schedule.briefingHint")}
      rows={8}
      values={values}
      errors={errors}
    />
  );
}

/** The extraordinary mark and its reason (Art. 11 a: inside the notice window only with one). */
export function ExtraordinaryFields({ values, errors }: KeptFields) {
  const { t } = useTranslation("meetings");
  return (
    <>
      <CheckboxGroup
        name="extraordinary"
        legend={t("schedule.extraordinaryLegend")}
        options={[{ value: "on", label: t("schedule.extraordinary") }]}
        checked={valuesOf(values, "extraordinary")}
      />
      <KeptTextArea
        name="extraordinaryReason"
        label={t("schedule.extraordinaryReason")}
        hint={t("schedule.extraordinaryReasonHint")}
        rows={2}
        values={values}
        errors={errors}
      />
    </>
  );
}

/**
 * The agenda rows (AGENDA_ROWS of them: a title and a short summary each), for scheduling and
 * for changing a meeting; `hint` is the locale key of the hint under the legend.
 */
export function AgendaFields({
  values,
  errors,
  hint = "schedule.agendaHint",
}: KeptFields & { hint?: "schedule.agendaHint" | "change.agendaHint" }) {
  const { t } = useTranslation("meetings");
  return (
    <fieldset className="app-fieldset" aria-describedby="agenda-hint">
      <legend className="app-fieldset__legend">{t("schedule.agenda")}</legend>
      <p className="app-hint" id="agenda-hint">
        {t(hint)}
      </p>
      {Array.from({ length: AGENDA_ROWS }, (_, i) => i + 1).map((number) => (
        <div key={number}>
          <KeptTextField
            name={`itemTitle${number}`}
            label={t("schedule.itemTitle", { count: number })}
            values={values}
            errors={errors}
          />
          <KeptTextArea
            name={`itemSummary${number}`}
            label={t("schedule.itemSummary", { count: number })}
            rows={2}
            values={values}
            errors={errors}
          />
        </div>
      ))}
    </fieldset>
  );
}

/** The secretariat's form to schedule a meeting (Art. 11). */
export function ScheduleMeetingForm({
  csrfToken,
  invitable,
  values,
  errors,
  lastNoticeDay,
  firstNoticeDay,
}: {
  csrfToken: string;
  invitable: { userId: string; fullName: string; isChair: boolean }[];
  /** Undefined on a fresh form: every current member is then ticked. */
  values?: FormValues;
  errors?: FieldErrors;
  /** The last day on which notice was in time (dd.mm.yyyy), after a "notice_late" refusal. */
  lastNoticeDay?: string | null;
  /** The first day notice given today is in time for (dd.mm.yyyy), after "date_past". */
  firstNoticeDay?: string | null;
}) {
  const { t } = useTranslation("meetings");
  const invitees = values ? valuesOf(values, "invitees") : invitable.map((p) => p.userId);
  return (
    <Form method="post" noValidate className="app-narrow">
      <CsrfField token={csrfToken} />
      <MeetingWhenWhereFields
        values={values}
        errors={errors}
        lastNoticeDay={lastNoticeDay}
        firstNoticeDay={firstNoticeDay}
      />
      <AgendaFields values={values} errors={errors} />
      <BriefingField values={values} errors={errors} />
      {invitable.length === 0 ? (
        <p className="app-body">{t("schedule.noMembers")}</p>
      ) : (
        <CheckboxGroup
          name="invitees"
          legend={t("schedule.invitees")}
          hint={t("schedule.inviteesHint")}
          error={errors?.invitees}
          options={invitable.map((p) => ({
            value: p.userId,
            label: p.isChair ? t("schedule.chair", { name: p.fullName }) : p.fullName,
          }))}
          checked={invitees}
        />
      )}
      <ExtraordinaryFields values={values} errors={errors} />
      <button type="submit" className="app-button">
        {t("schedule.submit")}
      </button>
    </Form>
  );
}

/** An invitee's answer: confirm, or decline with a written reason (Art. 11 d). */
export function ReplyForm({
  csrfToken,
  current,
  values,
  errors,
}: {
  csrfToken: string;
  current: Reply | null;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("meetings");
  return (
    <Form method="post" noValidate className="app-narrow">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="reply" />
      <RadioGroup
        name="reply"
        legend={t("reply.legend")}
        error={errors?.reply}
        options={[
          { value: "confirmed", label: t("reply.confirmed") },
          { value: "declined", label: t("reply.declined") },
        ]}
        checked={values ? valueOf(values, "reply") || undefined : (current ?? undefined)}
      />
      <KeptTextArea
        name="reason"
        label={t("reply.reason")}
        hint={t("reply.reasonHint")}
        rows={3}
        values={values}
        errors={errors}
      />
      <button type="submit" className="app-button">
        {t("reply.send")}
      </button>
    </Form>
  );
}

/** The secretariat's record of attendance at the meeting, one choice per invitee. */
export function AttendanceForm({
  csrfToken,
  invitees,
  error,
}: {
  csrfToken: string;
  invitees: { userId: string; fullName: string; attendance: Attendance | null }[];
  error?: string;
}) {
  const { t } = useTranslation("meetings");
  return (
    <Form method="post" noValidate id="attendance">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="attendance" />
      <FieldError name="attendance" error={error} />
      {invitees.map((person) => (
        <SelectField
          key={person.userId}
          name={`attendance-${person.userId}`}
          label={t("attendance.of", { name: person.fullName })}
          defaultValue={person.attendance ?? ""}
        >
          <option value="">{t("attendance.status.none")}</option>
          {ATTENDANCE.map((status) => (
            <option key={status} value={status}>
              {t(`attendance.status.${status}`)}
            </option>
          ))}
        </SelectField>
      ))}
      <button type="submit" className="app-button">
        {t("attendance.save")}
      </button>
    </Form>
  );
}

/** A person's choices for meeting messages: email language and the calendar file. */
export function PreferencesForm({
  csrfToken,
  preferences,
}: {
  csrfToken: string;
  preferences: { lang: "sq" | "en"; calendarFile: boolean };
}) {
  const { t } = useTranslation("meetings");
  return (
    <Form method="post" noValidate className="app-narrow">
      <CsrfField token={csrfToken} />
      <RadioGroup
        name="lang"
        legend={t("preferences.lang")}
        options={[
          { value: "sq", label: t("preferences.langSq") },
          { value: "en", label: t("preferences.langEn") },
        ]}
        checked={preferences.lang}
      />
      <CheckboxGroup
        name="calendarFile"
        legend={t("preferences.heading")}
        options={[
          { value: "on", label: t("preferences.calendar"), hint: t("preferences.calendarHint") },
        ]}
        checked={preferences.calendarFile ? ["on"] : []}
      />
      <button type="submit" className="app-button">
        {t("preferences.save")}
      </button>
    </Form>
  );
}

/** Plain text as paragraphs (split at empty lines), line breaks kept; never HTML. */
export function TextParagraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((paragraph) => paragraph.trim())
        .map((paragraph, i) => (
          <p className="app-body" key={i}>
            {paragraph.split("\n").map((line, j) => (
              <span key={j}>
                {j > 0 ? <br /> : null}
                {line}
              </span>
            ))}
          </p>
        ))}
    </>
  );
}

/** The secretariat's form to invite a guest to this meeting only (Art. 5 c). */
export function GuestForm({
  csrfToken,
  values,
  errors,
}: {
  csrfToken: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("meetings");
  return (
    <Form method="post" noValidate className="app-narrow">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="guest" />
      <KeptTextField
        name="guestName"
        label={t("guests.name")}
        autoComplete="off"
        values={values}
        errors={errors}
      />
      <KeptTextField
        name="guestEmail"
        type="email"
        label={t("guests.email")}
        autoComplete="off"
        spellCheck={false}
        values={values}
        errors={errors}
      />
      <RadioGroup
        name="guestLang"
        legend={t("guests.lang")}
        error={errors?.guestLang}
        options={[
          { value: "sq", label: t("preferences.langSq") },
          { value: "en", label: t("preferences.langEn") },
        ]}
        checked={valueOf(values, "guestLang") || "sq"}
      />
      <button type="submit" className="app-button">
        {t("guests.submit")}
      </button>
    </Form>
  );
}
