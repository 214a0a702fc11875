import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { boardName } from "~/board/board-name";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { listActionItemsForMeeting } from "~/meetings/action-items.server";
import { requireMeetingAccess } from "~/meetings/meeting-access.server";
import { runMinutesAction, type MinutesActionAnswer } from "~/meetings/minutes-actions.server";
import {
  ActingChairForm,
  AmendmentOffer,
  ApprovedHere,
  ApproveForm,
  CommentForm,
  CommentList,
  MeetingApprovalForm,
  MinutesAttendance,
  MinutesDraftForm,
  MinutesPhoneList,
  MinutesText,
  actionItemsOf,
} from "~/meetings/minutes-forms";
import { loadMinutesPage } from "~/meetings/minutes-page.server";
import { ErrorSummary } from "~/ui/form-fields";

export const meta = titleMeta("minutes:page.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const access = await requireMeetingAccess(request, params.meetingId);
  const url = new URL(request.url);
  return {
    ...(await loadMinutesPage(access)),
    actionItems: await listActionItemsForMeeting(access.meeting.id),
    csrfToken: access.csrfToken,
    done: url.searchParams.get("done"),
    saved: url.searchParams.has("saved"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const access = await requireMeetingAccess(request, params.meetingId, formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const here = localePath(lang, `/staff/meetings/${access.meeting.id}/minutes`);
  const outcome = await runMinutesAction(access, formData, here);
  if (outcome.kind === "redirect") throw redirect(outcome.to);
  return data<MinutesActionAnswer>(outcome.answer, { status: outcome.status });
}

/**
 * The minutes of a meeting (issue 16, Art. 10, 12). Under each agenda item: its action items
 * as assigned at the meeting (app/meetings/action-items.server.ts), read-only here.
 */
export default function MinutesPage() {
  const page = useLoaderData<typeof loader>();
  const actionItems = actionItemsOf(page.actionItems);
  const answer = useActionData<typeof action>();
  const { t } = useTranslation("minutes");
  const lang = getLangFromPath(useLocation().pathname);
  const { meeting, current, before, csrfToken } = page;
  const base = `/staff/meetings/${meeting.id}/minutes`;
  const errors = answer && answer.intent !== "draft" ? answer.errors : undefined;
  const done = page.done;
  return (
    <>
      {answer?.intent !== "draft" ? (
        <ErrorSummary
          errors={errors}
          fieldOrder={[
            "kind",
            "item",
            "body",
            "actingChairId",
            "approvalMeetingId",
            "approvalKind",
            "form",
          ]}
        />
      ) : null}
      <p className="app-body">
        <Link to={localePath(lang, `/staff/meetings/${meeting.id}`)}>{t("page.back")}</Link>
      </p>
      {done ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t(`page.${done}`)}</p>
        </div>
      ) : null}
      <p className="app-minutes-mark">{t("page.confidentialMark")}</p>
      <h1 className="app-heading-l">
        {current && current.number > 0
          ? t("page.amendmentHeading", { number: current.number })
          : t("page.heading", {
              board: boardName({ name: meeting.boardName, nameEn: meeting.boardNameEn }, lang),
              day: meeting.day,
            })}
      </h1>
      <ApprovedHere approved={page.approvedHere} lang={lang} links={page.approvedHereLinks} />
      {!current ? (
        <>
          <p className="app-body">
            {page.cancelled
              ? t("page.cancelled")
              : page.held
                ? t("page.notStarted")
                : t("page.notHeld")}
          </p>
          {page.held && page.canDraft ? (
            <StartButton csrfToken={csrfToken} label={t("page.start")} />
          ) : null}
        </>
      ) : (
        <>
          <p className="app-body" id="minutes-status">
            <strong>
              {current.status === "draft"
                ? t("status.draft")
                : current.status === "circulated"
                  ? page.deadlinePassed
                    ? t("status.circulatedClosed", { day: current.deadline })
                    : t("status.circulated", { day: current.deadline })
                  : t(`status.approved_${current.approvalKind ?? "chair"}`, {
                      day: current.approvedOn,
                      meeting: page.approvalMeetingDay,
                    })}
            </strong>
          </p>
          {current.contentHash ? (
            <p className="app-hint app-minutes-hash">
              {t("page.hash", { hash: current.contentHash })}
            </p>
          ) : null}
          <ul className="app-list app-no-print">
            <li>
              <Link to={localePath(lang, `${base}/print`)}>{t("page.print")}</Link>
            </li>
            <li>
              <Link to={localePath(lang, `${base}/print?report=1`)}>{t("page.printReport")}</Link>
            </li>
            <li>
              <a href={localePath(lang, `${base}/export`)} download>
                {t("page.export")}
              </a>
            </li>
            {current.version > 1 || before ? (
              <li>
                <Link to={localePath(lang, `${base}/compare`)}>{t("page.compare")}</Link>
              </li>
            ) : null}
          </ul>

          {current.status === "approved" && page.canDraft ? (
            <AmendmentOffer
              csrfToken={csrfToken}
              action={localePath(lang, `${base}/amendment`)}
              number={page.nextAmendment}
            />
          ) : null}
          {answer?.intent === "draft" && answer.locked ? (
            <div className="app-warning" role="alert">
              <p className="app-body">{t("errors.locked")}</p>
            </div>
          ) : null}

          <MinutesAttendance attendance={current.attendance} />

          {page.canDraft && current.status !== "approved" ? (
            <MinutesDraftForm
              csrfToken={csrfToken}
              version={current.version}
              status={current.status}
              content={current.content}
              answer={answer?.intent === "draft" && !answer.locked ? answer.draft : undefined}
              saved={page.saved}
            />
          ) : null}

          {before ? (
            <div className="app-minutes-beside">
              <section aria-labelledby="minutes-before">
                <h2 className="app-heading-m" id="minutes-before">
                  {t("page.original")}
                </h2>
                <MinutesText
                  content={before.content}
                  rendered={before.rendered}
                  idPrefix="before"
                  headingLevel={3}
                />
              </section>
              <section aria-labelledby="minutes-current">
                <h2 className="app-heading-m" id="minutes-current">
                  {t("page.current")}
                </h2>
                <MinutesText
                  content={current.content}
                  rendered={current.rendered}
                  actionItems={actionItems}
                  headingLevel={3}
                />
              </section>
            </div>
          ) : (
            <MinutesText
              content={current.content}
              rendered={current.rendered}
              actionItems={actionItems}
            />
          )}

          {current.status !== "draft" ? (
            <section aria-labelledby="comments-heading">
              <h2 className="app-heading-m" id="comments-heading">
                {t("comments.heading")}
              </h2>
              {page.seesAnswers ? (
                <p className="app-body">
                  {t("comments.unresolved", {
                    count: page.comments.filter((c) => c.kind === "comment" && !c.resolved).length,
                  })}
                  {" · "}
                  {t("comments.unanswered", { count: page.unanswered.length })}
                </p>
              ) : null}
              {page.seesAnswers && page.unanswered.length > 0 ? (
                <p className="app-hint">
                  {t("approve.unansweredList", { names: page.unanswered.join(", ") })}
                </p>
              ) : null}
              <MinutesPhoneList contacts={page.phoneContacts} />
              <CommentList
                comments={page.comments}
                csrfToken={csrfToken}
                canResolve={page.canDraft && current.status === "circulated"}
              />
            </section>
          ) : null}

          {current.status === "circulated" && page.isMember ? (
            <section aria-labelledby="answer-heading">
              <h2 className="app-heading-m" id="answer-heading">
                {t("comments.formHeading")}
              </h2>
              {page.commentsOpen ? (
                <>
                  <p className="app-body">
                    {page.hasAnswered ? t("comments.answered") : t("comments.yourTurn")}
                  </p>
                  <CommentForm
                    csrfToken={csrfToken}
                    items={current.content.items}
                    values={answer?.intent === "comment" ? answer.values : undefined}
                    errors={answer?.intent === "comment" ? answer.errors : undefined}
                  />
                </>
              ) : (
                <p className="app-body">{t("comments.closed")}</p>
              )}
            </section>
          ) : null}

          {current.status === "circulated" && (page.isChair || page.isActingChair) ? (
            <section aria-labelledby="approve-heading">
              <h2 className="app-heading-m" id="approve-heading">
                {t("approve.heading")}
              </h2>
              <p className="app-body">
                {page.isChair ? t("approve.leadChair") : t("approve.leadActing")}
              </p>
              <ApproveForm
                csrfToken={csrfToken}
                kind={page.isChair ? "chair" : "acting_chair"}
                error={answer?.intent === "approve" ? answer.errors.approvalKind : undefined}
              />
            </section>
          ) : null}

          {current.status === "circulated" && page.canDraft ? (
            <>
              <section aria-labelledby="acting-heading">
                <h2 className="app-heading-m" id="acting-heading">
                  {t("approve.actingHeading")}
                </h2>
                <p className="app-body">{t("approve.actingLead")}</p>
                {page.actingChairName ? (
                  <p className="app-body">
                    {t("approve.actingCurrent", { name: page.actingChairName })}
                  </p>
                ) : null}
                <ActingChairForm
                  csrfToken={csrfToken}
                  members={page.actingCandidates}
                  current={current.actingChairId}
                  error={
                    answer?.intent === "acting_chair" ? answer.errors.actingChairId : undefined
                  }
                />
              </section>
              <section aria-labelledby="meeting-approval-heading">
                <h2 className="app-heading-m" id="meeting-approval-heading">
                  {t("approve.meetingHeading")}
                </h2>
                <p className="app-body">{t("approve.meetingLead")}</p>
                <MeetingApprovalForm
                  csrfToken={csrfToken}
                  meetings={page.laterMeetings}
                  error={
                    answer?.intent === "approve"
                      ? (answer.errors.approvalMeetingId ?? answer.errors.approvalKind)
                      : undefined
                  }
                />
              </section>
            </>
          ) : null}
        </>
      )}
    </>
  );
}

function StartButton({ csrfToken, label }: { csrfToken: string; label: string }) {
  return (
    <form method="post">
      <input type="hidden" name="csrf" value={csrfToken} />
      <input type="hidden" name="intent" value="start" />
      <button type="submit" className="app-button">
        {label}
      </button>
    </form>
  );
}
