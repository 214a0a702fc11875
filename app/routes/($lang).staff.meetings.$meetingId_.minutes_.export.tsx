import type { LoaderFunctionArgs } from "@remix-run/node";

import { getLangFromPath } from "~/i18n/lang";
import { listActionItemsForMeeting } from "~/meetings/action-items.server";
import { guardDownload } from "~/meetings/declaration.commands.server";
import { requireCurrentMinutes } from "~/meetings/minutes-access.server";
import { minutesMarkdown } from "~/meetings/minutes-export.server";

/**
 * The current minutes as Markdown for the board's report, with each agenda item's action items
 * (confidential agenda items left out), audited, under a neutral file name.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = getLangFromPath(new URL(request.url).pathname);
  const { access, revision, attendance, heading, status, leftOut } = await guardDownload(
    requireCurrentMinutes(
      request,
      params.meetingId,
      "minutes_exported",
      lang,
      // The Markdown leaves confidential items out itself, keeping the agenda numbers.
      { details: { format: "markdown" } },
    ),
    request,
  );
  const actionItems = (await listActionItemsForMeeting(access.meeting.id)).filter(
    (item) => !leftOut.has(item.agendaItemId),
  );
  const body = minutesMarkdown(
    { heading, status, content: revision.content, attendance, actionItems },
    lang,
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="document-${access.meeting.meetingDay}.md"`,
      "Cache-Control": "no-store",
    },
  });
}
