import { useTranslation } from "react-i18next";

import { BOARD_AREAS } from "./areas";
import { CheckboxGroup, RadioGroup, TextAreaField, TextField } from "../ui/form-fields";
import { fieldState, valueOf, valuesOf, type FieldErrors, type FormValues } from "../ui/parse-form";

/** Field names of the board form, in page order (the error summary follows it). */
export const BOARD_FIELD_ORDER = [
  "name",
  "nameEn",
  "areas",
  "areasOther",
  "residenceRule",
  "mandateMonths",
];
export const CALL_FIELD_ORDER = ["opensOn", "closesOn", "blindMode"];

/** The board's own fields: name in Albanian and in English, Annex 3.1 areas and free text, Art. 5 residence, mandate. */
export function BoardFields({ values, errors }: { values: FormValues; errors?: FieldErrors }) {
  const { t } = useTranslation("board");
  return (
    <>
      <TextField label={t("staff.fields.name")} {...fieldState(values, errors, "name")} />
      <TextField
        label={t("staff.fields.nameEn")}
        hint={t("staff.fields.nameEnHint")}
        {...fieldState(values, errors, "nameEn")}
      />
      <CheckboxGroup
        name="areas"
        legend={t("staff.fields.areas")}
        hint={t("staff.fields.areasHint")}
        options={BOARD_AREAS.map((area) => ({ value: area, label: t(`areas.${area}`) }))}
        checked={valuesOf(values, "areas")}
        error={errors?.areas}
      />
      <TextAreaField
        id="areasOther"
        label={t("staff.fields.areasOther")}
        {...fieldState(values, errors, "areasOther")}
      />
      <RadioGroup
        name="residenceRule"
        legend={t("staff.fields.residenceRule")}
        options={(["citizen_or_resident", "citizen"] as const).map((rule) => ({
          value: rule,
          label: t(`staff.residence.${rule}`),
        }))}
        checked={valueOf(values, "residenceRule") || undefined}
        error={errors?.residenceRule}
      />
      <TextField
        label={t("staff.fields.mandateMonths")}
        hint={t("staff.fields.mandateMonthsHint")}
        {...fieldState(values, errors, "mandateMonths")}
      />
    </>
  );
}

/** A call's fields: open and close dates, blind review (ticked by default). */
export function CallFields({ values, errors }: { values: FormValues; errors?: FieldErrors }) {
  const { t } = useTranslation("board");
  return (
    <>
      <TextField
        type="date"
        label={t("staff.fields.opensOn")}
        {...fieldState(values, errors, "opensOn")}
      />
      <TextField
        type="date"
        label={t("staff.fields.closesOn")}
        {...fieldState(values, errors, "closesOn")}
      />
      <CheckboxGroup
        name="blindMode"
        legend={t("staff.fields.blindModeLegend")}
        options={[
          {
            value: "on",
            label: t("staff.fields.blindMode"),
            hint: t("staff.fields.blindModeHint"),
          },
        ]}
        checked={valuesOf(values, "blindMode")}
        error={errors?.blindMode}
      />
    </>
  );
}
