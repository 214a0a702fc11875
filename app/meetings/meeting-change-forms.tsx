import { useTranslation } from "react-i18next";

import {
  AgendaFields,
  BriefingField,
  ExtraordinaryFields,
  KeptTextArea,
  MeetingWhenWhereFields,
} from "./meeting-forms";
import { StaffForm } from "../ui/form-fields";
import type { FieldErrors, FormValues } from "../ui/parse-form";

/**
 * The forms of a meeting's change and cancel page (decision 037), for the secretariat, in the
 * GOV.UK pattern and working without JavaScript. Values come back as typed after a refusal.
 */

/** Cancels the meeting with a reason (required; read by the chair and the secretariat). */
export function CancelMeetingForm({
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
    <StaffForm
      csrfToken={csrfToken}
      intent="cancel"
      submitLabel={t("cancel.submit")}
      className="app-narrow"
    >
      <KeptTextArea
        name="reason"
        label={t("cancel.reason")}
        hint={t("cancel.reasonHint")}
        rows={3}
        values={values}
        errors={errors}
      />
    </StaffForm>
  );
}

/**
 * Changes the meeting's day, time, place, online link, agenda, briefing or extraordinary mark.
 * `values` are the meeting's current ones on a fresh page, the typed ones after a refusal.
 */
export function ChangeMeetingForm({
  csrfToken,
  values,
  errors,
  lastNoticeDay,
  firstNoticeDay,
}: {
  csrfToken: string;
  values: FormValues;
  errors?: FieldErrors;
  /** The last day on which notice was in time (dd.mm.yyyy), after a "notice_late" refusal. */
  lastNoticeDay?: string | null;
  /** The first day notice given today is in time for (dd.mm.yyyy), after "date_past". */
  firstNoticeDay?: string | null;
}) {
  const { t } = useTranslation("meetings");
  return (
    <StaffForm
      csrfToken={csrfToken}
      intent="change"
      submitLabel={t("change.submit")}
      className="app-narrow"
    >
      <MeetingWhenWhereFields
        values={values}
        errors={errors}
        lastNoticeDay={lastNoticeDay}
        firstNoticeDay={firstNoticeDay}
      />
      <AgendaFields values={values} errors={errors} hint="change.agendaHint" />
      <BriefingField values={values} errors={errors} />
      <ExtraordinaryFields values={values} errors={errors} />
    </StaffForm>
  );
}
