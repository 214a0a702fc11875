import type { LoaderFunctionArgs } from "@remix-run/node";

import { getFixedT } from "~/i18n/i18n";
import { getLangFromPath } from "~/i18n/lang";
import { meetingCalendarFile } from "~/meetings/calendar-file";
import { guardDownload } from "~/meetings/declaration.commands.server";
import { requireMeetingAccess } from "~/meetings/meeting-access.server";
import { getPreferences } from "~/meetings/meetings.server";

/**
 * The calendar file of one meeting, for an invitee who opted in (404 otherwise): a neutral
 * title in the page's language, the time, no place (app/meetings/calendar-file.ts); for a
 * changed or cancelled meeting the same UID with a higher SEQUENCE (and STATUS:CANCELLED).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, meeting, invitation } = await guardDownload(
    requireMeetingAccess(request, params.meetingId),
    request,
  );
  if (!invitation || !(await getPreferences(user.id)).calendarFile)
    throw new Response("Not Found", { status: 404 });
  const t = getFixedT(getLangFromPath(new URL(request.url).pathname));
  const body = meetingCalendarFile({
    uid: `${meeting.id}@portal`,
    title: t("meetings:calendar.title"),
    startsAt: meeting.startsAt,
    now: new Date(),
    sequence: meeting.sequence,
    cancelled: meeting.cancelledAt !== null,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="calendar.ics"',
    },
  });
}
