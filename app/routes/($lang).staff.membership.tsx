import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { requireUser } from "~/auth/guard.server";
import { boardName } from "~/board/board-name";
import { listBoards } from "~/board/boards.server";
import { listElectionsForMember } from "~/board/election.server";
import { formatDay, ParticipationSchema, WithdrawalSchema } from "~/board/membership";
import { CompositionStatusBox, ParticipationForm, WithdrawalForm } from "~/board/membership-forms";
import {
  endMembership,
  getComposition,
  listMyMemberships,
  signParticipation,
} from "~/board/membership.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { ErrorSummary } from "~/ui/form-fields";
import { parseForm } from "~/ui/parse-form";

export const meta = titleMeta("members:membership.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, csrfToken } = await requireUser(request, "board:membership");
  const isSecretariat = user.roles.includes("secretariat");
  const lang = getLangFromPath(new URL(request.url).pathname);
  const boards = isSecretariat
    ? await Promise.all(
        (await listBoards(undefined, lang)).map(async (board) => ({
          id: board.id,
          name: boardName(board, lang),
          composition: await getComposition(board.id),
        })),
      )
    : [];
  const memberships = await listMyMemberships(user.id, lang);
  const withBallots = await Promise.all(
    memberships.map(async (m) => ({
      ...m,
      elections: m.status === "active" ? await listElectionsForMember(m.boardId) : [],
    })),
  );
  return { isSecretariat, boards, memberships: withBallots, csrfToken };
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user } = await requireUser(request, "board:vote", formData);
  const intent = formData.get("intent");
  const lang = getLangFromPath(new URL(request.url).pathname);
  if (intent === "sign") {
    const parsed = parseForm(ParticipationSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok)
      return data(
        { intent, values: parsed.values, errors: parsed.errors, done: null },
        { status: 400 },
      );
    const result = await signParticipation(user, {
      membershipId: String(formData.get("membershipId") ?? ""),
      signature: parsed.data.signature,
    });
    if (!result.ok)
      return data({ intent, values: {}, errors: result.errors, done: null }, { status: 400 });
    return data({ intent, values: {}, errors: {}, done: "signed" as const });
  }
  if (intent === "withdraw") {
    const parsed = parseForm(WithdrawalSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok)
      return data(
        { intent, values: parsed.values, errors: parsed.errors, done: null },
        { status: 400 },
      );
    const result = await endMembership(user, {
      membershipId: parsed.data.membershipId,
      kind: "withdrawn",
      reason: parsed.data.reason,
      lang,
    });
    if (!result.ok)
      return data({ intent, values: {}, errors: result.errors, done: null }, { status: 400 });
    // The person's sessions are gone: the answer is the last page they see signed in.
    return data({ intent, values: {}, errors: {}, done: "withdrawn" as const });
  }
  return data(
    { intent, values: {}, errors: { form: "common:errors.field_invalid" }, done: null },
    { status: 400 },
  );
}

