import {
  emailsOf,
  getMeeting,
  getPreferences,
  listInvitable,
  listInvitees,
  listPhoneContacts,
} from "./meetings.server";
import type { Meeting } from "./meetings.server";
import { sendMinutesEmail } from "./minutes-mail.server";
import {
  approvalRefusal,
  chairAbsentOrVacant,
  commentsOpen,
  unansweredMembers,
  type ApprovalKind,
  type MinutesContent,
} from "./minutes-rules";
import type { CommentInput, MinutesItemInput } from "./minutes.schemas";
import {
  contentHash,
  getLatestRevision,
  getMinutesDoc,
  insertComment,
  insertMinutesDoc,
  insertRevision,
  listAgendaItems,
  listComments,
  listMinutesDocs,
  markApproved,
  markCirculated,
  markCommentResolved,
  setActingChair,
  type MinutesDoc,
} from "./minutes.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { inTransaction } from "../../db/transaction";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";
import { dateIn } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";
import { logError } from "../platform/logging.server";

type Invalid = { ok: false; errors: Record<string, string> };
type MeetingRef = Pick<Meeting, "id" | "boardId" | "meetingDay" | "startsAt" | "cancelledAt">;
const actorOf = (user: Pick<StaffUser, "id" | "email">) => ({ id: user.id, email: user.email });
const today = (now: Date) => dateIn(getConfig().timeZone, now);

/**
 * The attendance as recorded at the meeting, for the minutes: each invitee's account id and
 * status (present, late, left early, excused, absent, or not recorded), in the order of their
 * names. Never the reason of absence, and not the name (decision 040).
 */
export async function attendanceForMinutes(
  meeting: Pick<Meeting, "id" | "boardId">,
  db: IdentityDb = getIdentityDb(),
): Promise<MinutesContent["attendance"]> {
  const invitees = await listInvitees(meeting, false, undefined, db);
  return invitees.map((p) => ({ userId: p.userId, status: p.attendance }));
}

/**
 * Starts the minutes of a meeting that has begun: a draft with one empty section per agenda
 * item and the recorded attendance. Refused before the meeting starts (`form`:
 * minutes:errors.not_held). Returns the existing document when one was started meanwhile.
 * Audited as "minutes_started".
 */
export async function startMinutes(
  actor: StaffUser,
  meeting: MeetingRef,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true; value: { minutesId: string } } | Invalid> {
  // A cancelled meeting never took place (decision 037).
  if (Date.parse(meeting.startsAt) > now.getTime() || meeting.cancelledAt)
    return { ok: false, errors: { form: "minutes:errors.not_held" } };
  const existing = (await listMinutesDocs(meeting.id, db))[0];
  if (existing) return { ok: true, value: { minutesId: existing.id } };
  const agenda = await listAgendaItems(meeting.id, db);
  const content: MinutesContent = {
    attendance: await attendanceForMinutes(meeting, db),
    items: agenda.map((item) => ({
      agendaItemId: item.id,
      title: item.title,
      discussion: "",
      decisions: "",
      confidential: false,
    })),
  };
  const minutesId = await inTransaction(db, async (trx) => {
    const id = await insertMinutesDoc(meeting.id, 0, content, actor.id, trx, now);
    // Started by someone else meanwhile: theirs is the draft, and nothing is recorded twice.
    if (!id) return (await listMinutesDocs(meeting.id, trx))[0]!.id;
    await recordAudit(
      { actor: actorOf(actor), action: "minutes_started", subject: meeting.id },
      trx,
      now,
    );
    return id;
  });
  return { ok: true, value: { minutesId } };
}

export type SaveOutcome =
  | { ok: true; version: number }
  | { ok: false; reason: "locked" | "conflict" | "invalid"; errors: Record<string, string> };

/**
 * The text a save writes: the current document's items with the secretariat's `items` over
 * them, and the attendance taken again from the meeting's record; a refusal when there is no
 * text ("locked") or the form does not match the agenda items ("invalid").
 */
