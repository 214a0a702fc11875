import { createHash, randomUUID } from "node:crypto";

import type { ApprovalKind, MinutesContent, MinutesStatus } from "./minutes-rules";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { forUpdate } from "../../db/open-store";
import { inTransaction } from "../../db/transaction";
import { accountFieldsOf } from "../auth/account-keys.server";

/**
 * Minutes of meetings (decision 031): documents (the original, number 0, and numbered
 * amendments), their kept revisions and the members' comments. SQL lives here only; the rules
 * are in minutes-rules.ts, the checks and the audit in minutes.commands.server.ts.
 */
export type MinutesDoc = {
  id: string;
  meetingId: string;
  /** 0: the original minutes; 1, 2, …: amendments. */
  number: number;
  status: MinutesStatus;
  /** The last day comments are accepted ("YYYY-MM-DD" in TIME_ZONE), once circulated. */
  commentDeadline: string | null;
  circulatedAt: string | null;
  actingChairId: string | null;
  approvalKind: ApprovalKind | null;
  approvalMeetingId: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  /** SHA-256 (hex) of the approved text, recorded at approval. */
  contentHash: string | null;
};

export type Revision = { number: number; content: MinutesContent; createdAt: string };

export type MinutesComment = {
  id: string;
  revision: number;
  userId: string | null;
  authorName: string;
  agendaItemId: string | null;
  kind: "comment" | "no_objection";
  body: string;
  createdAt: string;
  resolved: boolean;
};

/**
 * SHA-256 (hex) of a minutes text: the same text always gives the same hash (keys in a fixed
 * order, no other fields). Attendance counts as account id and status: names are not part of
 * the minutes (decision 040), so erasing a member leaves the hash of approved minutes true.
 */
export function contentHash(content: MinutesContent): string {
  const canonical = {
    attendance: content.attendance.map((a) => [a.userId, a.status]),
    items: content.items.map((i) => [
      i.agendaItemId,
      i.title,
      i.discussion,
      i.decisions,
      i.confidential,
    ]),
  };
  return createHash("sha256").update(JSON.stringify(canonical), "utf8").digest("hex");
}

/**
 * A revision's text as stored (JSON): attendance reduced to account id and status, whatever
 * else the caller's objects carry, so no name is ever written into the minutes (decision 040).
 */
function storedContent(content: MinutesContent): string {
  return JSON.stringify({
    attendance: content.attendance.map((a) => ({ userId: a.userId, status: a.status })),
    items: content.items,
  });
}

/** A stored revision's text (JSON) as MinutesContent, attendance without names. */
function readContent(json: string): MinutesContent {
  const content = JSON.parse(json) as MinutesContent;
  return {
    attendance: content.attendance.map((a) => ({ userId: a.userId, status: a.status })),
    items: content.items,
  };
}

function toDoc(row: {
  id: string;
  meeting_id: string;
  number: number;
  status: MinutesStatus;
  comment_deadline: string | null;
  circulated_at: string | null;
  acting_chair_id: string | null;
  approval_kind: ApprovalKind | null;
  approval_meeting_id: string | null;
  approved_at: string | null;
  approved_by: string | null;
  content_hash: string | null;
}): MinutesDoc {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    number: Number(row.number),
    status: row.status,
    commentDeadline: row.comment_deadline,
    circulatedAt: row.circulated_at,
    actingChairId: row.acting_chair_id,
    approvalKind: row.approval_kind,
    approvalMeetingId: row.approval_meeting_id,
    approvedAt: row.approved_at,
    approvedBy: row.approved_by,
    contentHash: row.content_hash,
  };
}

/**
 * The account id of the acting chair the members chose for meeting `meetingId` (recorded on
 * its original minutes when the chair was absent, Art. 10), or null when none was chosen.
 */
