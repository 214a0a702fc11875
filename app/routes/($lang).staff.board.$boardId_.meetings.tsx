import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { boardName } from "~/board/board-name";
import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { requireBoardMeetings } from "~/meetings/meeting-access.server";
import { ScheduleMeetingForm } from "~/meetings/meeting-forms";
import { scheduleMeeting } from "~/meetings/meetings.commands.server";
import { SCHEDULE_FIELD_ORDER, ScheduleMeetingSchema } from "~/meetings/meetings.schemas";
import { listInvitable, listMeetings } from "~/meetings/meetings.server";
import { dayMonthYear, timeIn } from "~/meetings/notice.server";
import { displayDay } from "~/platform/calendar.server";
import { getConfig } from "~/platform/config.server";
import { ErrorSummary } from "~/ui/form-fields";
import { formDataToValues, parseForm } from "~/ui/parse-form";

export const meta = titleMeta("meetings:schedule.newHeading");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { board, csrfToken } = await requireBoardMeetings(request, params.boardId);
  const { timeZone } = getConfig();
  const meetings = (await listMeetings({ boardId: board.id })).map((m) => ({
    id: m.id,
    day: displayDay(m.startsAt, timeZone),
    time: timeIn(m.startsAt, timeZone),
    extraordinary: m.extraordinary,
    cancelled: m.cancelledAt !== null,
  }));
  return {
    board: {
      id: board.id,
      name: boardName(board, getLangFromPath(new URL(request.url).pathname)),
    },
    meetings,
    invitable: await listInvitable(board.id),
    csrfToken,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const { user, board } = await requireBoardMeetings(request, params.boardId, formData);
  const lang = getLangFromPath(new URL(request.url).pathname);
  const parsed = parseForm(ScheduleMeetingSchema, formData, { secretFields: ["csrf"] });
  if (!parsed.ok)
    return data(
      { values: parsed.values, errors: parsed.errors, lastNoticeDay: null, firstNoticeDay: null },
      { status: 400 },
    );
  const result = await scheduleMeeting(user, board.id, parsed.data);
  if (!result.ok) {
    return data(
      {
        values: formDataToValues(formData, ["csrf"]),
        errors: result.errors,
        lastNoticeDay: dayMonthYear(result.lastNoticeDay),
        firstNoticeDay: dayMonthYear(result.firstNoticeDay),
      },
      { status: 400 },
    );
  }
  return redirect(localePath(lang, `/staff/meetings/${result.value.meetingId}?scheduled=1`));
}

export default function BoardMeetingsPage() {
  const { board, meetings, invitable, csrfToken } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("meetings");
  const lang = getLangFromPath(useLocation().pathname);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} fieldOrder={SCHEDULE_FIELD_ORDER} />
      <p className="app-body">
        <Link to={localePath(lang, `/staff/board/${board.id}`)}>{board.name}</Link>
      </p>
      <h1 className="app-heading-l">{t("schedule.title", { board: board.name })}</h1>
      <section aria-labelledby="meetings-heading">
        <h2 className="app-heading-m" id="meetings-heading">
          {t("schedule.listHeading")}
        </h2>
        {meetings.length === 0 ? (
          <p className="app-body">{t("list.empty")}</p>
        ) : (
          <ul className="app-list">
            {meetings.map((m) => (
              <li key={m.id}>
                <Link to={localePath(lang, `/staff/meetings/${m.id}`)}>
                  {t("meeting.at", { day: m.day, time: m.time })}
                </Link>
                {m.extraordinary ? ` (${t("list.extraordinary")})` : null}
                {m.cancelled ? ` (${t("list.cancelled")})` : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="schedule-heading">
        <h2 className="app-heading-m" id="schedule-heading">
          {t("schedule.newHeading")}
        </h2>
        <ScheduleMeetingForm
          csrfToken={csrfToken}
          invitable={invitable}
          values={actionData?.values}
          errors={actionData?.errors}
          lastNoticeDay={actionData?.lastNoticeDay}
          firstNoticeDay={actionData?.firstNoticeDay}
        />
      </section>
    </>
  );
}