async function revisedContent(
  meeting: MeetingRef,
  doc: MinutesDoc,
  items: MinutesItemInput[],
  db: IdentityDb,
): Promise<{ ok: true; content: MinutesContent } | Extract<SaveOutcome, { ok: false }>> {
  const current = await getLatestRevision(doc.id, db);
  if (!current) return { ok: false, reason: "locked", errors: {} };
  if (items.length !== current.content.items.length)
    return { ok: false, reason: "invalid", errors: { form: "minutes:errors.form_invalid" } };
  return {
    ok: true,
    content: {
      attendance: await attendanceForMinutes(meeting, db),
      items: current.content.items.map((item, i) => ({ ...item, ...items[i]! })),
    },
  };
}

/** In `trx`: the new revision over `version` and, when written, its "minutes_saved" audit row. */
async function writeRevision(
  actor: StaffUser,
  meeting: MeetingRef,
  doc: MinutesDoc,
  version: number,
  content: MinutesContent,
  trx: IdentityDb,
  now: Date,
) {
  const revision = await insertRevision(doc.id, version, content, actor.id, trx, now);
  if (revision.ok)
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "minutes_saved",
        subject: meeting.id,
        details: { document: doc.number, revision: revision.version },
      },
      trx,
      now,
    );
  return revision;
}

/**
 * In `trx`: marks the draft circulated until `deadline` with its "minutes_circulated" audit
 * row; false (nothing written) when it was no longer a draft.
 */
async function writeCirculation(
  actor: StaffUser,
  meeting: MeetingRef,
  doc: MinutesDoc,
  deadline: string,
  trx: IdentityDb,
  now: Date,
): Promise<boolean> {
  if (!(await markCirculated(doc.id, deadline, trx, now))) return false;
  await recordAudit(
    {
      actor: actorOf(actor),
      action: "minutes_circulated",
      subject: meeting.id,
      details: { document: doc.number, deadline },
    },
    trx,
    now,
  );
  return true;
}

/**
 * Saves the secretariat's text of a draft or circulated document as a new revision over
 * `version` (attendance taken again from the meeting's record). "locked" (409, offer an
 * amendment): the document is approved. "conflict" (409): someone saved meanwhile; nothing is
 * written and the page shows both texts. With `notify` on circulated minutes, members are told
 * of the revised text. Audited as "minutes_saved" with the revision number.
 */
