import { requireMeetingAccess } from "./meeting-access.server";
import { inviteeNames } from "./meetings.server";
import { approvalMeetingDayOf, listApprovedHere, renderContent } from "./minutes-page.server";
import { nameAttendance, reportContent } from "./minutes-rules";
import { getLatestRevision, listConfidentialItemIds, listMinutesDocs } from "./minutes.server";
import { recordAudit } from "../auth/audit.server";
import { boardName } from "../board/board-name";
import { getFixedT } from "../i18n/i18n";
import type { Lang } from "../i18n/lang";
import { displayDay } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";

/**
 * The current minutes document of a meeting for the print view and the export, under the
 * meeting's guard (declaration signed; members, the secretariat, the meeting's guests, who get
 * the report's text without confidential items), with the view audited as `action` (with
 * `details`). 404 when no minutes exist yet. `report`: the report's text (no confidential
 * items), as a guest always gets, where an item once confidential stays out
 * (`listConfidentialItemIds`); `rendered` is made from the text returned, nothing more.
 * `attendance` carries the names shown now ("" for an erased member). `leftOut`: the agenda
 * items whose tasks must not be shown either. `approvedHere`: the earlier meetings' minutes
 * approved by decision at this meeting (`listApprovedHere`).
 */
export async function requireCurrentMinutes(
  request: Request,
  meetingId: string | undefined,
  action: "minutes_printed" | "minutes_exported",
  lang: Lang,
  {
    report = false,
    details = {},
  }: { report?: boolean; details?: Record<string, string | number | boolean> } = {},
) {
  const access = await requireMeetingAccess(request, meetingId);
  const doc = (await listMinutesDocs(access.meeting.id)).at(-1);
  const latest = doc ? await getLatestRevision(doc.id) : null;
  if (!doc || !latest) throw new Response("Not Found", { status: 404 });
  // A guest gets the report's text: the confidential agenda items are the members' only.
  const forGuest = access.guestOnly ? await listConfidentialItemIds(access.meeting.id) : null;
  const revision =
    forGuest || report
      ? { ...latest, content: reportContent(latest.content, forGuest ?? undefined) }
      : latest;
  const kept = new Set(revision.content.items.map((item) => item.agendaItemId));
  const leftOut = new Set(
    latest.content.items.map((item) => item.agendaItemId).filter((id) => !kept.has(id)),
  );
  for (const id of forGuest ?? []) leftOut.add(id);
  await recordAudit({
    actor: { id: access.user.id, email: access.user.email },
    action,
    subject: access.meeting.id,
    details: { document: doc.number, ...details },
  });
  const { timeZone } = getConfig();
  const t = getFixedT(lang);
  const day = displayDay(access.meeting.startsAt, timeZone);
  const board = boardName(
    { name: access.meeting.boardName, nameEn: access.meeting.boardNameEn },
    lang,
  );
  const heading =
    doc.number > 0
      ? `${t("minutes:page.amendmentHeading", { number: doc.number })} (${t("minutes:page.heading", { board, day })})`
      : t("minutes:page.heading", { board, day });
  const status =
    doc.status === "approved"
      ? t(`minutes:status.approved_${doc.approvalKind ?? "chair"}`, {
          day: doc.approvedAt ? displayDay(doc.approvedAt, timeZone) : "",
          meeting: await approvalMeetingDayOf(doc, timeZone),
        })
      : doc.status === "circulated"
        ? t("minutes:status.circulated", {
            day: doc.commentDeadline ? displayDay(`${doc.commentDeadline}T12:00:00Z`, "UTC") : "",
          })
        : t("minutes:status.draft");
  return {
    access,
    doc,
    revision,
    heading,
    status,
    attendance: nameAttendance(revision.content.attendance, await inviteeNames(access.meeting)),
    rendered: renderContent(revision.content),
    leftOut,
    approvedHere: await listApprovedHere(access.meeting.id),
  };
}
