import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { Tally } from "./election-rules";
import { CheckboxGroup, CsrfField, RadioGroup } from "../ui/form-fields";
import type { FieldErrors } from "../ui/parse-form";

type Candidate = { membershipId: string; fullName: string };

/** The secretariat opens a round: a position and the candidates standing. */
export function OpenBallotForm({
  csrfToken,
  candidates,
  errors,
}: {
  csrfToken: string;
  candidates: (Candidate & { mayStand: boolean })[];
  errors?: FieldErrors;
}) {
  const { t } = useTranslation("members");
  return (
    <section aria-labelledby="open-ballot" className="app-narrow">
      <h2 className="app-heading-m" id="open-ballot">
        {t("elections.openTitle")}
      </h2>
      {candidates.length === 0 ? (
        <p className="app-body">{t("elections.noActive")}</p>
      ) : (
        <Form method="post" noValidate>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="intent" value="open" />
          <RadioGroup
            name="position"
            legend={t("elections.position")}
            options={[
              { value: "chair", label: t("positions.chair") },
              { value: "secretary", label: t("positions.secretary") },
            ]}
            checked="chair"
            error={errors?.position}
          />
          <CheckboxGroup
            name="candidates"
            legend={t("elections.candidates")}
            hint={t("elections.candidatesHint")}
            options={candidates.map((c) => ({
              value: c.membershipId,
              label: c.mayStand ? c.fullName : t("elections.termLimit", { name: c.fullName }),
            }))}
            checked={[]}
            error={errors?.candidates}
          />
          <button type="submit" className="app-button">
            {t("elections.openSubmit")}
          </button>
        </Form>
      )}
    </section>
  );
}

/** A member's secret ballot: one candidate or a blank ballot. The choice goes only in the body. */
export function BallotForm({
  csrfToken,
  candidates,
  error,
}: {
  csrfToken: string;
  candidates: Candidate[];
  error?: string;
}) {
  const { t } = useTranslation("members");
  return (
    <Form method="post" noValidate>
      <CsrfField token={csrfToken} />
      <RadioGroup
        name="choice"
        legend={t("ballot.choice")}
        options={[
          ...candidates.map((c) => ({ value: c.membershipId, label: c.fullName })),
          { value: "blank", label: t("ballot.blank") },
        ]}
        checked={undefined}
        error={error}
      />
      <button type="submit" className="app-button">
        {t("ballot.submit")}
      </button>
    </Form>
  );
}

/** The totals of a counted round, and the warning that a unanimous result reveals every vote. */
export function ElectionResults({
  candidates,
  tally,
  unanimous,
}: {
  candidates: Candidate[];
  tally: Tally;
  unanimous: boolean;
}) {
  const { t } = useTranslation("members");
  return (
    <>
      <table className="app-table">
        <caption className="app-table__caption">{t("ballot.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ballot.candidate")}</th>
            <th scope="col">{t("ballot.votes")}</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((c) => (
            <tr key={c.membershipId}>
              <th scope="row">{c.fullName}</th>
              <td>{tally.counts[c.membershipId] ?? 0}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t("ballot.abstentions")}</th>
            <td>{tally.abstentions}</td>
          </tr>
          <tr>
            <th scope="row">{t("ballot.validVotes")}</th>
            <td>{tally.valid}</td>
          </tr>
        </tbody>
      </table>
      {unanimous ? <p className="app-warning">{t("ballot.unanimous")}</p> : null}
    </>
  );
}
