import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { boardName } from "~/board/board-name";
import { ElectionResults, OpenBallotForm } from "~/board/election-forms";
import { isPosition } from "~/board/election-rules";
import {
  closeElection,
  getTurnout,
  listEligibleCandidates,
  listElections,
  openElection,
} from "~/board/election.server";
import { formatDay } from "~/board/membership";
import { requireBoard } from "~/board/membership-access.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { CsrfField, ErrorSummary } from "~/ui/form-fields";
import { formDataToValues } from "~/ui/parse-form";

export const meta = titleMeta("members:elections.roundsTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { board, csrfToken } = await requireBoard(request, params.boardId, "board:members:manage");
  const elections = await listElections(board.id);
  const withTurnout = await Promise.all(
    elections.map(async (e) => ({
      ...e,
      turnout: e.status === "open" ? await getTurnout(e.id) : null,
    })),
  );
  return {
    board: {
      id: board.id,
      name: boardName(board, getLangFromPath(new URL(request.url).pathname)),
    },
    elections: withTurnout,
    candidates: await listEligibleCandidates(board.id, "chair"),
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, board } = await requireBoard(
    request,
    params.boardId,
    "board:members:manage",
    formData,
  );
  const intent = formData.get("intent");
  if (intent === "open") {
    const values = formDataToValues(formData, ["csrf"]);
    const position = formData.get("position");
    if (!isPosition(position))
      return data(
        { errors: { position: "common:errors.field_invalid" }, done: null },
        { status: 400 },
      );
    const candidates = formData.getAll("candidates").map(String);
    const result = await openElection(user, { boardId: board.id, position, candidates });
    if (!result.ok) return data({ errors: result.errors, values, done: null }, { status: 400 });
    return data({ errors: {}, done: "opened" as const });
  }
  if (intent === "close") {
    const result = await closeElection(user, String(formData.get("electionId") ?? ""));
    if (!result.ok) return data({ errors: result.errors, done: null }, { status: 400 });
    return data({ errors: {}, done: "closed" as const });
  }
  return data({ errors: { form: "common:errors.field_invalid" }, done: null }, { status: 400 });
}

export default function BoardElectionsPage() {
  const { board, elections, candidates, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("members");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <ErrorSummary
        errors={actionData?.errors as Record<string, string> | undefined}
        fieldOrder={["position", "candidates"]}
      />
      <h1 className="app-heading-l">{t("elections.title", { board: board.name })}</h1>
      {actionData?.done ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t(`elections.${actionData.done}`)}</p>
        </div>
      ) : null}
      <p className="app-body">{t("elections.lead")}</p>
      <p className="app-body">
        <Link to={localePath(lang, `/staff/board/${board.id}/members`)}>
          {t("membership.membersLink", { board: board.name })}
        </Link>
      </p>
      <OpenBallotForm
        csrfToken={csrfToken}
        candidates={candidates}
        errors={actionData?.errors as Record<string, string> | undefined}
      />
      <h2 className="app-heading-m">{t("elections.roundsTitle")}</h2>
      {elections.length === 0 ? <p className="app-body">{t("elections.none")}</p> : null}
      {elections.map((e) => {
        const elected = e.candidates.find((c) => c.membershipId === e.electedMembershipId);
        return (
          <section key={e.id} aria-labelledby={`round-${e.id}`} className="app-round">
            <h3 className="app-heading-s" id={`round-${e.id}`}>
              {t("elections.round", {
                position: t(`positions.${e.position}`),
                date: formatDay(e.openedOn),
              })}
            </h3>
            {e.status === "open" && e.turnout ? (
              <>
                <p className="app-body" data-turnout>
                  {t("elections.turnout", { count: e.turnout.voted })}{" "}
                  {t("elections.eligible", { count: e.eligibleCount })}
                </p>
                {e.turnout.held ? null : (
                  <p className="app-warning">{t("elections.interrupted")}</p>
                )}
                <p className="app-hint">{t("elections.earlyCloseNote")}</p>
                <Form method="post">
                  <CsrfField token={csrfToken} />
                  <input type="hidden" name="intent" value="close" />
                  <input type="hidden" name="electionId" value={e.id} />
                  <button type="submit" className="app-button app-button--secondary">
                    {t("elections.close")}
                  </button>
                </Form>
              </>
            ) : null}
            {e.outcome ? (
              <p className="app-body">
                <strong>
                  {t(`elections.outcome.${e.outcome}`, { name: elected?.fullName ?? "" })}
                </strong>
              </p>
            ) : null}
            {e.tally ? (
              <ElectionResults candidates={e.candidates} tally={e.tally} unanimous={e.unanimous} />
            ) : null}
          </section>
        );
      })}
    </>
  );
}
