import { randomUUID } from "node:crypto";

import type { Attendance, Reply } from "./meetings.schemas";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { inTransaction } from "../../db/transaction";
import {
  accountFieldsOf,
  accountKeyId,
  getAccountKey,
  openAccountText,
  sealAccountText,
} from "../auth/account-keys.server";
import { getApplication } from "../board/applications.server";
import { listMembers } from "../board/membership.server";
import { getPersonKeys } from "../board/person-keys.server";
import type { Lang } from "../i18n/lang";
import { addDays, localToday } from "../platform/calendar.server";
import { getConfig } from "../platform/config.server";
import { decryptField, encryptField } from "../platform/field-encryption.server";

/**
 * Board meetings (regulation Art. 11, instruments.md §4): the meeting, its agenda, the
 * invitations with each answer, and attendance recorded at the meeting, apart from the
 * answers. SQL lives here only; the rules and the audit are in meetings.commands.server.ts.
 */
export type Meeting = {
  id: string;
  boardId: string;
  /**
   * The board's name in Albanian and in English ("" when none), as stored: show it with
   * `boardName({ name: boardName, nameEn: boardNameEn }, lang)` (app/board/board-name.ts).
   */
  boardName: string;
  boardNameEn: string;
  /** The start, an instant (ISO 8601, UTC). */
  startsAt: string;
  /** The start's calendar day in TIME_ZONE ("YYYY-MM-DD"). */
  meetingDay: string;
  place: string;
  onlineLink: string;
  briefing: string;
  extraordinary: boolean;
  extraordinaryReason: string | null;
  noticeSentOn: string;
  /** The calendar file's SEQUENCE: 0 when scheduled, raised by each change and the cancellation. */
  sequence: number;
  /** When the meeting was cancelled (an instant, ISO 8601), or null. */
  cancelledAt: string | null;
  /** The agenda in order; `id` is the item's row id (action items and minutes hang on it). */
  agenda: { id: string; title: string; summary: string }[];
};

export type MeetingSummary = Pick<
  Meeting,
  | "id"
  | "boardId"
  | "boardName"
  | "boardNameEn"
  | "startsAt"
  | "meetingDay"
  | "extraordinary"
  | "cancelledAt"
>;

/** Someone who may be invited: an active member whose term has not ended. */
export type Invitable = { userId: string; fullName: string; isChair: boolean };

/** True when a membership counts on `today`: active, and its term (if set) not yet over. */
function isCurrent(member: { status: string; termEndsOn: string | null }, today: string) {
  return member.status === "active" && (member.termEndsOn === null || member.termEndsOn > today);
}

/**
 * The people a meeting of `boardId` may invite: active members with an account whose term
 * has not ended on `today`, the chair included, by name (Albanian collation).
 */
export async function listInvitable(
  boardId: string,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
): Promise<Invitable[]> {
  const { members } = await listMembers(boardId, today, db);
  return members
    .filter((m) => m.userId && isCurrent(m, today))
    .map((m) => ({
      userId: m.userId!,
      fullName: m.fullName,
      isChair: m.positions.includes("chair"),
    }));
}

/** True when `userId` is a member of `boardId` on `today` (active, term not ended). */
export async function isCurrentMember(
  userId: string,
  boardId: string,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const rows = await db
    .selectFrom("board_memberships")
    .select(["status", "term_ends_on"])
    .where("user_id", "=", userId)
    .where("board_id", "=", boardId)
    .execute();
  return rows.some((row) => isCurrent({ status: row.status, termEndsOn: row.term_ends_on }, today));
}

/**
 * Stores a meeting with its agenda and one unanswered invitation per invitee, in one
 * transaction (the caller's, when `db` is a transaction). Returns the meeting's id.
 */