export async function saveMinutes(
  actor: StaffUser,
  meeting: MeetingRef,
  doc: MinutesDoc,
  version: number,
  items: MinutesItemInput[],
  options: { notify?: boolean } = {},
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<SaveOutcome> {
  const revised = await revisedContent(meeting, doc, items, db);
  if (!revised.ok) return revised;
  const saved = await inTransaction(db, (trx) =>
    writeRevision(actor, meeting, doc, version, revised.content, trx, now),
  );
  if (!saved.ok) return { ok: false, reason: saved.reason, errors: {} };
  if (options.notify && doc.status === "circulated") await tellMembers(meeting, "revised", db);
  return { ok: true, version: saved.version };
}

/** Thrown inside a transaction to roll it back when the draft was circulated meanwhile. */
class NotDraft extends Error {}

/**
 * Saves the secretariat's text as a new revision over `version` and circulates the draft for
 * comments until `deadline` (inclusive, after today), as one unit: the revision, the status
 * change and both audit rows ("minutes_saved", "minutes_circulated") are written in one
 * transaction, so a failure leaves nothing half done (the person is told and their text kept).
 * Members are told after the commit, as by `circulateMinutes`. Outcomes as `saveMinutes`, and
 * "invalid" with `deadline` (minutes:errors.deadline_past) or `form` (minutes:errors.not_draft:
 * circulated meanwhile).
 */
export async function saveAndCirculateMinutes(
  actor: StaffUser,
  meeting: MeetingRef,
  doc: MinutesDoc,
  version: number,
  items: MinutesItemInput[],
  deadline: string,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<SaveOutcome> {
  if (deadline <= today(now))
    return { ok: false, reason: "invalid", errors: { deadline: "minutes:errors.deadline_past" } };
  const revised = await revisedContent(meeting, doc, items, db);
  if (!revised.ok) return revised;
  let saved: Awaited<ReturnType<typeof insertRevision>>;
  try {
    saved = await inTransaction(db, async (trx) => {
      const revision = await writeRevision(actor, meeting, doc, version, revised.content, trx, now);
      if (!revision.ok) return revision;
      if (!(await writeCirculation(actor, meeting, doc, deadline, trx, now))) throw new NotDraft();
      return revision;
    });
  } catch (error) {
    if (error instanceof NotDraft)
      return { ok: false, reason: "invalid", errors: { form: "minutes:errors.not_draft" } };
    throw error;
  }
  if (!saved.ok) return { ok: false, reason: saved.reason, errors: {} };
  await tellMembers(meeting, "circulated", db);
  return { ok: true, version: saved.version };
}

async function tellMembers(
  meeting: Pick<Meeting, "id" | "boardId">,
  kind: "circulated" | "revised",
  db: IdentityDb,
) {
  const members = await listInvitable(meeting.boardId, undefined, db);
  const ids = members.map((m) => m.userId);
  const emails = await emailsOf(ids, db);
  // Members who allowed only phone or SMS get no email, as for invitations: the portal shows
  // the minutes waiting for their answer when they sign in.
  const byPhone = new Set(
    (await listPhoneContacts(meeting.boardId, ids, undefined, db)).map((c) => c.userId),
  );
  for (const member of members) {
    const to = emails.get(member.userId);
    if (!to || byPhone.has(member.userId)) continue;
    const { lang } = await getPreferences(member.userId, db);
    const outcome = await sendMinutesEmail(to, kind, lang, meeting.id, db);
    if (outcome === "failed") logError("minutes message", new Error("a message was not sent"));
  }
}

/**
 * Circulates a draft for comments until `deadline` (inclusive), which must be after today
 * (`deadline`: minutes:errors.deadline_past). Every current member is told in their language
 * by a neutral email, except those who allowed only phone or SMS, and sees it in the portal.
 * Audited as "minutes_circulated".
 */
export async function circulateMinutes(
  actor: StaffUser,
  meeting: MeetingRef,
  doc: MinutesDoc,
  deadline: string,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true } | Invalid> {
  if (deadline <= today(now))
    return { ok: false, errors: { deadline: "minutes:errors.deadline_past" } };
  const circulated = await inTransaction(db, (trx) =>
    writeCirculation(actor, meeting, doc, deadline, trx, now),
  );
  if (!circulated) return { ok: false, errors: { form: "minutes:errors.not_draft" } };
  await tellMembers(meeting, "circulated", db);
  return { ok: true };
}

/**
 * A current member (the chair included) comments on one agenda item or on the whole text, or
 * says "no objection". Refused after the deadline or when not circulated (`body`:
 * minutes:errors.comments_closed), or for someone who is not a member of the board
 * (`form`: minutes:errors.not_member). Audited as "minutes_commented" (kind only).
 */
export async function commentOnMinutes(
  user: StaffUser,
  meeting: MeetingRef,
  doc: MinutesDoc,
  input: CommentInput,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true } | Invalid> {
  if (!commentsOpen(doc, today(now)))
    return { ok: false, errors: { body: "minutes:errors.comments_closed" } };
  const members = await listInvitable(meeting.boardId, today(now), db);
  if (!members.some((m) => m.userId === user.id))
    return { ok: false, errors: { form: "minutes:errors.not_member" } };
  const revision = await getLatestRevision(doc.id, db);
  if (!revision) return { ok: false, errors: { form: "minutes:errors.form_invalid" } };
  let agendaItemId: string | null = null;
  if (input.kind === "comment" && input.item !== "all") {
    const item = revision.content.items[Number(input.item) - 1];
    if (!item) return { ok: false, errors: { item: "minutes:errors.item_invalid" } };
    agendaItemId = item.agendaItemId;
  }
  await inTransaction(db, async (trx) => {
    await insertComment(
      {
        minutesId: doc.id,
        revision: revision.number,
        userId: user.id,
        agendaItemId,
        kind: input.kind,
        body: input.kind === "comment" ? input.body : "",
      },
      trx,
      now,
    );
    await recordAudit(
      {
        actor: actorOf(user),
        action: "minutes_commented",
        subject: meeting.id,
        details: { document: doc.number, kind: input.kind },
      },
      trx,
      now,
    );
  });
  return { ok: true };
}

/** The secretariat marks a comment as dealt with. Audited as "minutes_comment_resolved". */
export async function resolveComment(
  actor: StaffUser,
  meeting: MeetingRef,
  doc: MinutesDoc,
  commentId: string,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true } | Invalid> {
  if (doc.status === "approved") return { ok: false, errors: { form: "minutes:errors.locked" } };
  const resolved = await inTransaction(db, async (trx) => {
    if (!(await markCommentResolved(doc.id, commentId, trx, now))) return false;
    await recordAudit(
      { actor: actorOf(actor), action: "minutes_comment_resolved", subject: meeting.id },
      trx,
      now,
    );
    return true;
  });
  return resolved ? { ok: true } : { ok: false, errors: { form: "minutes:errors.form_invalid" } };
}

/** The people who have to answer circulated minutes and those who have not yet. */
export async function answerState(
  meeting: Pick<Meeting, "boardId">,
  doc: MinutesDoc,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{
  members: { userId: string; fullName: string; isChair: boolean }[];
  unanswered: string[];
}> {
  const members = await listInvitable(meeting.boardId, today(now), db);
  const comments = await listComments(doc.id, db);
  return {
    members,
    unanswered: unansweredMembers(
      members.map((m) => m.userId),
      comments.flatMap((c) => (c.userId ? [c.userId] : [])),
    ),
  };
}

/**
 * The secretariat records the acting chair the members chose (a current member), allowed only
 * when the chair was absent from the meeting or the post is empty (`actingChairId`:
 * minutes:errors.chair_present / not_member). Audited as "minutes_acting_chair_chosen".
 */
export async function chooseActingChair(
  actor: StaffUser,
  meeting: MeetingRef,
  doc: MinutesDoc,
  actingChairId: string,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true } | Invalid> {
  if (doc.status === "approved") return { ok: false, errors: { form: "minutes:errors.locked" } };
  const members = await listInvitable(meeting.boardId, today(now), db);
  const chosen = members.find((m) => m.userId === actingChairId);
  if (!chosen || chosen.isChair)
    return { ok: false, errors: { actingChairId: "minutes:errors.not_member" } };
  const revision = await getLatestRevision(doc.id, db);
  const chairs = members.filter((m) => m.isChair).map((m) => m.userId);
  if (!chairAbsentOrVacant(chairs, revision?.content.attendance ?? []))
    return { ok: false, errors: { actingChairId: "minutes:errors.chair_present" } };
  await inTransaction(db, async (trx) => {
    await setActingChair(doc.id, actingChairId, trx);
    await recordAudit(
      { actor: actorOf(actor), action: "minutes_acting_chair_chosen", subject: meeting.id },
      trx,
      now,
    );
  });
  return { ok: true };
}

/**
 * Approves circulated minutes and locks them with the SHA-256 of the current text (rules in
 * minutes-rules.ts `approvalRefusal`; refusals under `approvalKind`). For "meeting" the later
 * meeting (`approvalMeetingId`) of the same board is recorded. Audited as "minutes_approved"
 * with the kind and the hash.
 */
export async function approveMinutes(
  user: StaffUser,
  meeting: MeetingRef,
  doc: MinutesDoc,
  input: { approvalKind: ApprovalKind; approvalMeetingId: string },
  roles: { isChair: boolean; isSecretariat: boolean },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true; value: { hash: string } } | Invalid> {
  const revision = await getLatestRevision(doc.id, db);
  if (!revision) return { ok: false, errors: { form: "minutes:errors.form_invalid" } };
  const { members, unanswered } = await answerState(meeting, doc, db, now);
  const later =
    input.approvalKind === "meeting" ? await getMeeting(input.approvalMeetingId, db) : null;
  const refusal = approvalRefusal({
    status: doc.status,
    commentDeadline: doc.commentDeadline,
    today: today(now),
    membersUnanswered: unanswered.length,
    kind: input.approvalKind,
    isChair: roles.isChair,
    isSecretariat: roles.isSecretariat,
    isActingChair: doc.actingChairId === user.id,
    chairAbsentOrVacant: chairAbsentOrVacant(
      members.filter((m) => m.isChair).map((m) => m.userId),
      revision.content.attendance,
    ),
    laterMeeting: later
      ? {
          startsAt: later.startsAt,
          sameBoard: later.boardId === meeting.boardId,
          after: later.startsAt > meeting.startsAt,
        }
      : null,
    now,
  });
  if (refusal) return { ok: false, errors: { approvalKind: `minutes:errors.${refusal}` } };
  const hash = contentHash(revision.content);
  const approved = await inTransaction(db, async (trx) => {
    const marked = await markApproved(
      doc.id,
      {
        kind: input.approvalKind,
        by: user.id,
        meetingId: input.approvalKind === "meeting" ? input.approvalMeetingId : null,
        revision: revision.number,
        hash,
      },
      trx,
      now,
    );
    if (marked)
      await recordAudit(
        {
          actor: actorOf(user),
          action: "minutes_approved",
          subject: meeting.id,
          details: { document: doc.number, kind: input.approvalKind, hash },
        },
        trx,
        now,
      );
    return marked;
  });
  if (!approved) return { ok: false, errors: { form: "minutes:errors.changed_meanwhile" } };
  return { ok: true, value: { hash } };
}

/**
 * Starts the next numbered amendment of approved minutes: a new draft whose first revision is
 * the approved text of the latest document (which stays as it is, shown beside). Refused when
 * the latest document is not approved (`form`: minutes:errors.amendment_open). Audited as
 * "minutes_amendment_started" with its number.
 */
export async function startAmendment(
  actor: StaffUser,
  meeting: MeetingRef,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true; value: { number: number } } | Invalid> {
  const docs = await listMinutesDocs(meeting.id, db);
  const latest = docs.at(-1);
  if (!latest || latest.status !== "approved")
    return { ok: false, errors: { form: "minutes:errors.amendment_open" } };
  const text = await getLatestRevision(latest.id, db);
  if (!text) return { ok: false, errors: { form: "minutes:errors.form_invalid" } };
  const number = latest.number + 1;
  const started = await inTransaction(db, async (trx) => {
    if (!(await insertMinutesDoc(meeting.id, number, text.content, actor.id, trx, now)))
      return false;
    await recordAudit(
      {
        actor: actorOf(actor),
        action: "minutes_amendment_started",
        subject: meeting.id,
        details: { number },
      },
      trx,
      now,
    );
    return true;
  });
  if (!started) return { ok: false, errors: { form: "minutes:errors.amendment_open" } };
  return { ok: true, value: { number } };
}

/** The document by id, checked to belong to `meetingId` (else null). */
export async function getMinutesOfMeeting(
  meetingId: string,
  minutesId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<MinutesDoc | null> {
  const doc = await getMinutesDoc(minutesId, db);
  return doc && doc.meetingId === meetingId ? doc : null;
}
