import { useTranslation } from "react-i18next";

import { KeptTextArea } from "./meeting-forms";
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