export async function getActingChairId(
  meetingId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<string | null> {
  const row = await db
    .selectFrom("minutes")
    .select("acting_chair_id")
    .where("meeting_id", "=", meetingId)
    .where("number", "=", 0)
    .executeTakeFirst();
  return row?.acting_chair_id ?? null;
}

/**
 * What `userId` wrote on the minutes of `boardId`'s meetings, for their data export: each
 * comment or "no objection" with the meeting's day (YYYY-MM-DD), the document's number (0 the
 * original, n the n-th amendment) and when it was sent, oldest first.
 */
export async function listMemberComments(
  userId: string,
  boardId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ meetingDay: string; document: number; kind: string; body: string; sentAt: string }[]> {
  const rows = await db
    .selectFrom("minutes_comments")
    .innerJoin("minutes", "minutes.id", "minutes_comments.minutes_id")
    .innerJoin("meetings", "meetings.id", "minutes.meeting_id")
    .select([
      "meetings.meeting_day as meetingDay",
      "minutes.number as document",
      "minutes_comments.kind as kind",
      "minutes_comments.body as body",
      "minutes_comments.created_at as sentAt",
    ])
    .where("minutes_comments.user_id", "=", userId)
    .where("meetings.board_id", "=", boardId)
    .orderBy("minutes_comments.created_at")
    .execute();
  return rows.map((row) => ({ ...row, document: Number(row.document) }));
}

/** The minutes documents of a meeting: the original first, then each amendment by number. */
export async function listMinutesDocs(
  meetingId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<MinutesDoc[]> {
  const rows = await db
    .selectFrom("minutes")
    .selectAll()
    .where("meeting_id", "=", meetingId)
    .orderBy("number")
    .execute();
  return rows.map(toDoc);
}

/**
 * The minutes approved by decision at meeting `meetingId` (Art. 10: the approval is recorded at
 * that meeting): per approved document naming it, the earlier meeting's id and start (ISO, UTC)
 * and the document's number (0 the minutes, n the n-th amendment), earliest meeting first.
 */
export async function listMinutesApprovedAt(
  meetingId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ meetingId: string; startsAt: string; number: number }[]> {
  const rows = await db
    .selectFrom("minutes")
    .innerJoin("meetings", "meetings.id", "minutes.meeting_id")
    .select(["meetings.id as meetingId", "meetings.starts_at as startsAt", "minutes.number"])
    .where("minutes.approval_meeting_id", "=", meetingId)
    .where("minutes.approval_kind", "=", "meeting")
    .where("minutes.status", "=", "approved")
    .orderBy("meetings.starts_at")
    .orderBy("minutes.number")
    .execute();
  return rows.map((row) => ({ ...row, number: Number(row.number) }));
}

/** One minutes document by id, or null. */
export async function getMinutesDoc(
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<MinutesDoc | null> {
  const row = await db.selectFrom("minutes").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toDoc(row) : null;
}

/** The agenda items of a meeting with their ids, in agenda order. */
export async function listAgendaItems(
  meetingId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ id: string; title: string }[]> {
  return db
    .selectFrom("meeting_agenda_items")
    .select(["id", "title"])
    .where("meeting_id", "=", meetingId)
    .orderBy("position")
    .execute();
}

/**
 * One revision of a document, or null when there is none: `number` picks that revision, and
 * without it the latest (the document's current text and version).
 */
export async function getRevision(
  minutesId: string,
  number?: number,
  db: IdentityDb = getIdentityDb(),
): Promise<Revision | null> {
  let query = db
    .selectFrom("minutes_revisions")
    .select(["number", "content", "created_at"])
    .where("minutes_id", "=", minutesId);
  query =
    number === undefined
      ? query.orderBy("number", "desc").limit(1)
      : query.where("number", "=", number);
  const row = await query.executeTakeFirst();
  return row
    ? {
        number: Number(row.number),
        content: readContent(row.content),
        createdAt: row.created_at,
      }
    : null;
}

/**
 * The agenda item ids marked confidential in any revision of any minutes document of a meeting:
 * what a guest of that meeting never sees, in the current text or an older one.
 */
export async function listConfidentialItemIds(
  meetingId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Set<string>> {
  const rows = await db
    .selectFrom("minutes_revisions")
    .innerJoin("minutes", "minutes.id", "minutes_revisions.minutes_id")
    .select("minutes_revisions.content")
    .where("minutes.meeting_id", "=", meetingId)
    .execute();
  const ids = new Set<string>();
  for (const row of rows)
    for (const item of readContent(row.content).items)
      if (item.confidential) ids.add(item.agendaItemId);
  return ids;
}

/** The latest revision of a document (its current text and version), or null. */
export function getLatestRevision(
  minutesId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Revision | null> {
  return getRevision(minutesId, undefined, db);
}

/** The revisions of a document, newest first: number, when, and who saved it. */
export async function listRevisions(
  minutesId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ number: number; createdAt: string; authorName: string }[]> {
  const rows = await db
    .selectFrom("minutes_revisions")
    .leftJoin("users", "users.id", "minutes_revisions.created_by")
    .select([
      "minutes_revisions.number",
      "minutes_revisions.created_at",
      "minutes_revisions.created_by",
      "users.display_name",
    ])
    .where("minutes_revisions.minutes_id", "=", minutesId)
    .orderBy("minutes_revisions.number", "desc")
    .execute();
  const accounts = await accountFieldsOf(
    rows.flatMap((row) => (row.created_by ? [row.created_by] : [])),
    db,
  );
  return rows.map((row) => ({
    number: Number(row.number),
    createdAt: row.created_at,
    authorName:
      (row.created_by ? accounts.get(row.created_by)?.displayName : null) ?? row.display_name ?? "",
  }));
}

/**
 * Creates a minutes document (`number` 0 for the original, n for the n-th amendment) as a
 * draft with its first revision, in one transaction. Returns its id, or null when that number
 * exists already (someone else started it meanwhile).
 */
export async function insertMinutesDoc(
  meetingId: string,
  number: number,
  content: MinutesContent,
  userId: string,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<string | null> {
  return inTransaction(db, async (trx) => {
    // Two people starting the same document at once on PostgreSQL: the second waits here and
    // then finds the first one's.
    await forUpdate(
      trx,
      trx.selectFrom("meetings").select("id").where("id", "=", meetingId),
    ).executeTakeFirst();
    const existing = await trx
      .selectFrom("minutes")
      .select("id")
      .where("meeting_id", "=", meetingId)
      .where("number", "=", number)
      .executeTakeFirst();
    if (existing) return null;
    const id = randomUUID();
    await trx
      .insertInto("minutes")
      .values({
        id,
        meeting_id: meetingId,
        number,
        status: "draft",
        comment_deadline: null,
        circulated_at: null,
        acting_chair_id: null,
        approval_kind: null,
        approval_meeting_id: null,
        approved_at: null,
        approved_by: null,
        content_hash: null,
        created_at: now.toISOString(),
      })
      .execute();
    await trx
      .insertInto("minutes_revisions")
      .values({
        minutes_id: id,
        number: 1,
        content: storedContent(content),
        created_at: now.toISOString(),
        created_by: userId,
      })
      .execute();
    return id;
  });
}

/**
 * Saves a new revision over version `expected`, in one transaction. "locked": the document is
 * approved; "conflict": someone saved another revision meanwhile (nothing is written).
 */
export async function insertRevision(
  minutesId: string,
  expected: number,
  content: MinutesContent,
  userId: string,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ ok: true; version: number } | { ok: false; reason: "locked" | "conflict" }> {
  return inTransaction(db, async (trx) => {
    // Locked on PostgreSQL until commit: a second save over the same version, or an approval,
    // waits here and then sees this revision (a conflict, or "changed meanwhile").
    const doc = await forUpdate(
      trx,
      trx.selectFrom("minutes").select("status").where("id", "=", minutesId),
    ).executeTakeFirst();
    if (!doc || doc.status === "approved") return { ok: false, reason: "locked" } as const;
    const latest = await trx
      .selectFrom("minutes_revisions")
      .select((eb) => eb.fn.max("number").as("latest"))
      .where("minutes_id", "=", minutesId)
      .executeTakeFirst();
    if (Number(latest?.latest ?? 0) !== expected) return { ok: false, reason: "conflict" } as const;
    await trx
      .insertInto("minutes_revisions")
      .values({
        minutes_id: minutesId,
        number: expected + 1,
        content: storedContent(content),
        created_at: now.toISOString(),
        created_by: userId,
      })
      .execute();
    return { ok: true, version: expected + 1 } as const;
  });
}

/** Marks a draft as circulated with its comment deadline. False when it was not a draft. */
export async function markCirculated(
  minutesId: string,
  deadline: string,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable("minutes")
    .set({ status: "circulated", comment_deadline: deadline, circulated_at: now.toISOString() })
    .where("id", "=", minutesId)
    .where("status", "=", "draft")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the acting chair the members chose for this document. */
export async function setActingChair(
  minutesId: string,
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  await db
    .updateTable("minutes")
    .set({ acting_chair_id: userId })
    .where("id", "=", minutesId)
    .where("status", "!=", "approved")
    .execute();
}

/**
 * Approves and locks circulated minutes with the hash of `revision`'s text. False (nothing
 * written) when the document was no longer circulated or a newer revision exists.
 */
export async function markApproved(
  minutesId: string,
  approval: {
    kind: ApprovalKind;
    by: string;
    meetingId: string | null;
    revision: number;
    hash: string;
  },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    // The same lock as insertRevision: no revision can be added between this check and the
    // approval, so the hash recorded is the hash of the latest text.
    await forUpdate(
      trx,
      trx.selectFrom("minutes").select("id").where("id", "=", minutesId),
    ).executeTakeFirst();
    const latest = await trx
      .selectFrom("minutes_revisions")
      .select((eb) => eb.fn.max("number").as("latest"))
      .where("minutes_id", "=", minutesId)
      .executeTakeFirst();
    if (Number(latest?.latest ?? 0) !== approval.revision) return false;
    const result = await trx
      .updateTable("minutes")
      .set({
        status: "approved",
        approval_kind: approval.kind,
        approval_meeting_id: approval.meetingId,
        approved_at: now.toISOString(),
        approved_by: approval.by,
        content_hash: approval.hash,
      })
      .where("id", "=", minutesId)
      .where("status", "=", "circulated")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  });
}

/** Stores a member's comment or "no objection". */
export async function insertComment(
  comment: {
    minutesId: string;
    revision: number;
    userId: string;
    agendaItemId: string | null;
    kind: "comment" | "no_objection";
    body: string;
  },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<void> {
  await db
    .insertInto("minutes_comments")
    .values({
      id: randomUUID(),
      minutes_id: comment.minutesId,
      revision: comment.revision,
      user_id: comment.userId,
      agenda_item_id: comment.agendaItemId,
      kind: comment.kind,
      body: comment.body,
      created_at: now.toISOString(),
      resolved_at: null,
    })
    .execute();
}

/** The comments on a document, oldest first, with their authors' names. */
export async function listComments(
  minutesId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<MinutesComment[]> {
  const rows = await db
    .selectFrom("minutes_comments")
    .leftJoin("users", "users.id", "minutes_comments.user_id")
    .select([
      "minutes_comments.id",
      "minutes_comments.revision",
      "minutes_comments.user_id",
      "minutes_comments.agenda_item_id",
      "minutes_comments.kind",
      "minutes_comments.body",
      "minutes_comments.created_at",
      "minutes_comments.resolved_at",
      "users.display_name",
    ])
    .where("minutes_comments.minutes_id", "=", minutesId)
    .orderBy("minutes_comments.created_at")
    .orderBy("minutes_comments.id")
    .execute();
  // A member's account keeps its name sealed (decision 046): opened here.
  const accounts = await accountFieldsOf(
    rows.flatMap((row) => (row.user_id ? [row.user_id] : [])),
    db,
  );
  return rows.map((row) => ({
    id: row.id,
    revision: Number(row.revision),
    userId: row.user_id,
    authorName:
      (row.user_id ? accounts.get(row.user_id)?.displayName : null) ?? row.display_name ?? "",
    agendaItemId: row.agenda_item_id,
    kind: row.kind,
    body: row.body,
    createdAt: row.created_at,
    resolved: row.resolved_at !== null,
  }));
}

/** Marks a comment as dealt with. False when it is not a comment of this document. */
export async function markCommentResolved(
  minutesId: string,
  commentId: string,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable("minutes_comments")
    .set({ resolved_at: now.toISOString() })
    .where("id", "=", commentId)
    .where("minutes_id", "=", minutesId)
    .where("kind", "=", "comment")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
