import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { REVIEW_CRITERIA, SCORE_MAX, SCORE_MIN } from "./review-rules";
import {
  CheckboxGroup,
  CsrfField,
  RadioGroup,
  SelectField,
  StaffForm,
  TextAreaField,
} from "../ui/form-fields";
import { valueOf, valuesOf, type FieldErrors, type FormValues } from "../ui/parse-form";

/** Forms of review and selection (issue 15). Messages and labels: the `review` namespace. */

type Person = { userId: string; displayName: string; email: string };

/** The secretariat picks the call's reviewers among reviewer accounts. */
export function AssignReviewersForm({
  csrfToken,
  accounts,
  assigned,
  error,
}: {
  csrfToken: string;
  accounts: Person[];
  assigned: string[];
  error?: string;
}) {
  const { t } = useTranslation("review");
  return (
    <StaffForm csrfToken={csrfToken} intent="reviewers" submitLabel={t("call.reviewers.save")}>
      <CheckboxGroup
        name="reviewers"
        legend={t("call.reviewers.legend")}
        hint={t("call.reviewers.hint")}
        options={accounts.map((a) => ({ value: a.userId, label: `${a.displayName} (${a.email})` }))}
        checked={assigned}
        error={error}
      />
    </StaffForm>
  );
}

/** The secretariat records a conflict: one reviewer, one applicant. */
export function ConflictForm({
  csrfToken,
  reviewers,
  applicants,
  values,
  errors,
}: {
  csrfToken: string;
  reviewers: Person[];
  applicants: { id: string; name: string }[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("review");
  const select = (
    name: "reviewerId" | "applicationId",
    options: { value: string; label: string }[],
  ) => (
    <SelectField
      name={name}
      label={t(`call.conflicts.${name}`)}
      error={errors?.[name]}
      defaultValue={valueOf(values, name)}
    >
      <option value="">{t("call.conflicts.choose")}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
  return (
    <StaffForm
      csrfToken={csrfToken}
      intent="conflict"
      submitLabel={t("call.conflicts.record")}
      secondary
    >
      {select(
        "reviewerId",
        reviewers.map((r) => ({ value: r.userId, label: r.displayName })),
      )}
      {select(
        "applicationId",
        applicants.map((a) => ({ value: a.id, label: a.name })),
      )}
    </StaffForm>
  );
}

/**
 * The reviewer's list of names alone: tick anyone known. None ticked is an answer too.
 * `listedAt` (ISO instant) is when the names were listed: applications sent later stay closed
 * until the reviewer has been through their names as well.
 */
export function RecusalForm({
  csrfToken,
  names,
  listedAt,
}: {
  csrfToken: string;
  names: { token: string; name: string }[];
  listedAt: string;
}) {
  const { t } = useTranslation("review");
  return (
    <StaffForm csrfToken={csrfToken} submitLabel={t("recusal.submit")}>
      <input type="hidden" name="listedAt" value={listedAt} />
      {names.length ? (
        <CheckboxGroup
          name="known"
          legend={t("recusal.legend")}
          hint={t("recusal.hint")}
          options={names.map((n) => ({ value: n.token, label: n.name }))}
          checked={[]}
        />
      ) : (
        <p className="app-body">{t("recusal.noNames")}</p>
      )}
    </StaffForm>
  );
}

/** The secretariat lists what to hide in an application's free text; preview, then save. */
export function RedactionForm({
  csrfToken,
  values,
  errors,
}: {
  csrfToken: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("review");
  return (
    <Form method="post" noValidate>
      <CsrfField token={csrfToken} />
      {(["names", "places", "organisations"] as const).map((name) => (
        <TextAreaField
          key={name}
          id={name}
          name={name}
          rows={2}
          label={t(`redact.${name}`)}
          hint={t("redact.listHint")}
          defaultValue={valueOf(values, name)}
          error={errors?.[name]}
        />
      ))}
      <div className="app-button-group">
        <button
          type="submit"
          name="intent"
          value="preview"
          className="app-button app-button--secondary"
        >
          {t("redact.preview")}
        </button>
        <button type="submit" name="intent" value="save" className="app-button">
          {t("redact.save")}
        </button>
      </div>
    </Form>
  );
}

/** One reviewer's scores: each Annex 3.2 criterion 0-3, and notes. */
export function ScoreForm({
  csrfToken,
  values,
  errors,
}: {
  csrfToken: string;
  values?: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("review");
  const scores = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => String(SCORE_MIN + i));
  return (
    <Form method="post" noValidate>
      <CsrfField token={csrfToken} />
      {REVIEW_CRITERIA.map((criterion) => (
        <RadioGroup
          key={criterion}
          name={criterion}
          legend={t(`criteria.${criterion}.label`)}
          hint={t(`criteria.${criterion}.hint`)}
          options={scores.map((score) => ({ value: score, label: t(`criteria.scale.${score}`) }))}
          checked={valueOf(values, criterion) || undefined}
          error={errors?.[criterion]}
        />
      ))}
      <TextAreaField
        id="notes"
        name="notes"
        label={t("application.notes")}
        hint={t("application.notesHint")}
        defaultValue={valueOf(values, "notes")}
        error={errors?.notes}
      />
      <button type="submit" className="app-button">
        {t("application.submit")}
      </button>
    </Form>
  );
}

/** The secretariat ticks the shortlisted applications. */
export function ShortlistForm({
  csrfToken,
  applicants,
  values,
}: {
  csrfToken: string;
  applicants: { id: string; name: string; shortlisted: boolean }[];
  values?: FormValues;
}) {
  const { t } = useTranslation("review");
  return (
    <StaffForm csrfToken={csrfToken} intent="shortlist" submitLabel={t("shortlist.save")}>
      <CheckboxGroup
        name="shortlist"
        legend={t("shortlist.legend")}
        options={applicants.map((a) => ({ value: a.id, label: a.name }))}
        checked={
          values
            ? valuesOf(values, "shortlist")
            : applicants.filter((a) => a.shortlisted).map((a) => a.id)
        }
      />
    </StaffForm>
  );
}
