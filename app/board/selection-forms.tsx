import { useTranslation } from "react-i18next";

import { RadioGroup, StaffForm, TextAreaField, TextField } from "../ui/form-fields";
import { fieldState, valueOf, type FieldErrors, type FormValues } from "../ui/parse-form";

/**
 * The NRM list form (issue 15, selection): the date of the NRM meeting, the date the shortlist
 * was sent, and the reason when it went later than 10 working days before the meeting.
 * Posts `intent=list`.
 */
export function NrmListForm({
  csrfToken,
  values,
  errors,
}: {
  csrfToken: string;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("review");
  return (
    <StaffForm
      csrfToken={csrfToken}
      intent="list"
      submitLabel={t("selection.saveList")}
      className="app-narrow"
    >
      <TextField
        type="date"
        label={t("selection.meetingOn")}
        {...fieldState(values, errors, "meetingOn")}
      />
      <TextField
        type="date"
        label={t("selection.sentOn")}
        {...fieldState(values, errors, "sentOn")}
      />
      <TextAreaField
        id="lateReason"
        rows={2}
        label={t("selection.lateReason")}
        hint={t("selection.lateReasonHint")}
        {...fieldState(values, errors, "lateReason")}
      />
    </StaffForm>
  );
}

/** One shortlisted applicant as the vote form shows them: name and the recorded vote, if any. */
export type VoteCandidate = {
  id: string;
  name: string;
  votes: { votesFor: number; votesAgainst: number; status: string } | null;
};

/**
 * The NRM vote on one shortlisted applicant: votes for, votes against, and the decision
 * (selected or not). Posts `intent=vote` with the application's id. Field ids carry the id, as
 * every candidate has a form on the same page.
 */
export function NrmVoteForm({
  csrfToken,
  candidate,
  values,
  errors,
}: {
  csrfToken: string;
  candidate: VoteCandidate;
  values: FormValues;
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("review");
  const { id, votes } = candidate;
  return (
    <StaffForm
      csrfToken={csrfToken}
      intent="vote"
      submitLabel={t("selection.saveVote")}
      secondary
      className="app-narrow"
    >
      <h3 className="app-heading-s">{candidate.name}</h3>
      {votes ? (
        <p className="app-body">
          {t(`selection.decisions.${votes.status === "selected" ? "selected" : "not_selected"}`)}
        </p>
      ) : null}
      <input type="hidden" name="applicationId" value={id} />
      <TextField
        id={`votesFor-${id}`}
        label={t("selection.votesFor")}
        {...fieldState(values, errors, "votesFor")}
      />
      <TextField
        id={`votesAgainst-${id}`}
        label={t("selection.votesAgainst")}
        {...fieldState(values, errors, "votesAgainst")}
      />
      <RadioGroup
        name="decision"
        idPrefix={`decision-${id}`}
        legend={t("selection.decision")}
        options={(["selected", "not_selected"] as const).map((d) => ({
          value: d,
          label: t(`selection.decisions.${d}`),
        }))}
        checked={valueOf(values, "decision") || undefined}
        error={errors?.decision}
      />
    </StaffForm>
  );
}
