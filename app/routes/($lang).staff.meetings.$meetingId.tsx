import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { recordAudit } from "~/auth/audit.server";
import { boardName } from "~/board/board-name";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import {
  ActionItemList,
  AssignActionItemForm,
  type ActionItemView,
} from "~/meetings/action-item-forms";
import { assignActionItem, changeActionItem } from "~/meetings/action-items.commands.server";
import { ActionItemChangeSchema, AssignActionItemSchema } from "~/meetings/action-items.schemas";
import {
  listActionItemsForMeeting,
  listOpenActionItemsBefore,
  listOwnerCandidates,
} from "~/meetings/action-items.server";
import { requireMeetingAccess } from "~/meetings/meeting-access.server";
import { AttendanceForm, GuestForm, ReplyForm, TextParagraphs } from "~/meetings/meeting-forms";
import { inviteGuest, recordAttendance, replyToMeeting } from "~/meetings/meetings.commands.server";
import { GuestSchema, parseAttendance, ReplySchema } from "~/meetings/meetings.schemas";
import {
  getCancellationReason,
  getPreferences,
  listInvitees,
  listPhoneContacts,
} from "~/meetings/meetings.server";
import { ApprovedHere, MinutesNotice } from "~/meetings/minutes-forms";
import { getMinutesNotice, listApprovedHere } from "~/meetings/minutes-page.server";
import { getActingChairId, listConfidentialItemIds } from "~/meetings/minutes.server";
import { timeIn } from "~/meetings/notice.server";
import { displayDay, localToday } from "~/platform/calendar.server";
import { getConfig } from "~/platform/config.server";
import { ErrorSummary } from "~/ui/form-fields";
import { formDataToValues, parseForm } from "~/ui/parse-form";

