import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { CheckboxGroup, CsrfField } from "../ui/form-fields";

/**
 * The secretariat's erasure of a member's data on request (decision 035): a confirmation box,
 * then one button. Only shown for a membership that has ended and is not erased yet.
 */
export function EraseMemberForm({ csrfToken, error }: { csrfToken: string; error?: string }) {
  const { t } = useTranslation("members");
  return (
    <Form method="post" noValidate>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="intent" value="erase" />
      <CheckboxGroup
        name="confirm"
        legend={t("data.confirmLegend")}
        options={[{ value: "yes", label: t("data.confirm") }]}
        checked={[]}
        error={error}
      />
      <button type="submit" className="app-button">
        {t("data.erase")}
      </button>
    </Form>
  );
}
