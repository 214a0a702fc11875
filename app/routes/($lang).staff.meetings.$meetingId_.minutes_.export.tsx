import type { LoaderFunctionArgs } from "@remix-run/node";

import { getLangFromPath } from "~/i18n/lang";
import { requireCurrentMinutes } from "~/meetings/minutes-access.server";
import { minutesMarkdown } from "~/meetings/minutes-export.server";

/**
 * The current minutes as Markdown for the board's report (confidential agenda items left out),
 * audited, under a neutral file name.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = getLangFromPath(new URL(request.url).pathname);
  const { access, revision, heading, status } = await requireCurrentMinutes(
    request,
    params.meetingId,
    "minutes_exported",
    lang,
    { format: "markdown" },
  );
  const body = minutesMarkdown({ heading, status, content: revision.content }, lang);
  return new Response(body, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="document-${access.meeting.meetingDay}.md"`,
      "Cache-Control": "no-store",
    },
  });
}