export const meta = titleMeta("meetings:meeting.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, meeting, isSecretariat, isChair, invitation, csrfToken, guestOnly } =
    await requireMeetingAccess(request, params.meetingId);
  const actor = { id: user.id, email: user.email };
  // Art. 14: every view of an agenda and a briefing is recorded.
  await recordAudit({ actor, action: "meeting_viewed", subject: meeting.id });
  // The answers, with the reasons for not attending: the chair and the secretariat only.
  const seesReplies = isSecretariat || isChair;
  const invitees = seesReplies ? await listInvitees(meeting, true) : [];
  if (seesReplies)
    await recordAudit({ actor, action: "meeting_replies_viewed", subject: meeting.id });
  // Members who allowed only phone or SMS: the secretariat tells them (no email was sent).
  const phoneContacts = isSecretariat
    ? await listPhoneContacts(
        meeting.boardId,
        invitees.map((person) => person.userId),
      )
    : [];
  if (phoneContacts.length > 0)
    await recordAudit({ actor, action: "meeting_phone_list_viewed", subject: meeting.id });
  const { timeZone } = getConfig();
  const today = localToday();
  // Tasks: the chair (or the acting chair chosen for this meeting) and the secretariat assign
  // them from this screen from the meeting's day.
  const managesTasks = isSecretariat || isChair || (await getActingChairId(meeting.id)) === user.id;
  // A guest does not see the tasks of agenda items the minutes keep confidential.
  const leftOut = guestOnly ? await listConfidentialItemIds(meeting.id) : new Set<string>();
  const actionItems: ActionItemView[] = (await listActionItemsForMeeting(meeting.id, today)).filter(
    (item) => !leftOut.has(item.agendaItemId),
  );
  // The briefing lists the open tasks of earlier meetings by themselves (Art. 11 e, 12 e).
  // Not for a guest, who sees this meeting only.
  const openBefore: ActionItemView[] = guestOnly
    ? []
    : await listOpenActionItemsBefore(meeting.boardId, meeting.startsAt, today);
  return {
    meeting: {
      id: meeting.id,
      boardName: boardName(
        { name: meeting.boardName, nameEn: meeting.boardNameEn },
        getLangFromPath(new URL(request.url).pathname),
      ),
      day: displayDay(meeting.startsAt, timeZone),
      time: timeIn(meeting.startsAt, timeZone),
      place: meeting.place,
      onlineLink: meeting.onlineLink,
      briefing: meeting.briefing,
      extraordinary: meeting.extraordinary,
      extraordinaryReason: meeting.extraordinaryReason,
      agenda: meeting.agenda,
      // Cancelled: the day for everyone, the reason for the chair and the secretariat only.
      cancelledOn: meeting.cancelledAt ? displayDay(meeting.cancelledAt, timeZone) : null,
      cancellationReason:
        meeting.cancelledAt && seesReplies ? await getCancellationReason(meeting.id) : null,
    },
    cancelled: meeting.cancelledAt !== null,
    actionItems,
    openBefore,
    managesTasks,
    assignOpen: managesTasks && today >= meeting.meetingDay && !meeting.cancelledAt,
    owners: managesTasks ? await listOwnerCandidates(meeting.boardId, today) : [],
    viewerId: user.id,
    phoneContacts,
    started: Date.parse(meeting.startsAt) <= Date.now(),
    attendanceOpen: isSecretariat && localToday() >= meeting.meetingDay && !meeting.cancelledAt,
    isSecretariat,
    seesReplies,
    invitation,
    invitees,
    calendarFile: Boolean(invitation) && (await getPreferences(user.id)).calendarFile,
    minutes: await getMinutesNotice(meeting.id),
    // Earlier minutes approved by decision at this meeting (Art. 10); links for members only.
    approvedHere: await listApprovedHere(meeting.id),
    approvedHereLinks: !guestOnly,
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, meeting, isSecretariat } = await requireMeetingAccess(
    request,
    params.meetingId,
    formData,
  );
  if (formData.get("intent") === "action_assign") {
    const parsed = parseForm(AssignActionItemSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok)
      return data(
        { intent: "action_assign", values: parsed.values, errors: parsed.errors, recorded: 0 },
        { status: 400 },
      );
    const result = await assignActionItem(user, meeting, parsed.data);
    if (!result.ok)
      return data(
        {
          intent: "action_assign",
          values: formDataToValues(formData, ["csrf"]),
          errors: result.errors,
          recorded: 0,
        },
        { status: result.errors.form === "meetings:errors.action_not_allowed" ? 403 : 400 },
      );
    return {
      intent: "action_assign",
      values: {},
      errors: {} as Record<string, string>,
      recorded: 0,
    };
  }
  if (formData.get("intent") === "action_change") {
    const parsed = parseForm(ActionItemChangeSchema, formData, { secretFields: ["csrf"] });
    const result = parsed.ok
      ? await changeActionItem(user, parsed.data, meeting.id)
      : { ok: false as const, errors: { form: "meetings:errors.action_status_invalid" } };
    if (!result.ok)
      return data(
        { intent: "action_change", values: {}, errors: result.errors, recorded: 0 },
        { status: result.errors.form === "meetings:errors.action_not_allowed" ? 403 : 400 },
      );
    return {
      intent: parsed.ok && parsed.data.change === "decline" ? "action_declined" : "action_change",
      values: {},
      errors: {} as Record<string, string>,
      recorded: 0,
    };
  }
  if (formData.get("intent") === "guest") {
    if (!isSecretariat) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
    const parsed = parseForm(GuestSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok)
      return data(
        { intent: "guest", values: parsed.values, errors: parsed.errors, recorded: 0 },
        { status: 400 },
      );
    const result = await inviteGuest(user, meeting, parsed.data);
    if (!result.ok)
      return data(
        {
          intent: "guest",
          values: formDataToValues(formData, ["csrf"]),
          errors: result.errors,
          recorded: 0,
        },
        { status: 400 },
      );
    return { intent: "guest", values: {}, errors: {} as Record<string, string>, recorded: 0 };
  }
  if (formData.get("intent") === "attendance") {
    if (!isSecretariat) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
    const rows = parseAttendance(formDataToValues(formData, ["csrf", "intent"]));
    if (!rows.ok)
      return data(
        {
          intent: "attendance",
          values: {},
          errors: { attendance: "meetings:errors.attendance_invalid" },
          recorded: 0,
        },
        { status: 400 },
      );
    const result = await recordAttendance(user, meeting, rows.value);
    if (!result.ok)
      return data(
        { intent: "attendance", values: {}, errors: result.errors, recorded: 0 },
        { status: 400 },
      );
    return {
      intent: "attendance",
      values: {},
      errors: {} as Record<string, string>,
      recorded: result.value.recorded,
    };
  }
  const parsed = parseForm(ReplySchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok)
    return data(
      { intent: "reply", values: parsed.values, errors: parsed.errors, recorded: 0 },
      { status: 400 },
    );
  const result = await replyToMeeting(user, meeting, parsed.data);
  if (!result.ok)
    return data(
      {
        intent: "reply",
        values: formDataToValues(formData, ["csrf"]),
        errors: result.errors,
        recorded: 0,
      },
      { status: 400 },
    );
  return { intent: "reply", values: {}, errors: {} as Record<string, string>, recorded: 0 };
}

