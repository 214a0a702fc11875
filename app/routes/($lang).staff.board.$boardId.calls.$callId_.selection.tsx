import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { formatDayMonthYear } from "~/board/ages";
import { requireCallForSecretariat } from "~/board/review-access.server";
import { LIST_SENT_FIELD_ORDER, ListSentSchema, VoteSchema } from "~/board/review.schemas";
import { listCallApplications } from "~/board/review.server";
import { NrmListForm, NrmVoteForm } from "~/board/selection-forms";
import { lastListDay } from "~/board/selection-rules.server";
import {
  listPersonalContactsAudited,
  recordListSent,
  recordVote,
  sendOutcomes,
} from "~/board/selection.commands.server";
import { countOutcomesDue, getCallSelection, listVotes } from "~/board/selection.server";
import { listShortlistIds } from "~/board/shortlist.server";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { closedDaySet } from "~/meetings/closed-days.server";
import { CsrfField, ErrorSummary } from "~/ui/form-fields";
import { formDataToValues, parseForm, valueOf } from "~/ui/parse-form";

export const meta = titleMeta("review:selection.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, call, board, csrfToken } = await requireCallForSecretariat(request, params);
  const selection = await getCallSelection(call.id);
  const shortlist = await listShortlistIds(call.id);
  const votes = await listVotes(call.id);
  const candidates = (await listCallApplications(call.id))
    .filter((a) => shortlist.has(a.id))
    .map((a) => ({
      id: a.id,
      name: `${String(a.fields.firstName)} ${String(a.fields.lastName)}`,
      votes: votes.get(a.id) ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    callId: call.id,
    boardId: board.id,
    csrfToken,
    selection,
    lastDay: selection.nrmMeetingOn
      ? lastListDay(selection.nrmMeetingOn, await closedDaySet())
      : null,
    candidates,
    outcomesDue: await countOutcomesDue(call.id),
    personal: await listPersonalContactsAudited(user, call.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, call, board } = await requireCallForSecretariat(request, params, formData);
  const values = formDataToValues(formData, ["csrf"]);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const back = localePath(lang, `/staff/board/${board.id}/calls/${call.id}/selection`);
  if (formData.get("intent") === "outcomes") {
    const sent = await sendOutcomes(user, call);
    return redirect(`${back}?sent=${sent.emailed}${sent.failed ? `&failed=${sent.failed}` : ""}`);
  }
  if (formData.get("intent") === "vote") {
    const parsed = parseForm(VoteSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok)
      return data({ form: "vote", values: parsed.values, errors: parsed.errors }, { status: 400 });
    const result = await recordVote(user, call.id, parsed.data);
    if (!result.ok) return data({ form: "vote", values, errors: result.errors }, { status: 409 });
    return redirect(`${back}?saved=vote`);
  }
  const parsed = parseForm(ListSentSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok)
    return data({ form: "list", values: parsed.values, errors: parsed.errors }, { status: 400 });
  const result = await recordListSent(user, call.id, parsed.data);
  if (!result.ok)
    return data(
      {
        form: "list",
        values,
        errors: result.errors,
        lastDay: lastListDay(parsed.data.meetingOn, await closedDaySet()),
      },
      { status: 400 },
    );
  return redirect(`${back}?saved=list`);
}

export default function SelectionPage() {
  const { callId, boardId, csrfToken, selection, lastDay, candidates, outcomesDue, personal } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("review");
  const location = useLocation();
  const lang = getLangFromPath(location.pathname);
  const query = new URLSearchParams(location.search);
  const saved = query.get("saved");
  const sent = query.has("sent") ? Number(query.get("sent")) || 0 : null;
  const failed = Number(query.get("failed")) || 0;
  const listErrors = actionData?.form === "list" ? actionData.errors : undefined;
  const listValues =
    actionData?.form === "list"
      ? actionData.values
      : { meetingOn: selection.nrmMeetingOn ?? "", sentOn: selection.listSentOn ?? "" };
  const posted = actionData && "lastDay" in actionData ? String(actionData.lastDay) : null;
  const shownLastDay = posted ?? lastDay;
  return (
    <>
      <ErrorSummary
        errors={actionData?.errors}
        fieldOrder={
          actionData?.form === "vote"
            ? ["applicationId", "votesFor", "votesAgainst", "decision"]
            : [...LIST_SENT_FIELD_ORDER]
        }
      />
      {saved ? (
        <div className="app-notification" role="status">
          <p className="app-body">
            {t(saved === "vote" ? "selection.voteSaved" : "selection.listSaved")}
          </p>
        </div>
      ) : null}
      {sent !== null ? (
        <div className="app-notification" role="status">
          <p className="app-body">{t("selection.outcomesSent", { count: sent })}</p>
        </div>
      ) : null}
      {failed > 0 ? (
        <div className="app-warning" role="alert">
          <p className="app-body">{t("selection.outcomesFailed", { count: failed })}</p>
        </div>
      ) : null}
      <p className="app-body">
        <Link to={localePath(lang, `/staff/board/${boardId}/calls/${callId}/review`)}>
          {t("call.title")}
        </Link>
      </p>
      <h1 className="app-heading-l">{t("selection.title")}</h1>
      <p className="app-body">{t("selection.lead")}</p>
      {!selection.shortlistFixedAt ? (
        <p className="app-body">{t("selection.fixFirst")}</p>
      ) : (
        <>
          <h2 className="app-heading-m">{t("selection.listTitle")}</h2>
          {shownLastDay ? (
            <p className="app-body">
              {t("selection.lastDay", { date: formatDayMonthYear(shownLastDay) })}
            </p>
          ) : null}
          {selection.listLateReason ? (
            <p className="app-body">
              {t("selection.lateRecorded", { reason: selection.listLateReason })}
            </p>
          ) : null}
          <NrmListForm csrfToken={csrfToken} values={listValues} errors={listErrors} />
          <h2 className="app-heading-m">{t("selection.votesTitle")}</h2>
          {selection.listSentOn ? (
            candidates.map((c) => {
              const mine =
                actionData?.form === "vote" && valueOf(actionData.values, "applicationId") === c.id;
              const errors = mine ? actionData.errors : undefined;
              const values = mine
                ? actionData.values
                : c.votes
                  ? {
                      votesFor: String(c.votes.votesFor),
                      votesAgainst: String(c.votes.votesAgainst),
                      decision: c.votes.status,
                    }
                  : {};
              return (
                <NrmVoteForm
                  key={c.id}
                  csrfToken={csrfToken}
                  candidate={c}
                  values={values}
                  errors={errors}
                />
              );
            })
          ) : (
            <p className="app-body">{t("selection.listFirst")}</p>
          )}
          <h2 className="app-heading-m">{t("selection.outcomesTitle")}</h2>
          <p className="app-body">{t("selection.outcomesLead")}</p>
          {outcomesDue > 0 ? (
            <Form method="post" noValidate>
              <CsrfField token={csrfToken} />
              <input type="hidden" name="intent" value="outcomes" />
              <p className="app-body">{t("selection.outcomesDue", { count: outcomesDue })}</p>
              <button type="submit" className="app-button">
                {t("selection.sendOutcomes")}
              </button>
            </Form>
          ) : null}
          {personal.length ? (
            <>
              <h3 className="app-heading-s">{t("selection.personalTitle")}</h3>
              <p className="app-body">{t("selection.personalLead")}</p>
              <table className="app-table">
                <thead>
                  <tr>
                    <th scope="col">{t("call.applications.name")}</th>
                    <th scope="col">{t("selection.phone")}</th>
                    <th scope="col">{t("selection.channels")}</th>
                  </tr>
                </thead>
                <tbody>
                  {personal.map((p) => (
                    <tr key={`${p.name}|${p.phone}`}>
                      <td>{p.name}</td>
                      <td>{p.phone}</td>
                      <td>{p.channels.map((c) => t(`board:apply.channels.${c}`)).join(", ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </>
      )}
    </>
  );
}
