import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { BallotForm, ElectionResults } from "~/board/election-forms";
import { castBallot, getElection, getVoterState } from "~/board/election.server";
import { titleMeta } from "~/i18n/meta";
import { requireSignedDeclaration } from "~/meetings/declaration.commands.server";
import { ErrorSummary } from "~/ui/form-fields";

export const meta = titleMeta("members:ballot.secrecyTitle");

/**
 * The round, if `user` may see it: an active member of its board who is a voter in it and has
 * signed the confidentiality declaration in force.
 */
async function loadBallot(
  request: Request,
  params: { boardId?: string; electionId?: string },
  formData?: FormData,
) {
  const context = await requireUser(request, "board:vote", formData);
  const election = params.electionId ? await getElection(params.electionId) : null;
  if (!election || election.boardId !== params.boardId)
    throw new Response("Not Found", { status: 404 });
  const voter = await getVoterState(context.user, election.id);
  if (!voter) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  // The board's elections are its work: closed to anyone who has not signed the declaration
  // in force, like every board page (decision 027).
  await requireSignedDeclaration(context.user);
  return { ...context, election, voter };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { election, voter, csrfToken } = await loadBallot(request, params);
  return {
    position: election.position,
    status: election.status,
    candidates: election.candidates,
    outcome: election.outcome,
    tally: election.tally,
    unanimous: election.unanimous,
    electedMembershipId: election.electedMembershipId,
    hasVoted: voter.hasVoted,
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, election } = await loadBallot(request, params, formData);
  // The choice is read from the body only, and never echoed, logged or audited.
  const result = await castBallot(user, {
    electionId: election.id,
    choice: String(formData.get("choice") ?? ""),
  });
  if (!result.ok) return data({ errors: result.errors }, { status: 400 });
  return data({ errors: {} as Record<string, string> });
}

export default function BallotPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("members");
  const position = t(`positions.${loaded.position}`);
  const elected = loaded.candidates.find((c) => c.membershipId === loaded.electedMembershipId);
  return (
    <div className="app-narrow">
      <ErrorSummary errors={actionData?.errors} fieldOrder={["choice"]} />
      <h1 className="app-heading-l">{t("ballot.title", { position })}</h1>
      <section aria-labelledby="secrecy" className="app-inset">
        <h2 className="app-heading-s" id="secrecy">
          {t("ballot.secrecyTitle")}
        </h2>
        <ul className="app-list">
          <li>{t("ballot.secrecy1")}</li>
          <li>{t("ballot.secrecy2")}</li>
          <li>{t("ballot.secrecy3")}</li>
          <li>{t("ballot.secrecy4")}</li>
        </ul>
      </section>
      {loaded.status === "open" && !loaded.hasVoted ? (
        <BallotForm
          csrfToken={loaded.csrfToken}
          candidates={loaded.candidates}
          error={actionData?.errors.choice}
        />
      ) : null}
      {loaded.status === "open" && loaded.hasVoted ? (
        <p className="app-notification app-notification--success" role="status">
          {t("ballot.voted")}
        </p>
      ) : null}
      {loaded.status !== "open" ? (
        <>
          <h2 className="app-heading-m">{t("ballot.resultsTitle")}</h2>
          {loaded.outcome ? (
            <p className="app-body">
              <strong>
                {t(`elections.outcome.${loaded.outcome}`, { name: elected?.fullName ?? "" })}
              </strong>
            </p>
          ) : null}
          {loaded.tally ? (
            <ElectionResults
              candidates={loaded.candidates}
              tally={loaded.tally}
              unanimous={loaded.unanimous}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