export default function MeetingPage() {
  const {
    meeting,
    cancelled,
    started,
    attendanceOpen,
    isSecretariat,
    seesReplies,
    invitation,
    invitees,
    calendarFile,
    minutes,
    approvedHere,
    approvedHereLinks,
    csrfToken,
    actionItems,
    openBefore,
    managesTasks,
    assignOpen,
    owners,
    viewerId,
    phoneContacts,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("meetings");
  const location = useLocation();
  const lang = getLangFromPath(location.pathname);
  const search = new URLSearchParams(location.search);
  const scheduled = search.has("scheduled");
  const changed = search.has("changed");
  const done = actionData && Object.keys(actionData.errors).length === 0 ? actionData.intent : null;
  const count = (reply: "confirmed" | "declined" | null) =>
    invitees.filter((person) => person.reply === reply).length;
  return (
    <>
      <ErrorSummary
        errors={actionData?.errors}
        fieldOrder={[
          "reply",
          "reason",
          "guestName",
          "guestEmail",
          "guestLang",
          "attendance",
          "agendaItemId",
          "task",
          "ownerId",
          "dueOn",
          "form",
        ]}
      />
      <p className="app-body">
        <Link to={localePath(lang, "/staff/meetings")}>{t("meeting.back")}</Link>
      </p>
      {scheduled ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("meeting.scheduled")}</p>
        </div>
      ) : null}
      {changed && !cancelled ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("change.saved")}</p>
        </div>
      ) : null}
      {cancelled ? (
        <div className="app-notification" role="status" id="cancelled">
          <p className="app-body">
            <strong>{t("cancel.notice", { day: meeting.cancelledOn ?? "" })}</strong>
          </p>
          {meeting.cancellationReason ? (
            <p className="app-body">
              {t("cancel.reasonShown", { reason: meeting.cancellationReason })}
            </p>
          ) : null}
        </div>
      ) : null}
      {done === "reply" ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("reply.saved")}</p>
        </div>
      ) : null}
      {done === "guest" ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("guests.invited")}</p>
        </div>
      ) : null}
      {done === "action_assign" || done === "action_change" || done === "action_declined" ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">
            {t(
              done === "action_assign"
                ? "actions.assigned"
                : done === "action_declined"
                  ? "actions.declinedNotice"
                  : "actions.changed",
            )}
          </p>
        </div>
      ) : null}
      {done === "attendance" ? (
        <div className="app-notification app-notification--success" role="status">
          <p className="app-body">{t("attendance.saved", { count: actionData?.recorded ?? 0 })}</p>
        </div>
      ) : null}
      {cancelled ? null : (
        <MinutesNotice
          href={localePath(lang, `/staff/meetings/${meeting.id}/minutes`)}
          held={started}
          notice={minutes}
        />
      )}
      <h1 className="app-heading-l">{t("meeting.heading", { board: meeting.boardName })}</h1>
      {isSecretariat && !started && !cancelled ? (
        <p className="app-body">
          <Link to={localePath(lang, `/staff/meetings/${meeting.id}/change`)}>
            {t("change.link")}
          </Link>
        </p>
      ) : null}
      <dl className="app-summary-list">
        <div className="app-summary-list__row">
          <dt className="app-summary-list__key">{t("meeting.when")}</dt>
          <dd className="app-summary-list__value">
            {t("meeting.at", { day: meeting.day, time: meeting.time })}
          </dd>
        </div>
        {meeting.place ? (
          <div className="app-summary-list__row">
            <dt className="app-summary-list__key">{t("meeting.place")}</dt>
            <dd className="app-summary-list__value">{meeting.place}</dd>
          </div>
        ) : null}
        {meeting.onlineLink ? (
          <div className="app-summary-list__row">
            <dt className="app-summary-list__key">{t("meeting.onlineLink")}</dt>
            <dd className="app-summary-list__value">
              <a href={meeting.onlineLink} rel="noreferrer noopener">
                {meeting.onlineLink}
              </a>
            </dd>
          </div>
        ) : null}
      </dl>
      {meeting.extraordinary ? (
        <p className="app-body">
          {t("meeting.extraordinary", { reason: meeting.extraordinaryReason ?? "" })}
        </p>
      ) : null}
      <ApprovedHere approved={approvedHere} lang={lang} links={approvedHereLinks} />
      {calendarFile ? (
        <p className="app-body">
          <a href={localePath(lang, `/staff/meetings/${meeting.id}/calendar`)} download>
            {t("meeting.calendarFile")}
          </a>
        </p>
      ) : null}
      <h2 className="app-heading-m">{t("meeting.agenda")}</h2>
      <ol className="app-list app-list--number">
        {meeting.agenda.map((item, i) => (
          <li key={i}>
            <strong>{item.title}</strong>
            <TextParagraphs text={item.summary} />
          </li>
        ))}
      </ol>
      <h2 className="app-heading-m">{t("meeting.briefing")}</h2>
      <TextParagraphs text={meeting.briefing} />
      <section aria-labelledby="open-before-heading">
        <h3 className="app-heading-s" id="open-before-heading">
          {t("actions.openBefore")}
        </h3>
        <p className="app-hint">{t("actions.openBeforeLead")}</p>
        <ActionItemList
          items={openBefore}
          caption={t("actions.openBefore")}
          showAgendaItem
          highlightOverdue={managesTasks}
          emptyText={t("actions.openBeforeNone")}
        />
      </section>

      <section aria-labelledby="reply-heading">
        <h2 className="app-heading-m" id="reply-heading">
          {t("reply.heading")}
        </h2>
        {!invitation ? (
          <p className="app-body">{t("reply.notInvited")}</p>
        ) : (
          <>
            {cancelled ? null : (
              <p className="app-body">{t(`reply.current_${invitation.reply ?? "none"}`)}</p>
            )}
            {cancelled ? (
              <p className="app-body">{t("cancel.noReplies")}</p>
            ) : started ? (
              <p className="app-body">{t("reply.closed")}</p>
            ) : (
              <>
                <p className="app-hint">{t("reply.changeHint")}</p>
                <ReplyForm
                  csrfToken={csrfToken}
                  current={invitation.reply}
                  values={actionData?.intent === "reply" && !done ? actionData.values : undefined}
                  errors={actionData?.intent === "reply" ? actionData.errors : undefined}
                />
              </>
            )}
          </>
        )}
      </section>

      {seesReplies ? (
        <section aria-labelledby="replies-heading">
          <h2 className="app-heading-m" id="replies-heading">
            {t("replies.heading")}
          </h2>
          <p className="app-body">
            {[
              t("replies.confirmed", { count: count("confirmed") }),
              t("replies.declined", { count: count("declined") }),
              t("replies.none", { count: count(null) }),
            ].join(" · ")}
          </p>
          <p className="app-hint">{t("replies.reasonsNote")}</p>
          <table className="app-table">
            <caption className="app-table__caption app-visually-hidden">
              {t("replies.heading")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("replies.name")}</th>
                <th scope="col">{t("replies.answer")}</th>
                <th scope="col">{t("replies.reason")}</th>
                <th scope="col">{t("replies.attendance")}</th>
              </tr>
            </thead>
            <tbody>
              {invitees.map((person) => (
                <tr key={person.userId}>
                  <td>
                    {person.guest ? t("guests.label", { name: person.fullName }) : person.fullName}
                  </td>
                  <td>{t(`replies.status.${person.reply ?? "none"}`)}</td>
                  <td>{person.reason ?? ""}</td>
                  <td>{t(`attendance.status.${person.attendance ?? "none"}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {phoneContacts.length > 0 ? (
        <section aria-labelledby="phone-heading">
          <h2 className="app-heading-m" id="phone-heading">
            {t("phone.heading")}
          </h2>
          <p className="app-body">{t("phone.lead")}</p>
          <table className="app-table">
            <caption className="app-table__caption app-visually-hidden">
              {t("phone.heading")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("replies.name")}</th>
                <th scope="col">{t("phone.number")}</th>
                <th scope="col">{t("phone.channels")}</th>
                <th scope="col">{t("replies.answer")}</th>
              </tr>
            </thead>
            <tbody>
              {phoneContacts.map((person) => (
                <tr key={person.userId}>
                  <td>{person.fullName}</td>
                  <td>{person.phone}</td>
                  <td>
                    {person.channels.map((channel) => t(`phone.channel.${channel}`)).join(", ")}
                  </td>
                  <td>
                    {t(
                      `replies.status.${invitees.find((p) => p.userId === person.userId)?.reply ?? "none"}`,
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {isSecretariat && !started && !cancelled ? (
        <section aria-labelledby="guests-heading">
          <h2 className="app-heading-m" id="guests-heading">
            {t("guests.heading")}
          </h2>
          <p className="app-body">{t("guests.lead")}</p>
          <GuestForm
            csrfToken={csrfToken}
            values={actionData?.intent === "guest" && !done ? actionData.values : undefined}
            errors={actionData?.intent === "guest" ? actionData.errors : undefined}
          />
        </section>
      ) : null}

      {isSecretariat && !cancelled ? (
        <section aria-labelledby="attendance-heading">
          <h2 className="app-heading-m" id="attendance-heading">
            {t("attendance.heading")}
          </h2>
          <p className="app-body">{t("attendance.lead")}</p>
          {attendanceOpen ? (
            <AttendanceForm
              csrfToken={csrfToken}
              invitees={invitees}
              error={actionData?.intent === "attendance" ? actionData.errors.attendance : undefined}
            />
          ) : (
            <p className="app-body">{t("attendance.notYet")}</p>
          )}
        </section>
      ) : null}

      <section aria-labelledby="actions-heading">
        <h2 className="app-heading-m" id="actions-heading">
          {t("actions.heading")}
        </h2>
        <p className="app-body">{t("actions.lead")}</p>
        <ActionItemList
          items={actionItems}
          showAgendaItem
          highlightOverdue={managesTasks}
          emptyText={t("actions.none")}
          controls={{ csrfToken, viewerId, manages: managesTasks, owners }}
        />
        {managesTasks && !cancelled ? (
          <>
            <h3 className="app-heading-s" id="assign-heading">
              {t("actions.assignHeading")}
            </h3>
            {assignOpen ? (
              <>
                <p className="app-body">{t("actions.assignLead")}</p>
                <AssignActionItemForm
                  csrfToken={csrfToken}
                  agenda={meeting.agenda}
                  owners={owners}
                  values={
                    actionData?.intent === "action_assign" && !done ? actionData.values : undefined
                  }
                  errors={actionData?.intent === "action_assign" ? actionData.errors : undefined}
                />
              </>
            ) : (
              <p className="app-body">{t("actions.notYet")}</p>
            )}
          </>
        ) : null}
      </section>
    </>
  );
}
