import { renderMarkdown } from "./markdown.server";
import type { requireMeetingAccess } from "./meeting-access.server";
import {
  getMeeting,
  inviteeNames,
  listInvitable,
  listMeetings,
  listPhoneContacts,
} from "./meetings.server";
import type { ApprovedHereView, CommentView, RenderedItems } from "./minutes-forms";
import { commentsOpen, nameAttendance, reportContent, type MinutesContent } from "./minutes-rules";
import {
  getLatestRevision,
  listComments,
  listConfidentialItemIds,
  listMinutesApprovedAt,
  listMinutesDocs,
  type MinutesDoc,
} from "./minutes.server";
import { recordAudit } from "../auth/audit.server";
import { can } from "../auth/permissions";
import { dateIn, displayDay } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";

type Access = Awaited<ReturnType<typeof requireMeetingAccess>>;

/** Each item's discussion and decisions as safe HTML (markdown.server.ts). */
export function renderContent(content: MinutesContent): RenderedItems {
  return Object.fromEntries(
    content.items.map((item) => [
      item.agendaItemId,
      { discussion: renderMarkdown(item.discussion), decisions: renderMarkdown(item.decisions) },
    ]),
  );
}

/**
 * A document with its current text, for a page: for a guest (`forGuest`: the agenda items a
 * guest never sees, `listConfidentialItemIds`), the text of the report, without the
 * confidential agenda items, which are the members' only. `names`: the attendees' names as
 * shown now (`inviteeNames`).
 */
async function docView(
  doc: MinutesDoc,
  timeZone: string,
  forGuest: ReadonlySet<string> | null,
  names: ReadonlyMap<string, string>,
) {
  const latest = await getLatestRevision(doc.id);
  if (!latest) throw new Error("minutes without a revision");
  const revision = forGuest
    ? { ...latest, content: reportContent(latest.content, forGuest) }
    : latest;
  return {
    id: doc.id,
    number: doc.number,
    status: doc.status,
    deadline: doc.commentDeadline ? displayDay(`${doc.commentDeadline}T12:00:00Z`, "UTC") : null,
    approvedOn: doc.approvedAt ? displayDay(doc.approvedAt, timeZone) : null,
    approvalKind: doc.approvalKind,
    approvalMeetingId: doc.approvalMeetingId,
    contentHash: doc.contentHash,
    actingChairId: doc.actingChairId,
    version: revision.number,
    content: revision.content,
    attendance: nameAttendance(revision.content.attendance, names),
    rendered: renderContent(revision.content),
  };
}

/**
 * Everything the minutes page shows to `access.user`, and the audit of the view
 * ("minutes_viewed"). The current document is the latest (an amendment once there is one);
 * the one before it (approved) is shown beside. Who has not answered, and the forms, depend on
 * the person: the secretariat drafts and records; the chair (or the acting chair) approves;
 * members comment; guests of the meeting only read.
 */
