import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { recordAudit } from "~/auth/audit.server";
import { boardName } from "~/board/board-name";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { requireMeetingChange } from "~/meetings/meeting-access.server";
import { CancelMeetingForm, ChangeMeetingForm } from "~/meetings/meeting-change-forms";
import { cancelMeeting, changeMeeting } from "~/meetings/meetings.commands.server";
import {
  CancelMeetingSchema,
  CHANGE_FIELD_ORDER,
  ChangeMeetingSchema,
} from "~/meetings/meetings.schemas";
import { dayMonthYear, timeIn } from "~/meetings/notice.server";
import { displayDay } from "~/platform/calendar.server";
import { getConfig } from "~/platform/config.server";
import { ErrorSummary } from "~/ui/form-fields";
import { formDataToValues, parseForm } from "~/ui/parse-form";

export const meta = titleMeta("meetings:change.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, meeting, csrfToken } = await requireMeetingChange(request, params.meetingId);
  // Art. 14: this page shows the place, the agenda and the briefing, as the meeting page does.
  await recordAudit({
    actor: { id: user.id, email: user.email },
    action: "meeting_viewed",
    subject: meeting.id,
    details: { purpose: "change" },
  });
  const { timeZone } = getConfig();
  const time = timeIn(meeting.startsAt, timeZone);
  return {
    meeting: {
      id: meeting.id,
      boardName: boardName(
        { name: meeting.boardName, nameEn: meeting.boardNameEn },
        getLangFromPath(new URL(request.url).pathname),
      ),
      day: displayDay(meeting.startsAt, timeZone),
      time,
    },
    // The change form starts from the meeting as it is.
    current: {
      date: meeting.meetingDay,
      time,
      place: meeting.place,
      onlineLink: meeting.onlineLink,
      ...Object.fromEntries(
        meeting.agenda.flatMap((item, i) => [
          [`itemTitle${i + 1}`, item.title],
          [`itemSummary${i + 1}`, item.summary],
        ]),
      ),
      briefing: meeting.briefing,
      extraordinary: meeting.extraordinary ? ["on"] : [],
      extraordinaryReason: meeting.extraordinaryReason ?? "",
    },
    // Only a meeting still to come, and not cancelled, can be changed or cancelled.
    open: !meeting.cancelledAt && Date.parse(meeting.startsAt) > Date.now(),
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, meeting } = await requireMeetingChange(request, params.meetingId, formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const kept = () => formDataToValues(formData, ["csrf"]);
  if (formData.get("intent") === "cancel") {
    const parsed = parseForm(CancelMeetingSchema, formData, { secretFields: ["csrf"] });
    if (!parsed.ok)
      return data(
        {
          intent: "cancel",
          values: parsed.values,
          errors: parsed.errors,
          lastNoticeDay: null,
          firstNoticeDay: null,
        },
        { status: 400 },
      );
    const result = await cancelMeeting(user, meeting, parsed.data);
    if (!result.ok)
      return data(
        {
          intent: "cancel",
          values: kept(),
          errors: result.errors,
          lastNoticeDay: null,
          firstNoticeDay: null,
        },
        { status: 409 },
      );
    return redirect(localePath(lang, `/staff/meetings/${meeting.id}`));
  }
  const parsed = parseForm(ChangeMeetingSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok)
    return data(
      {
        intent: "change",
        values: parsed.values,
        errors: parsed.errors,
        lastNoticeDay: null,
        firstNoticeDay: null,
      },
      { status: 400 },
    );
  const result = await changeMeeting(user, meeting, parsed.data);
  if (!result.ok)
    return data(
      {
        intent: "change",
        values: kept(),
        errors: result.errors,
        lastNoticeDay: dayMonthYear(result.lastNoticeDay),
        firstNoticeDay: dayMonthYear(result.firstNoticeDay),
      },
      { status: result.errors.form === "meetings:errors.change_started" ? 409 : 400 },
    );
  return redirect(localePath(lang, `/staff/meetings/${meeting.id}?changed=1`));
}

export default function ChangeMeetingPage() {
  const { meeting, current, open, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("meetings");
  const lang = getLangFromPath(useLocation().pathname);
  const sent = (intent: "change" | "cancel") =>
    actionData?.intent === intent ? actionData : undefined;
  return (
    <>
      <ErrorSummary
        errors={actionData?.errors}
        fieldOrder={actionData?.intent === "cancel" ? ["reason", "form"] : CHANGE_FIELD_ORDER}
      />
      <p className="app-body">
        <Link to={localePath(lang, `/staff/meetings/${meeting.id}`)}>{t("change.back")}</Link>
      </p>
      <h1 className="app-heading-l">
        {t("change.heading", { board: meeting.boardName, day: meeting.day, time: meeting.time })}
      </h1>
      {!open ? (
        <p className="app-body">{t("change.closed")}</p>
      ) : (
        <>
          <section aria-labelledby="change-heading">
            <h2 className="app-heading-m" id="change-heading">
              {t("change.changeHeading")}
            </h2>
            <p className="app-body">{t("change.lead")}</p>
            <ChangeMeetingForm
              csrfToken={csrfToken}
              values={sent("change")?.values ?? current}
              errors={sent("change")?.errors}
              lastNoticeDay={sent("change")?.lastNoticeDay}
              firstNoticeDay={sent("change")?.firstNoticeDay}
            />
          </section>
          <section aria-labelledby="cancel-heading">
            <h2 className="app-heading-m" id="cancel-heading">
              {t("cancel.heading")}
            </h2>
            <p className="app-body">{t("cancel.lead")}</p>
            <CancelMeetingForm
              csrfToken={csrfToken}
              values={sent("cancel")?.values}
              errors={sent("cancel")?.errors}
            />
          </section>
        </>
      )}
    </>
  );
}
