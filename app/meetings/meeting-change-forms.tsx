import { useTranslation } from "react-i18next";

import { KeptTextArea, KeptTextField } from "./meeting-forms";
import { CheckboxGroup, StaffForm } from "../ui/form-fields";
import { valuesOf, type FieldErrors, type FormValues } from "../ui/parse-form";

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
 * Changes the meeting's day, time, place, online link, briefing or extraordinary mark.
 * `values` are the meeting's current ones on a fresh page, the typed ones after a refusal.
 */
export function ChangeMeetingForm({
  csrfToken,
  values,
  errors,
  lastNoticeDay,
}: {
  csrfToken: string;
  values: FormValues;
  errors?: FieldErrors;
  /** The last day on which notice was in time (dd.mm.yyyy), after a "notice_late" refusal. */
  lastNoticeDay?: string | null;
}) {
  const { t } = useTranslation("meetings");
  return (
    <StaffForm
      csrfToken={csrfToken}
      intent="change"
      submitLabel={t("change.submit")}
      className="app-narrow"
    >
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
      <KeptTextArea
        name="briefing"
        label={t("schedule.briefing")}
        hint={t("schedule.briefingHint")}
        rows={8}
        values={values}
        errors={errors}
      />
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
    </StaffForm>
  );
}
