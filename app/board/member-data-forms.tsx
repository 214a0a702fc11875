import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { CheckboxGroup, CsrfField, ErrorSummary } from "../ui/form-fields";

/**
 * A member's data page, the secretariat's and the admin's (decision 035): a link back, the
 * title, "erased" once it is done; otherwise the lead, what is held (`children`), the JSON
 * download at `<this page>/export`, then erasure on request, offered only for a membership
 * that has ended (for a live one, why not).
 */
export function MemberDataView({
  back,
  exportHref,
  erased,
  justErased,
  canErase,
  csrfToken,
  errors,
  children,
}: {
  back: ReactNode;
  exportHref: string;
  /** The membership's data is erased already. */
  erased: boolean;
  /** …by the request this page answers. */
  justErased: boolean;
  canErase: boolean;
  csrfToken: string;
  errors?: Record<string, string>;
  children: ReactNode;
}) {
  const { t } = useTranslation("members");
  return (
    <>
      <ErrorSummary errors={errors} fieldOrder={["confirm"]} />
      <p className="app-body">{back}</p>
      <h1 className="app-heading-l">{t("data.title")}</h1>
      {justErased ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("data.erasedDone")}</p>
        </div>
      ) : null}
      {erased ? (
        <p className="app-body">{t("data.erasedLead")}</p>
      ) : (
        <>
          <p className="app-body">{t("data.lead")}</p>
          {children}
          <MemberDataActions
            exportHref={exportHref}
            canErase={canErase}
            csrfToken={csrfToken}
            error={errors?.confirm}
          />
        </>
      )}
    </>
  );
}

function MemberDataActions({
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