export async function loadMinutesPage(access: Access, now = new Date()) {
  const { user, meeting, isSecretariat, isChair, guestOnly } = access;
  const { timeZone } = getConfig();
  const today = dateIn(timeZone, now);
  await recordAudit({
    actor: { id: user.id, email: user.email },
    action: "minutes_viewed",
    subject: meeting.id,
  });
  const docs = await listMinutesDocs(meeting.id);
  const latest = docs.at(-1);
  const names = docs.length ? await inviteeNames(meeting) : new Map<string, string>();
  const forGuest = guestOnly ? await listConfidentialItemIds(meeting.id) : null;
  const current = latest ? await docView(latest, timeZone, forGuest, names) : null;
  const before = docs.length > 1 ? await docView(docs.at(-2)!, timeZone, forGuest, names) : null;
  const members = await listInvitable(meeting.boardId, today);
  const isMember = members.some((m) => m.userId === user.id);
  const titles = new Map(current?.content.items.map((i) => [i.agendaItemId, i.title]) ?? []);
  // Members' comments are for the members, the chair and the secretariat, not for guests.
  const stored = latest && !guestOnly ? await listComments(latest.id) : [];
  const comments: CommentView[] = stored.map((c) => ({
    id: c.id,
    authorName: c.authorName,
    revision: c.revision,
    itemTitle: c.agendaItemId ? (titles.get(c.agendaItemId) ?? null) : null,
    kind: c.kind,
    body: c.body,
    resolved: c.resolved,
  }));
  const answered = new Set(stored.flatMap((c) => (c.userId ? [c.userId] : [])));
  const isActingChair = Boolean(latest?.actingChairId && latest.actingChairId === user.id);
  const seesAnswers = isSecretariat || isChair || isActingChair;
  // Who has not answered yet: for those who approve or chase answers, not for everyone.
  const notAnswered = seesAnswers ? members.filter((m) => !answered.has(m.userId)) : [];
  const unanswered = notAnswered.map((m) => m.fullName);
  // Members who allowed only phone or SMS got no email about circulated minutes: the
  // secretariat tells those who have not answered yet (audited, as on the meeting's page).
  const phoneContacts =
    isSecretariat && latest?.status === "circulated"
      ? await listPhoneContacts(
          meeting.boardId,
          notAnswered.map((m) => m.userId),
        )
      : [];
  if (phoneContacts.length > 0)
    await recordAudit({
      actor: { id: user.id, email: user.email },
      action: "meeting_phone_list_viewed",
      subject: meeting.id,
      details: { document: latest!.number },
    });
  const laterMeetings =
    isSecretariat && latest?.status === "circulated"
      ? (await listMeetings({ boardId: meeting.boardId }))
          .filter((m) => m.startsAt > meeting.startsAt && Date.parse(m.startsAt) <= now.getTime())
          .map((m) => ({ id: m.id, day: displayDay(m.startsAt, timeZone) }))
      : [];
  const approvalMeetingDay = latest ? await approvalMeetingDayOf(latest, timeZone) : "";
  return {
    meeting: {
      id: meeting.id,
      boardName: meeting.boardName,
      boardNameEn: meeting.boardNameEn,
      day: displayDay(meeting.startsAt, timeZone),
    },
    // A cancelled meeting never took place: it has no minutes (decision 037).
    cancelled: Boolean(meeting.cancelledAt),
    held: !meeting.cancelledAt && Date.parse(meeting.startsAt) <= now.getTime(),
    current,
    before,
    comments,
    commentsOpen: latest ? commentsOpen(latest, today) : false,
    deadlinePassed: Boolean(latest?.commentDeadline && today > latest.commentDeadline),
    canDraft: can(user.roles, "minutes:draft") && isSecretariat,
    isMember,
    isChair,
    isActingChair,
    hasAnswered: answered.has(user.id),
    seesAnswers,
    unanswered,
    phoneContacts,
    actingChairName: latest?.actingChairId
      ? (members.find((m) => m.userId === latest.actingChairId)?.fullName ?? "")
      : "",
    actingCandidates: isSecretariat
      ? members.filter((m) => !m.isChair).map((m) => ({ userId: m.userId, fullName: m.fullName }))
      : [],
    laterMeetings,
    approvalMeetingDay,
    approvedHere: await listApprovedHere(meeting.id),
    // A guest may open this meeting only: no links to another meeting's minutes.
    approvedHereLinks: !guestOnly,
    nextAmendment: (latest?.number ?? 0) + 1,
  };
}

/** The state of a meeting's minutes for the line on its page, or null before there are any. */
export async function getMinutesNotice(meetingId: string) {
  const latest = (await listMinutesDocs(meetingId)).at(-1);
  if (!latest) return null;
  return {
    status: latest.status,
    deadline: latest.commentDeadline
      ? displayDay(`${latest.commentDeadline}T12:00:00Z`, "UTC")
      : null,
  };
}

/**
 * The day (dd.mm.yyyy in `timeZone`) of the meeting at which `doc` was approved by decision,
 * or "" when it was not approved that way.
 */
export async function approvalMeetingDayOf(
  doc: Pick<MinutesDoc, "approvalMeetingId">,
  timeZone: string,
): Promise<string> {
  const at = doc.approvalMeetingId ? await getMeeting(doc.approvalMeetingId) : null;
  return at ? displayDay(at.startsAt, timeZone) : "";
}

/**
 * The minutes of earlier meetings approved by decision at meeting `meetingId` (Art. 10), for
 * its pages: the earlier meeting's id and day (dd.mm.yyyy in TIME_ZONE) and the document's
 * number (0 the minutes, n the n-th amendment), earliest first.
 */
export async function listApprovedHere(meetingId: string): Promise<ApprovedHereView[]> {
  const { timeZone } = getConfig();
  return (await listMinutesApprovedAt(meetingId)).map((doc) => ({
    meetingId: doc.meetingId,
    day: displayDay(doc.startsAt, timeZone),
    number: doc.number,
  }));
}
