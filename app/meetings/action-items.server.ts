import { randomUUID } from "node:crypto";

import type { ActionItemStatus } from "./action-items.schemas";
import { listInvitable } from "./meetings.server";
import { getIdentityDb, type IdentityDb } from "../../db/identity-store";
import { accountFieldsOf } from "../auth/account-keys.server";
import { listMembers } from "../board/membership.server";
import { addDays, localToday } from "../platform/calendar.server";

/**
 * Action items of board meetings (regulation Art. 12 e, issue 16): a task under one agenda
 * item of a meeting, its owner (a current member of the board or a secretariat account), a due
 * date and a status. SQL lives here only; the rules and the audit are in
 * action-items.commands.server.ts.
 */
export type ActionItem = {
  id: string;
  meetingId: string;
  /** The agenda item the task belongs to (`Meeting.agenda[].id`). */
  agendaItemId: string;
  agendaItemTitle: string;
  /** The agenda item's place in the agenda, from 1. */
  agendaItemNumber: number;
  task: string;
  /** The owner's account id; null after the owner declined (Art. 15), until someone else is given it. */
  ownerId: string | null;
  /** The owner's name as on the board's members list (else the account's name); null without owner. */
  ownerName: string | null;
  /** The due date, "YYYY-MM-DD" in TIME_ZONE. */
  dueOn: string;
  /** The due date written dd.mm.yyyy, as the board's documents write dates. */
  dueDay: string;
  status: ActionItemStatus;
  /** True when the last owner declined it and nobody has been given it since. */
  declined: boolean;
  /** Open, with an owner or not, and its due date before `today`. */
  overdue: boolean;
};

/** Someone a task may be given to: a current member of the board, or a secretariat account. */
export type Owner = { userId: string; fullName: string; secretariat: boolean };

const dayOf = (date: string) => date.split("-").reverse().join(".");

/**
 * The people a task of `boardId`'s meeting may be given to: its current members (active, term
 * not ended on `today`), then the active secretariat accounts not already listed, each group by
 * name (Albanian collation).
 */
export async function listOwnerCandidates(
  boardId: string,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
): Promise<Owner[]> {
  const members = await listInvitable(boardId, today, db);
  const listed = new Set(members.map((m) => m.userId));
  const secretariat = await db
    .selectFrom("users")
    .innerJoin("user_roles", "user_roles.user_id", "users.id")
    .select(["users.id", "users.display_name"])
    .where("user_roles.role", "=", "secretariat")
    .where("users.status", "=", "active")
    .execute();
  const collator = new Intl.Collator("sq");
  return [
    ...members.map((m) => ({ userId: m.userId, fullName: m.fullName, secretariat: false })),
    ...secretariat
      .filter((row) => !listed.has(row.id))
      .map((row) => ({ userId: row.id, fullName: row.display_name, secretariat: true }))
      .sort((a, b) => collator.compare(a.fullName, b.fullName)),
  ];
}

/** Stores a new open action item and returns its id. */
export async function insertActionItem(
  input: {
    meetingId: string;
    agendaItemId: string;
    task: string;
    ownerId: string;
    dueOn: string;
    createdBy: string;
  },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("meeting_action_items")
    .values({
      id,
      meeting_id: input.meetingId,
      agenda_item_id: input.agendaItemId,
      task: input.task,
      owner_user_id: input.ownerId,
      due_on: input.dueOn,
      status: "open",
      declined_at: null,
      reminded_before_at: null,
      reminded_overdue_at: null,
      created_at: now.toISOString(),
      created_by: input.createdBy,
      updated_at: now.toISOString(),
    })
    .execute();
  return id;
}

function itemsQuery(db: IdentityDb) {
  return db
    .selectFrom("meeting_action_items")
    .innerJoin(
      "meeting_agenda_items",
      "meeting_agenda_items.id",
      "meeting_action_items.agenda_item_id",
    )
    .innerJoin("meetings", "meetings.id", "meeting_action_items.meeting_id")
    .leftJoin("users", "users.id", "meeting_action_items.owner_user_id")
    .select([
      "meeting_action_items.id",
      "meeting_action_items.meeting_id",
      "meeting_action_items.agenda_item_id",
      "meeting_action_items.task",
      "meeting_action_items.owner_user_id",
      "meeting_action_items.due_on",
      "meeting_action_items.status",
      "meeting_action_items.declined_at",
      "meeting_action_items.created_at",
      "meeting_agenda_items.title as agenda_title",
      "meeting_agenda_items.position as agenda_position",
      "meetings.board_id",
      "meetings.starts_at",
      "users.display_name",
    ]);
}

type ItemRow = Awaited<ReturnType<ReturnType<typeof itemsQuery>["execute"]>>[number];

