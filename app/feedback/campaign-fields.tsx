import { useTranslation } from "react-i18next";

import { PURPOSES } from "./campaign.schemas";
import { RadioGroup, TextField } from "../ui/form-fields";

/**
 * The campaign fields that creating and changing a campaign share, in this order: purpose,
 * collecting organisation, whether it gave the support, opening and closing dates.
 */
export function CampaignWordingAndDates({
  value,
  errors,
}: {
  value: (name: string) => string;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation("feedback");
  return (
    <>
      <RadioGroup
        name="purpose"
        legend={t("staff.fields.purpose")}
        options={PURPOSES.map((purpose) => ({ value: purpose, label: t(`purposes.${purpose}`) }))}
        checked={value("purpose")}
        error={errors.purpose}
      />
      <TextField
        name="purposeOther"
        label={t("staff.fields.purposeOther")}
        defaultValue={value("purposeOther")}
        error={errors.purposeOther}
      />
      <TextField
        name="collectingOrganisation"
        label={t("staff.fields.organisation")}
        hint={t("staff.fields.organisationHint")}
        defaultValue={value("collectingOrganisation")}
        error={errors.collectingOrganisation}
      />
      <RadioGroup
        name="collectorProvidedSupport"
        legend={t("staff.fields.collectorProvided")}
        hint={t("staff.fields.collectorProvidedHint")}
        options={[
          { value: "no", label: t("staff.fields.no") },
          { value: "yes", label: t("staff.fields.yes") },
        ]}
        checked={value("collectorProvidedSupport")}
        error={errors.collectorProvidedSupport}
      />
      <TextField
        name="opensOn"
        type="date"
        label={t("staff.fields.opensOn")}
        defaultValue={value("opensOn")}
        error={errors.opensOn}
      />
      <TextField
        name="closesOn"
        type="date"
        label={t("staff.fields.closesOn")}
        defaultValue={value("closesOn")}
        error={errors.closesOn}
      />
    </>
  );
}
