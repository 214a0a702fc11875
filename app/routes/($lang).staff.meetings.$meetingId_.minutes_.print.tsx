import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { getLangFromPath, localePath } from "~/i18n/lang";
import { titleMeta } from "~/i18n/meta";
import { listActionItemsForMeeting } from "~/meetings/action-items.server";
import { requireCurrentMinutes } from "~/meetings/minutes-access.server";
import {
  actionItemsOf,
  ApprovedHere,
  MinutesAttendance,
  MinutesText,
} from "~/meetings/minutes-forms";

export const meta = titleMeta("minutes:print.title");

/**
 * The printable minutes (PDF-ready through the browser's print): members' minutes with every
 * item, or with `?report=1` the report's version without the confidential items. Every printed
 * page carries "Konfidenciale / Confidential" once: the first where it heads the document, the
 * others in their top margin (`@page minutes`, app.css; page-margin boxes are printed by
 * Chromium, not yet by Firefox or Safari, where the mark heads the first page only).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const asked = url.searchParams.get("report") === "1";
  // A guest always gets the report's version; the text, its HTML and the tasks sent to the
  // page hold nothing of the items left out (requireCurrentMinutes).
  const { access, revision, attendance, heading, status, rendered, leftOut, approvedHere } =
    await requireCurrentMinutes(
      request,
      params.meetingId,
      "minutes_printed",
      getLangFromPath(url.pathname),
      {
        report: asked,
        details: { report: asked },
      },
    );
  return {
    meetingId: access.meeting.id,
    actionItems: (await listActionItemsForMeeting(access.meeting.id)).filter(
      (item) => !leftOut.has(item.agendaItemId),
    ),
    heading,
    status,
    report: asked || access.guestOnly,
    content: revision.content,
    attendance,
    rendered,
    approvedHere,
    approvedHereLinks: !access.guestOnly,
  };
}

export default function MinutesPrintPage() {
  const {
    meetingId,
    heading,
    status,
    report,
    content,
    attendance,
    rendered,
    actionItems: items,
    approvedHere,
    approvedHereLinks,
  } = useLoaderData<typeof loader>();
  const { t } = useTranslation("minutes");
  const lang = getLangFromPath(useLocation().pathname);
  const actionItems = actionItemsOf(items);
  return (
    <article className="app-minutes-print">
      <p className="app-body app-no-print">
        <Link to={localePath(lang, `/staff/meetings/${meetingId}/minutes`)}>{t("page.back")}</Link>
      </p>
      <p className="app-hint app-no-print">{t("print.printButtonHint")}</p>
      {/* The mark heads the document, on screen and on the first printed page in every
          browser; the later printed pages carry it in their top margin (app.css). */}
      <p className="app-body">
        <strong>{t("page.confidentialMark")}</strong>
      </p>
      <h1 className="app-heading-l">{heading}</h1>
      <p className="app-body">{status}</p>
      <p className="app-hint">{report ? t("print.report") : t("print.members")}</p>
      <MinutesAttendance attendance={attendance} />
      <MinutesText content={content} rendered={rendered} actionItems={actionItems} />
      <ApprovedHere approved={approvedHere} lang={lang} links={approvedHereLinks} />
    </article>
  );
}