/** Rows to ActionItems, owners named as on their board's members list, in agenda then due order. */
async function toItems(rows: ItemRow[], today: string, db: IdentityDb): Promise<ActionItem[]> {
  const names = new Map<string, string>();
  for (const boardId of new Set(rows.map((row) => row.board_id))) {
    const { members } = await listMembers(boardId, today, db);
    for (const m of members) if (m.userId) names.set(`${boardId}:${m.userId}`, m.fullName);
  }
  const accounts = await accountFieldsOf(
    rows.flatMap((row) =>
      row.owner_user_id && !names.has(`${row.board_id}:${row.owner_user_id}`)
        ? [row.owner_user_id]
        : [],
    ),
    db,
  );
  return rows
    .map((row) => ({
      id: row.id,
      meetingId: row.meeting_id,
      agendaItemId: row.agenda_item_id,
      agendaItemTitle: row.agenda_title,
      agendaItemNumber: Number(row.agenda_position) + 1,
      task: row.task,
      ownerId: row.owner_user_id,
      ownerName: row.owner_user_id
        ? (names.get(`${row.board_id}:${row.owner_user_id}`) ??
          accounts.get(row.owner_user_id)?.displayName ??
          row.display_name ??
          null)
        : null,
      dueOn: row.due_on,
      dueDay: dayOf(row.due_on),
      status: row.status,
      declined: row.declined_at !== null && row.owner_user_id === null,
      overdue: row.status === "open" && row.due_on < today,
      sort: `${row.starts_at}|${String(row.agenda_position).padStart(4, "0")}|${row.due_on}|${row.created_at}`,
    }))
    .sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0))
    .map(({ sort: _sort, ...item }) => item);
}

/**
 * Every action item of one meeting, in agenda order (then by due date), with `overdue` judged
 * on `today` ("YYYY-MM-DD" in TIME_ZONE). For the meeting page and the minutes (screen and
 * print): filter by `agendaItemId` to place them under each agenda item. Whoever calls it has
 * already checked that the person may see the meeting (requireMeetingAccess). An unknown
 * meeting gives an empty list; it never throws for missing rows.
 */
export async function listActionItemsForMeeting(
  meetingId: string,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
): Promise<ActionItem[]> {
  const rows = await itemsQuery(db)
    .where("meeting_action_items.meeting_id", "=", meetingId)
    .execute();
  return toItems(rows, today, db);
}

/**
 * A person's tasks ("My tasks"): every item they own, open ones first (by due date), then done
 * and dropped ones; with each task's meeting for the link. With `boardId`, only that board's
 * (a member's data export).
 */
export async function listActionItemsForOwner(
  userId: string,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
  boardId?: string,
): Promise<(ActionItem & { meetingDay: string })[]> {
  let query = itemsQuery(db)
    .select("meetings.meeting_day")
    .where("meeting_action_items.owner_user_id", "=", userId);
  if (boardId) query = query.where("meetings.board_id", "=", boardId);
  const rows = await query.execute();
  const days = new Map(rows.map((row) => [row.id, row.meeting_day]));
  const items = await toItems(rows, today, db);
  const rank = { open: 0, done: 1, dropped: 2 } as const;
  return items
    .map((item) => ({ ...item, meetingDay: dayOf(days.get(item.id) ?? "") }))
    .sort(
      (a, b) =>
        rank[a.status] - rank[b.status] || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0),
    );
}

/**
 * The open action items of the meetings of `boardId` held before `startsAt` (an instant):
 * what the briefing of the meeting at `startsAt` lists by itself (Art. 11 e), oldest first.
 */
export async function listOpenActionItemsBefore(
  boardId: string,
  startsAt: string,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
): Promise<ActionItem[]> {
  const rows = await itemsQuery(db)
    .where("meetings.board_id", "=", boardId)
    .where("meetings.starts_at", "<", startsAt)
    .where("meeting_action_items.status", "=", "open")
    .execute();
  return toItems(rows, today, db);
}

/**
 * Open action items to follow up: of every board (`boardIds` undefined, the secretariat) or
 * of the boards given (where the person is chair), overdue ones first, then by due date.
 */
