import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { CompositionStatus } from "./composition";
import { CheckboxGroup, CsrfField, TextAreaField, TextField } from "../ui/form-fields";
import { valueOf, type FieldErrors, type FormValues } from "../ui/parse-form";

type FormState = { values?: FormValues; errors?: FieldErrors };

/** Art. 5 at a glance: the active count, met or not, and what is wrong. */
export function CompositionStatusBox({ composition }: { composition: CompositionStatus }) {
  const { t } = useTranslation("members");
  const problems = composition.problems.map((p) => t(`composition.problems.${p}`)).join(", ");
  return (
    <div
      className={composition.ok ? "app-inset" : "app-warning"}
      data-composition={composition.ok ? "ok" : "broken"}
    >
      <h2 className="app-heading-s">
        {t("composition.title")}:{" "}
        {t(composition.ok ? "composition.okLabel" : "composition.brokenLabel")}
      </h2>
      <p className="app-body">
        {t(composition.ok ? "composition.ok" : "composition.broken", {
          count: composition.activeCount,
        })}
        {problems ? ` (${problems})` : null}
      </p>
    </div>
  );
}

/** Art. 15: the voluntary participation form, signed as a typed full name plus a confirmation. */
export function ParticipationForm({
  csrfToken,
  membershipId,
  boardName,
  state,
}: {
  csrfToken: string;
  membershipId: string;
  boardName: string;
  state?: FormState;
}) {
  const { t } = useTranslation("members");
  return (
    <section aria-labelledby="participation-title" className="app-narrow">
      <h2 className="app-heading-m" id="participation-title">
        {t("participation.title")}
      </h2>
      <p className="app-body">{t("participation.intro", { board: boardName })}</p>
      <ol className="app-list">
        <li>{t("participation.point1")}</li>
        <li>{t("participation.point2")}</li>
        <li>{t("participation.point3")}</li>
        <li>{t("participation.point4")}</li>
      </ol>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="sign" />
        <input type="hidden" name="membershipId" value={membershipId} />
        <TextField
          name="signature"
          label={t("participation.signature")}
          hint={t("participation.signatureHint")}
          autoComplete="name"
          defaultValue={valueOf(state?.values, "signature")}
          error={state?.errors?.signature}
        />
        <CheckboxGroup
          name="confirm"
          legend={t("participation.title")}
          options={[{ value: "yes", label: t("participation.confirm") }]}
          checked={valueOf(state?.values, "confirm") ? ["yes"] : []}
          error={state?.errors?.confirm}
        />
        <button type="submit" className="app-button">
          {t("participation.submit")}
        </button>
      </Form>
    </section>
  );
}

/** Art. 15: a written notice of withdrawal, reason optional. */
export function WithdrawalForm({
  csrfToken,
  membershipId,
  state,
}: {
  csrfToken: string;
  membershipId: string;
  state?: FormState;
}) {
  const { t } = useTranslation("members");
  return (
    <section aria-labelledby="withdraw-title" className="app-narrow">
      <h2 className="app-heading-m" id="withdraw-title">
        {t("withdraw.title")}
      </h2>
      <p className="app-body">{t("withdraw.lead")}</p>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="withdraw" />
        <input type="hidden" name="membershipId" value={membershipId} />
        <TextAreaField
          id="reason"
          name="reason"
          label={t("withdraw.reason")}
          hint={t("withdraw.reasonHint")}
          defaultValue={valueOf(state?.values, "reason")}
          error={state?.errors?.reason}
        />
        <CheckboxGroup
          name="confirm"
          idPrefix="withdraw-confirm"
          legend={t("withdraw.title")}
          options={[{ value: "yes", label: t("withdraw.confirm") }]}
          checked={[]}
          error={state?.errors?.confirm}
        />
        <button type="submit" className="app-button">
          {t("withdraw.submit")}
        </button>
      </Form>
    </section>
  );
}

/** The secretariat adds a person by name and email (later: from a selected application). */
export function AddMemberForm({ csrfToken, state }: { csrfToken: string; state?: FormState }) {
  const { t } = useTranslation("members");
  return (
    <section aria-labelledby="add-member" className="app-narrow">
      <h2 className="app-heading-m" id="add-member">
        {t("members.addTitle")}
      </h2>
      <p className="app-body">{t("members.addLead")}</p>
      <Form method="post" noValidate>
        <CsrfField token={csrfToken} />
        <input type="hidden" name="intent" value="add" />
        <TextField
          name="fullName"
          label={t("members.fullName")}
          autoComplete="off"
          defaultValue={valueOf(state?.values, "fullName")}
          error={state?.errors?.fullName}
        />
        <TextField
          name="email"
          type="email"
          label={t("members.email")}
          autoComplete="off"
          spellCheck={false}
          defaultValue={valueOf(state?.values, "email")}
          error={state?.errors?.email}
        />
        <TextField
          name="phone"
          label={t("members.phone")}
          autoComplete="off"
          defaultValue={valueOf(state?.values, "phone")}
          error={state?.errors?.phone}
        />
        <button type="submit" className="app-button">
          {t("members.addSubmit")}
        </button>
      </Form>
    </section>
  );
}

/**
 * One member's actions for the secretariat: activate (signed), renew or end (active), each with
 * the composition reason field (Art. 5) where the change can need one.
 */
export function MemberActions({
  csrfToken,
  membershipId,
  memberName,
  status,
  state,
}: {
  csrfToken: string;
  membershipId: string;
  memberName: string;
  status: string;
  state?: FormState & { membershipId?: string };
}) {
  const { t } = useTranslation("members");
  const mine = state?.membershipId === membershipId ? state : undefined;
  const reasonId = `reason-${membershipId}`;
  const reasonError = mine?.errors?.reason;
  const reasonField = (
    <div className={`app-form-group${reasonError ? " app-form-group--error" : ""}`}>
      <label className="app-label" htmlFor={reasonId}>
        {t("members.reasonLabel")}
        <span className="app-visually-hidden">: {memberName}</span>
      </label>
      {reasonError ? (
        <p className="app-error-message" id={`${reasonId}-error`}>
          {t(reasonError)}
        </p>
      ) : null}
      <input
        className={`app-input${reasonError ? " app-input--error" : ""}`}
        id={reasonId}
        name="reason"
        defaultValue={valueOf(mine?.values, "reason")}
        aria-describedby={reasonError ? `${reasonId}-error` : undefined}
        aria-invalid={reasonError ? true : undefined}
      />
    </div>
  );
  if (status === "ended") return null;
  return (
    <Form method="post" noValidate>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="membershipId" value={membershipId} />
      {status === "signed" || status === "active" ? reasonField : null}
      {status === "signed" ? (
        <button
          type="submit"
          name="intent"
          value="activate"
          className="app-button app-button--small"
        >
          {t("members.activate")}
          <span className="app-visually-hidden">: {memberName}</span>
        </button>
      ) : null}
      {status === "active" ? (
        <button
          type="submit"
          name="intent"
          value="renew"
          className="app-button app-button--small app-button--secondary"
        >
          {t("members.renew")}
          <span className="app-visually-hidden">: {memberName}</span>
        </button>
      ) : null}{" "}
      <button
        type="submit"
        name="intent"
        value="end"
        className="app-button app-button--small app-button--secondary"
      >
        {t("members.end")}
        <span className="app-visually-hidden">: {memberName}</span>
      </button>
    </Form>
  );
}
