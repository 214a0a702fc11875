import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { CheckboxGroup, CsrfField } from "../ui/form-fields";

/**
 * The end of a member's data page (the secretariat's and the admin's): the JSON download at
 * `<this page>/export`, then erasure on request (decision 035), offered only for a membership
 * that has ended; for a live one, why not.
 */
export function MemberDataActions({
  exportHref,
  canErase,
  csrfToken,
  error,
}: {
  exportHref: string;
  canErase: boolean;
  csrfToken: string;
  error?: string;
}) {
  const { t } = useTranslation("members");
  return (
    <>
      <p className="app-body">
        <a href={exportHref} download>
          {t("data.download")}
        </a>
      </p>
      <h2 className="app-heading-m">{t("data.eraseTitle")}</h2>
      <p className="app-body">{t("data.eraseBody")}</p>
      {canErase ? (
        <EraseMemberForm csrfToken={csrfToken} error={error} />
      ) : (
        <p className="app-body">{t("errors.erase_live")}</p>
      )}
    </>
  );
}

/**
 * The erasure of a member's data on request (decision 035): a confirmation box, then one
 * button. Only shown for a membership that has ended and is not erased yet.
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
