import { useTranslation } from "react-i18next";

import { CONTACT_CHANNELS } from "./application.schemas";
import { CheckboxGroup, RadioGroup, TextAreaField } from "../ui/form-fields";
import { valueOf, valuesOf, type FormValues } from "../ui/parse-form";

/** Yes / No options of the application's questions. */
export const yesNoOptions = (t: (key: string) => string) => [
  { value: "yes", label: t("apply.yes") },
  { value: "no", label: t("apply.no") },
];

/**
 * How and when it is safe to contact an applicant (issue 15: channels, times, whether a
 * voicemail or a message on a shared phone is safe): the same fields on the application's
 * contact page and on the status page where the applicant corrects them. `values` and `errors`
 * come from the form (kept as typed after a refused post); `hints` adds the explanations the
 * application shows the first time.
 */
export function ContactSafetyFields({
  values,
  errors,
  hints = false,
}: {
  values: FormValues;
  errors: Record<string, string | undefined>;
  hints?: boolean;
}) {
  const { t } = useTranslation("board");
  return (
    <>
      <CheckboxGroup
        name="channels"
        legend={t("apply.fields.channels")}
        options={CONTACT_CHANNELS.map((value) => ({
          value,
          label: t(`apply.channels.${value}`),
        }))}
        checked={valuesOf(values, "channels")}
        error={errors.channels}
      />
      <TextAreaField
        id="contactTimes"
        name="contactTimes"
        label={t("apply.fields.contactTimes")}
        hint={hints ? t("apply.fields.contactTimesHint") : undefined}
        defaultValue={valueOf(values, "contactTimes")}
        error={errors.contactTimes}
        rows={2}
      />
      <RadioGroup
        name="voicemailSafe"
        legend={t("apply.fields.voicemailSafe")}
        options={yesNoOptions(t)}
        checked={valueOf(values, "voicemailSafe") || undefined}
        error={errors.voicemailSafe}
      />
      <RadioGroup
        name="sharedPhoneSafe"
        legend={t("apply.fields.sharedPhoneSafe")}
        hint={hints ? t("apply.fields.sharedPhoneSafeHint") : undefined}
        options={yesNoOptions(t)}
        checked={valueOf(values, "sharedPhoneSafe") || undefined}
        error={errors.sharedPhoneSafe}
      />
    </>
  );
}
