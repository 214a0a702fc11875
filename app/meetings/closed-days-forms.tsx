import { useTranslation } from "react-i18next";

import { KeptTextField } from "./meeting-forms";
import { StaffForm } from "../ui/form-fields";
import type { FieldErrors, FormValues } from "../ui/parse-form";

/**
 * The forms of the closed-days page (decision 038), for admins, in the GOV.UK pattern and
 * working without JavaScript.
 */

/** Adds a day the office is closed, with a short label; values kept after a refusal. */
export function AddClosedDayForm({
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
      intent="add"
      submitLabel={t("closedDays.add")}
      className="app-narrow"
    >
      <KeptTextField
        name="day"
        type="date"
        label={t("closedDays.day")}
        hint={t("closedDays.dayHint")}
        values={values}
        errors={errors}
      />
      <KeptTextField
        name="label"
        label={t("closedDays.label")}
        hint={t("closedDays.labelHint")}
        values={values}
        errors={errors}
      />
    </StaffForm>
  );
}

/** The list of closed days, each with its own Remove button. */
export function ClosedDayList({
  csrfToken,
  days,
}: {
  csrfToken: string;
  days: { day: string; shown: string; label: string }[];
}) {
  const { t } = useTranslation("meetings");
  if (days.length === 0) return <p className="app-body">{t("closedDays.none")}</p>;
  return (
    <table className="app-table">
      <caption className="app-table__caption app-visually-hidden">
        {t("closedDays.listHeading")}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t("closedDays.day")}</th>
          <th scope="col">{t("closedDays.label")}</th>
          <th scope="col">{t("closedDays.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {days.map((row) => (
          <tr key={row.day}>
            <td>{row.shown}</td>
            <td>{row.label}</td>
            <td>
              <StaffForm
                csrfToken={csrfToken}
                intent="remove"
                submitLabel={t("closedDays.remove", { day: row.shown })}
                secondary
              >
                <input type="hidden" name="day" value={row.day} />
              </StaffForm>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