/**
 * After a withdrawal the person's sessions are gone, so this page's loader would send the
 * browser to the sign-in page before the confirmation could show: it is not run again then.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({
  actionResult,
  defaultShouldRevalidate,
}) => {
  const done = (actionResult as { done?: unknown } | undefined)?.done;
  return done === "withdrawn" ? false : defaultShouldRevalidate;
};

export default function MembershipPage() {
  const { isSecretariat, boards, memberships, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("members");
  const lang = getLangFromPath(useLocation().pathname);
  if (actionData?.done === "withdrawn") {
    return (
      <div className="app-narrow" role="status">
        <h1 className="app-heading-l">{t("membership.withdrawnTitle")}</h1>
        <p className="app-body">{t("membership.withdrawnText")}</p>
      </div>
    );
  }
  const state = (intent: string) => (actionData?.intent === intent ? actionData : undefined);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={["signature", "confirm", "reason"]} />
      <h1 className="app-heading-l">{t("membership.title")}</h1>
      {actionData?.done === "signed" ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("membership.signedTitle")}</p>
        </div>
      ) : null}
      {isSecretariat ? (
        <section aria-labelledby="boards-title">
          <h2 className="app-heading-m" id="boards-title">
            {t("membership.boardsTitle")}
          </h2>
          <p className="app-body">{t("membership.boardsLead")}</p>
          {boards.length === 0 ? <p className="app-body">{t("membership.noBoards")}</p> : null}
          {boards.map((board) => (
            <div key={board.id} className="app-board-summary">
              <h3 className="app-heading-s">{board.name}</h3>
              <CompositionStatusBox composition={board.composition} />
              <ul className="app-list">
                <li>
                  <Link to={localePath(lang, `/staff/board/${board.id}/members`)}>
                    {t("membership.membersLink", { board: board.name })}
                  </Link>
                </li>
                <li>
                  <Link to={localePath(lang, `/staff/board/${board.id}/elections`)}>
                    {t("membership.electionsLink", { board: board.name })}
                  </Link>
                </li>
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      {!isSecretariat && memberships.length === 0 ? (
        <p className="app-body">{t("membership.none")}</p>
      ) : null}
      {memberships.map((m) => (
        <section key={m.id} aria-labelledby={`board-${m.id}`}>
          <h2 className="app-heading-m" id={`board-${m.id}`}>
            {m.boardName}
          </h2>
          <dl className="app-summary-list">
            <div className="app-summary-list__row">
              <dt className="app-summary-list__key">{t("membership.status")}</dt>
              <dd className="app-summary-list__value">{t(`status.${m.status}`)}</dd>
            </div>
            {m.termStartsOn ? (
              <div className="app-summary-list__row">
                <dt className="app-summary-list__key">{t("membership.term")}</dt>
                <dd className="app-summary-list__value">
                  {t("membership.termDates", {
                    start: formatDay(m.termStartsOn),
                    end: formatDay(m.termEndsOn),
                  })}
                </dd>
              </div>
            ) : null}
            {m.positions.length > 0 ? (
              <div className="app-summary-list__row">
                <dt className="app-summary-list__key">{t("membership.positions")}</dt>
                <dd className="app-summary-list__value">
                  {m.positions.map((p) => t(`positions.${p}`)).join(", ")}
                </dd>
              </div>
            ) : null}
            {m.participationSignedOn ? (
              <div className="app-summary-list__row">
                <dt className="app-summary-list__key">{t("participation.title")}</dt>
                <dd className="app-summary-list__value">
                  {t("participation.signedOn", { date: formatDay(m.participationSignedOn) })}
                </dd>
              </div>
            ) : null}
          </dl>
          {m.positions.includes("chair") ? (
            <p className="app-body">
              <Link to={localePath(lang, `/staff/board/${m.boardId}/members`)}>
                {t("membership.membersLink", { board: m.boardName })}
              </Link>
            </p>
          ) : null}
          {m.status === "invited" ? (
            <ParticipationForm
              csrfToken={csrfToken}
              membershipId={m.id}
              boardName={m.boardName}
              state={state("sign")}
            />
          ) : null}
          {m.status === "signed" ? <p className="app-body">{t("membership.waiting")}</p> : null}
          {m.elections.some((e) => e.status === "open") ? (
            <>
              <h3 className="app-heading-s">{t("membership.openBallots")}</h3>
              <ul className="app-list">
                {m.elections
                  .filter((e) => e.status === "open")
                  .map((e) => (
                    <li key={e.id}>
                      <Link to={localePath(lang, `/staff/board/${m.boardId}/elections/${e.id}`)}>
                        {t("membership.ballotLink", { position: t(`positions.${e.position}`) })}
                      </Link>
                    </li>
                  ))}
              </ul>
            </>
          ) : null}
          {m.elections.some((e) => e.status === "closed") ? (
            <>
              <h3 className="app-heading-s">{t("membership.pastBallots")}</h3>
              <ul className="app-list">
                {m.elections
                  .filter((e) => e.status === "closed")
                  .map((e) => (
                    <li key={e.id}>
                      <Link to={localePath(lang, `/staff/board/${m.boardId}/elections/${e.id}`)}>
                        {t("membership.resultLink", {
                          position: t(`positions.${e.position}`),
                          date: formatDay(e.closedOn),
                        })}
                      </Link>
                    </li>
                  ))}
              </ul>
            </>
          ) : null}
          <p className="app-body">
            <a href={localePath(lang, `/staff/membership/${m.id}/export`)} download>
              {t("data.mine")}
            </a>
          </p>
          <WithdrawalForm csrfToken={csrfToken} membershipId={m.id} state={state("withdraw")} />
        </section>
      ))}
    </>
  );
}