export async function listOpenActionItemsToFollow(
  boardIds: string[] | undefined,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
): Promise<ActionItem[]> {
  if (boardIds && boardIds.length === 0) return [];
  let query = itemsQuery(db).where("meeting_action_items.status", "=", "open");
  if (boardIds) query = query.where("meetings.board_id", "in", boardIds);
  const items = await toItems(await query.execute(), today, db);
  return items.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

/** One action item with its meeting's board and start, or null. */
export async function getActionItem(
  id: string,
  db: IdentityDb = getIdentityDb(),
): Promise<{
  id: string;
  meetingId: string;
  boardId: string;
  ownerId: string | null;
  status: ActionItemStatus;
  dueOn: string;
} | null> {
  const row = await db
    .selectFrom("meeting_action_items")
    .innerJoin("meetings", "meetings.id", "meeting_action_items.meeting_id")
    .select([
      "meeting_action_items.id",
      "meeting_action_items.meeting_id",
      "meetings.board_id",
      "meeting_action_items.owner_user_id",
      "meeting_action_items.status",
      "meeting_action_items.due_on",
    ])
    .where("meeting_action_items.id", "=", id)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        meetingId: row.meeting_id,
        boardId: row.board_id,
        ownerId: row.owner_user_id,
        status: row.status,
        dueOn: row.due_on,
      }
    : null;
}

/**
 * Changes an action item: its status, or its owner (`ownerId`: a new owner, or null when the
 * owner declines, which also sets `declined_at`). A new owner or a due date still ahead makes
 * the reminders due again. Returns false when the item does not exist.
 */
export async function updateActionItem(
  id: string,
  change: { status: ActionItemStatus } | { ownerId: string } | { declined: true },
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<boolean> {
  const at = now.toISOString();
  const set =
    "status" in change
      ? { status: change.status, updated_at: at }
      : "ownerId" in change
        ? {
            owner_user_id: change.ownerId,
            declined_at: null,
            reminded_before_at: null,
            reminded_overdue_at: null,
            updated_at: at,
          }
        : { owner_user_id: null, declined_at: at, updated_at: at };
  const result = await db
    .updateTable("meeting_action_items")
    .set(set)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks and returns the reminders due on `today`: for each open item with an owner, one
 * "before" reminder when its due date is within `daysBefore` days (today included), and one
 * "overdue" reminder once its due date has passed. The updates are conditional, so two
 * instances running the job never send the same reminder twice.
 */
export async function claimActionItemReminders(
  daysBefore: number,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
  now = new Date(),
): Promise<{ itemId: string; userId: string; email: string; kind: "due" | "overdue" }[]> {
  const rows = await db
    .selectFrom("meeting_action_items")
    .innerJoin("users", "users.id", "meeting_action_items.owner_user_id")
    .select([
      "meeting_action_items.id",
      "meeting_action_items.owner_user_id",
      "meeting_action_items.due_on",
      "meeting_action_items.reminded_before_at",
      "meeting_action_items.reminded_overdue_at",
      "users.email",
    ])
    .where("meeting_action_items.status", "=", "open")
    // A disabled account gets no mail; an invited one (password not set yet) still does.
    .where("users.status", "!=", "disabled")
    .where((eb) =>
      eb.or([
        eb.and([
          eb("meeting_action_items.due_on", "<", today),
          eb("meeting_action_items.reminded_overdue_at", "is", null),
        ]),
        eb.and([
          eb("meeting_action_items.due_on", ">=", today),
          eb("meeting_action_items.due_on", "<=", addDays(today, daysBefore)),
          eb("meeting_action_items.reminded_before_at", "is", null),
        ]),
      ]),
    )
    .execute();
  const claimed: { itemId: string; userId: string; email: string; kind: "due" | "overdue" }[] = [];
  const accounts = await accountFieldsOf(
    rows.flatMap((row) => (row.owner_user_id ? [row.owner_user_id] : [])),
    db,
  );
  for (const row of rows) {
    const kind = row.due_on < today ? "overdue" : "due";
    const column = kind === "overdue" ? "reminded_overdue_at" : "reminded_before_at";
    const result = await db
      .updateTable("meeting_action_items")
      .set(
        kind === "overdue"
          ? // A task already overdue needs no "due soon" reminder any more.
            { reminded_overdue_at: now.toISOString(), reminded_before_at: now.toISOString() }
          : { reminded_before_at: now.toISOString() },
      )
      .where("id", "=", row.id)
      .where(column, "is", null)
      .where("status", "=", "open")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1 && row.owner_user_id)
      claimed.push({
        itemId: row.id,
        userId: row.owner_user_id,
        email: accounts.get(row.owner_user_id)?.email ?? row.email,
        kind,
      });
  }
  return claimed;
}

/** The ids of the boards where `userId` is chair on `today`. */
export async function listChairedBoards(
  userId: string,
  today = localToday(),
  db: IdentityDb = getIdentityDb(),
): Promise<string[]> {
  const rows = await db
    .selectFrom("board_memberships")
    .select("board_id")
    .where("user_id", "=", userId)
    .where("status", "=", "active")
    .execute();
  const chaired: string[] = [];
  for (const { board_id } of rows) {
    const { members } = await listMembers(board_id, today, db);
    if (members.some((m) => m.userId === userId && m.positions.includes("chair")))
      chaired.push(board_id);
  }
  return chaired;
}