export async function insertMeeting(
  input: {
    boardId: string;
    startsAt: string;
    meetingDay: string;
    place: string;
    onlineLink: string;
    briefing: string;
    extraordinary: boolean;
    extraordinaryReason: string;
    noticeSentOn: string;
    agenda: { title: string; summary: string }[];
    invitees: string[];
    createdBy: string | null;
  },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<string> {
  const id = randomUUID();
  await inTransaction(db, async (trx) => {
    await trx
      .insertInto("meetings")
      .values({
        id,
        board_id: input.boardId,
        starts_at: input.startsAt,
        meeting_day: input.meetingDay,
        place: input.place,
        online_link: input.onlineLink,
        briefing: input.briefing,
        extraordinary: input.extraordinary ? 1 : 0,
        extraordinary_reason: input.extraordinary ? input.extraordinaryReason : null,
        notice_sent_on: input.noticeSentOn,
        created_at: now.toISOString(),
        created_by: input.createdBy,
        sequence: 0,
        changed_at: null,
        cancelled_at: null,
        cancelled_by: null,
        cancellation_reason_encrypted: null,
      })
      .execute();
    for (const [position, item] of input.agenda.entries())
      await trx
        .insertInto("meeting_agenda_items")
        .values({ id: randomUUID(), meeting_id: id, position, ...item })
        .execute();
    for (const userId of input.invitees)
      await trx
        .insertInto("meeting_invitations")
        .values({
          meeting_id: id,
          user_id: userId,
          reply: null,
          decline_reason_encrypted: null,
          replied_at: null,
          reminded_at: null,
          guest: 0,
        })
        .execute();
  });
  return id;
}

/** One meeting with its board's name and agenda, or null. */
export async function getMeeting(
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Meeting | null> {
  const row = await db
    .selectFrom("meetings")
    .innerJoin("boards", "boards.id", "meetings.board_id")
    .selectAll("meetings")
    .select(["boards.name as board_name", "boards.name_en as board_name_en"])
    .where("meetings.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const agenda = await db
    .selectFrom("meeting_agenda_items")
    .select(["id", "title", "summary"])
    .where("meeting_id", "=", id)
    .orderBy("position")
    .execute();
  return {
    id: row.id,
    boardId: row.board_id,
    boardName: row.board_name,
    boardNameEn: row.board_name_en,
    startsAt: row.starts_at,
    meetingDay: row.meeting_day,
    place: row.place,
    onlineLink: row.online_link,
    briefing: row.briefing,
    extraordinary: Number(row.extraordinary) === 1,
    extraordinaryReason: row.extraordinary_reason,
    noticeSentOn: row.notice_sent_on,
    sequence: Number(row.sequence),
    cancelledAt: row.cancelled_at,
    agenda,
  };
}

/**
 * Meetings, latest first: of one board (`boardId`), or those `memberOf` may see on `today`
 * (every meeting of the boards where they are a current member, and the meetings they are
 * invited to as a guest), or (neither) of every board, for the secretariat.
 */
export async function listMeetings(
  scope: { boardId?: string; memberOf?: string },
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
): Promise<MeetingSummary[]> {
  let query = db
    .selectFrom("meetings")
    .innerJoin("boards", "boards.id", "meetings.board_id")
    .select([
      "meetings.id",
      "meetings.board_id",
      "boards.name as board_name",
      "boards.name_en as board_name_en",
      "meetings.starts_at",
      "meetings.meeting_day",
      "meetings.extraordinary",
      "meetings.cancelled_at",
    ]);
  if (scope.boardId) query = query.where("meetings.board_id", "=", scope.boardId);
  if (scope.memberOf) {
    const userId = scope.memberOf;
    query = query.where((eb) =>
      eb.or([
        eb(
          "meetings.board_id",
          "in",
          eb
            .selectFrom("board_memberships")
            .select("board_id")
            .where("user_id", "=", userId)
            .where("status", "=", "active")
            .where((w) => w.or([w("term_ends_on", "is", null), w("term_ends_on", ">", today)])),
        ),
        eb(
          "meetings.id",
          "in",
          eb
            .selectFrom("meeting_invitations")
            .select("meeting_id")
            .where("user_id", "=", userId)
            .where("guest", "=", 1),
        ),
      ]),
    );
  }
  const rows = await query.orderBy("meetings.starts_at", "desc").execute();
  return rows.map((row) => ({
    id: row.id,
    boardId: row.board_id,
    boardName: row.board_name,
    boardNameEn: row.board_name_en,
    startsAt: row.starts_at,
    meetingDay: row.meeting_day,
    extraordinary: Number(row.extraordinary) === 1,
    cancelledAt: row.cancelled_at,
  }));
}

/** One person's invitation to a meeting (their answer, not its reason), or null if not invited. */
export async function getInvitation(
  meetingId: string,
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ reply: Reply | null; repliedAt: string | null; guest: boolean } | null> {
  const row = await db
    .selectFrom("meeting_invitations")
    .select(["reply", "replied_at", "guest"])
    .where("meeting_id", "=", meetingId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row
    ? { reply: row.reply, repliedAt: row.replied_at, guest: Number(row.guest) === 1 }
    : null;
}

/**
 * Stores an invitee's answer, replacing any earlier one; a decline's reason is encrypted under
 * DATA_KEY (for a board member's sealed account, sealed under the account's own key inside,
 * decision 046). Returns false when `userId` is not invited to the meeting.
 */
export async function updateReply(
  meetingId: string,
  userId: string,
  answer: { reply: Reply; reason: string },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<boolean> {
  const accountKey = answer.reply === "declined" ? await getAccountKey(userId) : null;
  const result = await db
    .updateTable("meeting_invitations")
    .set({
      reply: answer.reply,
      decline_reason_encrypted:
        answer.reply === "declined"
          ? encryptField(
              getConfig().dataKey,
              sealAccountText(accountKey, userId, `decline|${meetingId}`, answer.reason),
              `meeting_invitations:${meetingId}:${userId}:reason`,
            )
          : null,
      replied_at: now.toISOString(),
    })
    .where("meeting_id", "=", meetingId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type InviteeRow = {
  userId: string;
  fullName: string;
  reply: Reply | null;
  /** The decline's reason: only filled when the caller asked for reasons. */
  reason: string | null;
  attendance: Attendance | null;
  /** Invited as a guest to this meeting only. */
  guest: boolean;
};

/**
 * Meeting invitations, each joined to the attendance recorded for that person at that meeting
 * (`meeting_attendance.status` null when none was): the base of the invitee list and of a
 * member's data export.
 */
export function invitationsWithAttendance(db: IdentityDb = getIdentityDb()) {
  return db
    .selectFrom("meeting_invitations")
    .leftJoin("meeting_attendance", (join) =>
      join
        .onRef("meeting_attendance.meeting_id", "=", "meeting_invitations.meeting_id")
        .onRef("meeting_attendance.user_id", "=", "meeting_invitations.user_id"),
    );
}

/**
 * The name shown now for each invitee of a meeting: account id → the membership's name, or the
 * account's for a guest; "" once the member's data was erased (decision 035). The minutes keep
 * no names and read them here when shown (decision 040).
 */
export async function inviteeNames(
  meeting: Pick<Meeting, "id" | "boardId">,
  db: IdentityDb = getIdentityDb(),
): Promise<Map<string, string>> {
  const invitees = await listInvitees(meeting, false, undefined, db);
  return new Map(invitees.map((p) => [p.userId, p.fullName]));
}

/** The own keys of the sealed accounts among `userIds` (decision 046): user id → key. */
async function accountKeysOf(userIds: string[]): Promise<Map<string, Buffer>> {
  const keys = await getPersonKeys(userIds.map(accountKeyId));
  return new Map(
    userIds.flatMap((id) => {
      const key = keys.get(accountKeyId(id));
      return key ? [[id, key] as const] : [];
    }),
  );
}

/**
 * The reason `userId` gave for declining meeting `meetingId`, from its stored value: decrypted
 * under DATA_KEY, then under the account's own `accountKey` when sealed ("" once destroyed).
 */
export function openDeclineReason(
  accountKey: Buffer | null,
  meetingId: string,
  userId: string,
  stored: string,
): string {
  return openAccountText(
    accountKey,
    userId,
    `decline|${meetingId}`,
    decryptField(getConfig().dataKey, stored, `meeting_invitations:${meetingId}:${userId}:reason`),
  );
}

/**
 * Every invitee of a meeting with their answer and the attendance recorded, by name. Reasons
 * for declining are decrypted only when `withReasons` (the chair and the secretariat).
 */
export async function listInvitees(
  meeting: Pick<Meeting, "id" | "boardId">,
  withReasons: boolean,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
): Promise<InviteeRow[]> {
  const rows = await invitationsWithAttendance(db)
    .innerJoin("users", "users.id", "meeting_invitations.user_id")
    .select([
      "meeting_invitations.user_id",
      "meeting_invitations.reply",
      "meeting_invitations.decline_reason_encrypted",
      "meeting_invitations.guest",
      "users.display_name",
      "meeting_attendance.status as attendance",
    ])
    .where("meeting_invitations.meeting_id", "=", meeting.id)
    .execute();
  const { members } = await listMembers(meeting.boardId, today, db);
  const names = new Map(members.filter((m) => m.userId).map((m) => [m.userId!, m.fullName]));
  const unnamed = rows.filter((row) => !names.has(row.user_id)).map((row) => row.user_id);
  const accounts = await accountFieldsOf(unnamed, db);
  const collator = new Intl.Collator("sq");
  const accountKeys = withReasons ? await accountKeysOf(rows.map((row) => row.user_id)) : null;
  return rows
    .map((row) => ({
      userId: row.user_id,
      fullName: names.get(row.user_id) ?? accounts.get(row.user_id)?.displayName ?? "",
      reply: row.reply,
      reason:
        accountKeys && row.decline_reason_encrypted
          ? openDeclineReason(
              accountKeys.get(row.user_id) ?? null,
              meeting.id,
              row.user_id,
              row.decline_reason_encrypted,
            )
          : null,
      attendance: row.attendance ?? null,
      guest: Number(row.guest) === 1,
    }))
    .sort((a, b) => collator.compare(a.fullName, b.fullName));
}

/**
 * Records attendance at a meeting (one status per person, replacing an earlier record), in one
 * transaction. Only invitees are recorded: others are ignored. Returns how many were stored.
 */
export async function upsertAttendance(
  meetingId: string,
  rows: { userId: string; status: Attendance }[],
  recordedBy: string,
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const invited = new Set(
      (
        await trx
          .selectFrom("meeting_invitations")
          .select("user_id")
          .where("meeting_id", "=", meetingId)
          .execute()
      ).map((row) => row.user_id),
    );
    let stored = 0;
    for (const row of rows) {
      if (!invited.has(row.userId)) continue;
      await trx
        .insertInto("meeting_attendance")
        .values({
          meeting_id: meetingId,
          user_id: row.userId,
          status: row.status,
          recorded_at: now.toISOString(),
          recorded_by: recordedBy,
        })
        .onConflict((oc) =>
          oc.columns(["meeting_id", "user_id"]).doUpdateSet({
            status: row.status,
            recorded_at: now.toISOString(),
            recorded_by: recordedBy,
          }),
        )
        .execute();
      stored += 1;
    }
    return stored;
  });
}

/**
 * A board's meetings in the calendar year `year` (by meeting day in TIME_ZONE): those held
 * (started before `now`) and those scheduled (still to come). Cancelled meetings count as
 * neither (Art. 11 b asks for two meetings held).
 */
export async function countMeetingsInYear(
  boardId: string,
  year: number,
  now = new Date(),
  db: IdentityDb = getIdentityDb(),
): Promise<{ held: number; scheduled: number }> {
  const rows = await db
    .selectFrom("meetings")
    .select("starts_at")
    .where("board_id", "=", boardId)
    .where("cancelled_at", "is", null)
    .where("meeting_day", ">=", `${year}-01-01`)
    .where("meeting_day", "<=", `${year}-12-31`)
    .execute();
  const held = rows.filter((row) => Date.parse(row.starts_at) <= now.getTime()).length;
  return { held, scheduled: rows.length - held };
}

export type MeetingPreferences = { lang: Lang; calendarFile: boolean };

/** A person's choices for meeting messages; Albanian and no calendar file until they choose. */
export async function getPreferences(
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<MeetingPreferences> {
  const row = await db
    .selectFrom("meeting_preferences")
    .selectAll()
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return { lang: row?.lang === "en" ? "en" : "sq", calendarFile: Number(row?.calendar_file) === 1 };
}

/** Stores a person's choices for meeting messages. */
export async function savePreferences(
  userId: string,
  preferences: MeetingPreferences,
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  const values = { lang: preferences.lang, calendar_file: preferences.calendarFile ? 1 : 0 };
  await db
    .insertInto("meeting_preferences")
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
    .execute();
}

/**
 * Marks the reminder of every invitee who has not answered a meeting that starts within
 * `days` days of `today` (and not before tomorrow), once each, and returns who to remind: guests,
 * and members whose membership of the meeting's board is still active (someone who withdrew or
 * whose term ended is not reminded). The update is conditional, so two instances running the
 * job never remind the same person twice.
 */
export async function claimReminders(
  days: number,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ meetingId: string; userId: string; email: string }[]> {
  const due = await db
    .selectFrom("meeting_invitations")
    .innerJoin("meetings", "meetings.id", "meeting_invitations.meeting_id")
    .innerJoin("users", "users.id", "meeting_invitations.user_id")
    .select(["meeting_invitations.meeting_id", "meeting_invitations.user_id", "users.email"])
    .where("meeting_invitations.reply", "is", null)
    .where("meeting_invitations.reminded_at", "is", null)
    .where("meetings.cancelled_at", "is", null)
    .where("meetings.meeting_day", ">", today)
    .where("meetings.meeting_day", "<=", addDays(today, days))
    .where((eb) =>
      eb.or([
        eb("meeting_invitations.guest", "=", 1),
        eb.exists(
          eb
            .selectFrom("board_memberships")
            .select("board_memberships.id")
            .whereRef("board_memberships.user_id", "=", "meeting_invitations.user_id")
            .whereRef("board_memberships.board_id", "=", "meetings.board_id")
            .where("board_memberships.status", "=", "active")
            .where((term) =>
              term.or([
                term("board_memberships.term_ends_on", "is", null),
                term("board_memberships.term_ends_on", ">=", today),
              ]),
            ),
        ),
      ]),
    )
    .execute();
  const claimed: { meetingId: string; userId: string; email: string }[] = [];
  const accounts = await accountFieldsOf(
    due.map((row) => row.user_id),
    db,
  );
  for (const row of due) {
    const result = await db
      .updateTable("meeting_invitations")
      .set({ reminded_at: now.toISOString() })
      .where("meeting_id", "=", row.meeting_id)
      .where("user_id", "=", row.user_id)
      .where("reminded_at", "is", null)
      .where("reply", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1)
      claimed.push({
        meetingId: row.meeting_id,
        userId: row.user_id,
        email: accounts.get(row.user_id)?.email ?? row.email,
      });
  }
  return claimed;
}

/** The email address of each account id given (for invitations; sealed ones opened). */
export async function emailsOf(
  userIds: string[],
  db: IdentityDb = getIdentityDb(),
): Promise<Map<string, string>> {
  const accounts = await accountFieldsOf(userIds, db);
  return new Map([...accounts].map(([id, account]) => [id, account.email]));
}

/**
 * Adds `userId` to a meeting's invitees as a guest (Art. 5 c), who sees this meeting only.
 * Returns false when the person is already invited.
 */
export async function insertGuestInvitation(
  meetingId: string,
  userId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const result = await db
    .insertInto("meeting_invitations")
    .values({
      meeting_id: meetingId,
      user_id: userId,
      reply: null,
      decline_reason_encrypted: null,
      replied_at: null,
      reminded_at: null,
      guest: 1,
    })
    .onConflict((oc) => oc.columns(["meeting_id", "user_id"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The ids among `agendaItemIds` that have tasks (action items) given on them. */
export async function agendaItemsWithTasks(
  agendaItemIds: string[],
  db: IdentityDb = getIdentityDb(),
): Promise<Set<string>> {
  if (agendaItemIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("meeting_action_items")
    .select("agenda_item_id")
    .where("agenda_item_id", "in", agendaItemIds)
    .execute();
  return new Set(rows.map((r) => r.agenda_item_id));
}

/**
 * Writes a meeting's agenda from the change form's rows (`rows[i]` null: an empty row): row i
 * edits the meeting's item i in place (its id, and so its tasks, kept), an emptied row removes
 * that item, a filled row beyond the items adds one; positions are renumbered in row order.
 * `current` is the meeting's agenda in order (ids). Run inside the change's transaction.
 */
export async function saveAgendaRows(
  meetingId: string,
  current: { id: string }[],
  rows: ({ title: string; summary: string } | null)[],
  db: IdentityDb = getIdentityDb(),
): Promise<void> {
  let position = 0;
  for (let i = 0; i < Math.max(current.length, rows.length); i += 1) {
    const item = current[i];
    const row = rows[i] ?? null;
    if (item && row)
      await db
        .updateTable("meeting_agenda_items")
        .set({ title: row.title, summary: row.summary, position: position++ })
        .where("id", "=", item.id)
        .where("meeting_id", "=", meetingId)
        .execute();
    else if (item)
      await db
        .deleteFrom("meeting_agenda_items")
        .where("id", "=", item.id)
        .where("meeting_id", "=", meetingId)
        .execute();
    else if (row)
      await db
        .insertInto("meeting_agenda_items")
        .values({ id: randomUUID(), meeting_id: meetingId, position: position++, ...row })
        .execute();
  }
}

/**
 * True when the account of `email` was last disabled by the end-of-access job for guests
 * (`endGuestAccess`: "account_disabled" with reason "guest_meeting_over", no actor) and not
 * enabled or disabled by anyone since; false when an admin disabled it (then only an admin
 * enables it again). Read from the audit log, the only record of why an account was disabled.
 */
export async function wasDisabledAsGuest(
  email: string,
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const last = await db
    .selectFrom("audit_events")
    .select(["action", "actor_user_id", "details"])
    .where("subject", "=", email)
    .where("action", "in", ["account_disabled", "account_enabled"])
    .orderBy("occurred_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!last || last.action !== "account_disabled" || last.actor_user_id !== null) return false;
  const details = JSON.parse(last.details ?? "{}") as { reason?: unknown };
  return details.reason === "guest_meeting_over";
}

/**
 * Guests (Art. 5 c) whose every meeting as a guest started before `before` (an instant, ISO
 * 8601): their access is to end. Only accounts that hold the `guest` role and are not disabled
 * yet; with each, whether it holds any other role (then only the guest role is taken away).
 */
export async function listGuestsToEnd(
  before: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{ userId: string; email: string; otherRoles: boolean }[]> {
  const rows = await db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select(["users.id", "users.email"])
    .where("user_roles.role", "=", "guest")
    .where("users.status", "!=", "disabled")
    .where((eb) =>
      eb.and([
        eb.exists(
          eb
            .selectFrom("meeting_invitations")
            .select("meeting_invitations.user_id")
            .whereRef("meeting_invitations.user_id", "=", "users.id")
            .where("meeting_invitations.guest", "=", 1),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom("meeting_invitations")
              .innerJoin("meetings", "meetings.id", "meeting_invitations.meeting_id")
              .select("meeting_invitations.user_id")
              .whereRef("meeting_invitations.user_id", "=", "users.id")
              .where("meeting_invitations.guest", "=", 1)
              .where("meetings.starts_at", ">=", before),
          ),
        ),
      ]),
    )
    .execute();
  const result: { userId: string; email: string; otherRoles: boolean }[] = [];
  const accounts = await accountFieldsOf(
    rows.map((row) => row.id),
    db,
  );
  for (const row of rows) {
    const roles = await db
      .selectFrom("user_roles")
      .select("role")
      .where("user_id", "=", row.id)
      .execute();
    result.push({
      userId: row.id,
      email: accounts.get(row.id)?.email ?? row.email,
      otherRoles: roles.some((r) => r.role !== "guest"),
    });
  }
  return result;
}

/** A member to tell by phone or SMS instead of email (the channels they allowed, without email). */
export type PhoneContact = { userId: string; fullName: string; phone: string; channels: string[] };

/**
 * Which of `userIds` (members of `boardId`) chose to be contacted by phone or SMS and not by
 * email: the channels they allowed in their application to the board (a member added without
 * an application, or whose application is no longer kept, is contacted by email). Reads each
 * application with its person key; the caller audits who sees the result.
 */
export async function listPhoneContacts(
  boardId: string,
  userIds: string[],
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
): Promise<PhoneContact[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom("board_memberships")
    .select(["id", "user_id", "application_id"])
    .where("board_id", "=", boardId)
    .where("user_id", "in", userIds)
    .where("application_id", "is not", null)
    .where("status", "!=", "ended")
    .execute();
  if (rows.length === 0) return [];
  const { members } = await listMembers(boardId, today, db);
  const byId = new Map(members.map((m) => [m.id, m]));
  const contacts: PhoneContact[] = [];
  for (const row of rows) {
    const application = await getApplication(row.application_id!, db);
    const channels = Array.isArray(application?.fields.channels)
      ? application.fields.channels.map(String)
      : [];
    if (channels.length === 0 || channels.includes("email")) continue;
    const member = byId.get(row.id);
    contacts.push({
      userId: row.user_id!,
      fullName: member?.fullName ?? "",
      phone: member?.phone || String(application?.fields.phone ?? ""),
      channels,
    });
  }
  return contacts.sort((a, b) => new Intl.Collator("sq").compare(a.fullName, b.fullName));
}

/**
 * Marks a meeting cancelled at `now` by `cancelledBy` with `reason` (encrypted under
 * DATA_KEY), raising its calendar SEQUENCE. Conditional: only a meeting not yet cancelled that
 * has not started at `now`. Returns false when nothing was changed.
 */
export async function markMeetingCancelled(
  meetingId: string,
  input: { reason: string; cancelledBy: string },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable("meetings")
    .set((eb) => ({
      cancelled_at: now.toISOString(),
      cancelled_by: input.cancelledBy,
      cancellation_reason_encrypted: encryptField(
        getConfig().dataKey,
        input.reason,
        `meetings:${meetingId}:cancellation_reason`,
      ),
      sequence: eb("sequence", "+", 1),
    }))
    .where("id", "=", meetingId)
    .where("cancelled_at", "is", null)
    .where("starts_at", ">", now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Why a meeting was cancelled (decrypted), or null when it was not: the chair and the secretariat only. */
export async function getCancellationReason(
  meetingId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<string | null> {
  const row = await db
    .selectFrom("meetings")
    .select("cancellation_reason_encrypted")
    .where("id", "=", meetingId)
    .executeTakeFirst();
  return row?.cancellation_reason_encrypted
    ? decryptField(
        getConfig().dataKey,
        row.cancellation_reason_encrypted,
        `meetings:${meetingId}:cancellation_reason`,
      )
    : null;
}

/** The account ids of everyone invited to a meeting (members and guests). */
export async function listInviteeIds(
  meetingId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<string[]> {
  const rows = await db
    .selectFrom("meeting_invitations")
    .select("user_id")
    .where("meeting_id", "=", meetingId)
    .execute();
  return rows.map((row) => row.user_id);
}

/**
 * Stores a change to a coming meeting (decision 037): the new start and place, the briefing
 * and the extraordinary mark; raises its calendar SEQUENCE and sets `changed_at`. With
 * `newNoticeSentOn` (the start moved), the invitations count as sent that day and every answer
 * and reminder is cleared, so everyone answers again and the unanswered are reminded again.
 * Conditional: only a meeting not cancelled and not started at `now`. Returns false when
 * nothing was changed. Run it in the caller's transaction with the audit row.
 */
export async function updateMeeting(
  meetingId: string,
  input: {
    startsAt: string;
    meetingDay: string;
    place: string;
    onlineLink: string;
    briefing: string;
    extraordinary: boolean;
    extraordinaryReason: string;
    newNoticeSentOn: string | null;
  },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<boolean> {
  const result = await db
    .updateTable("meetings")
    .set((eb) => ({
      starts_at: input.startsAt,
      meeting_day: input.meetingDay,
      place: input.place,
      online_link: input.onlineLink,
      briefing: input.briefing,
      extraordinary: input.extraordinary ? 1 : 0,
      extraordinary_reason: input.extraordinary ? input.extraordinaryReason : null,
      ...(input.newNoticeSentOn ? { notice_sent_on: input.newNoticeSentOn } : {}),
      changed_at: now.toISOString(),
      sequence: eb("sequence", "+", 1),
    }))
    .where("id", "=", meetingId)
    .where("cancelled_at", "is", null)
    .where("starts_at", ">", now.toISOString())
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  if (input.newNoticeSentOn)
    await db
      .updateTable("meeting_invitations")
      .set({ reply: null, decline_reason_encrypted: null, replied_at: null, reminded_at: null })
      .where("meeting_id", "=", meetingId)
      .execute();
  return true;
}
