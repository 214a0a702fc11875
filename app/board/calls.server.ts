import { randomUUID } from "node:crypto";

import { getIdentityDb, type IdentityDb } from "../../db/identity-store";

/**
 * A call for members of a board (`board_calls`, migration 0010). Dates are calendar dates in
 * the organisation's time zone (YYYY-MM-DD), both days included; `blindMode` hides names and
 * contact details from reviewers until the shortlist is fixed (on by default).
 */
export type BoardCall = {
  id: string;
  boardId: string;
  opensOn: string;
  closesOn: string;
  blindMode: boolean;
  createdAt: string;
};

type CallRow = {
  id: string;
  board_id: string;
  opens_on: string;
  closes_on: string;
  blind_mode: number;
  created_at: string;
};

function toCall(row: CallRow): BoardCall {
  return {
    id: row.id,
    boardId: row.board_id,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    blindMode: Number(row.blind_mode) === 1,
    createdAt: row.created_at,
  };
}

/** Whether a call takes applications on `today` (YYYY-MM-DD): "upcoming", "open" or "closed". */
export function callState(call: Pick<BoardCall, "opensOn" | "closesOn">, today: string) {
  if (today < call.opensOn) return "upcoming" as const;
  if (today > call.closesOn) return "closed" as const;
  return "open" as const;
}

/** Creates a call for a board; returns it. */
export async function insertCall(
  call: { boardId: string; opensOn: string; closesOn: string; blindMode: boolean },
  createdBy: string | null,
  db: IdentityDb = getIdentityDb(),
): Promise<BoardCall> {
  const row = {
    id: randomUUID(),
    board_id: call.boardId,
    opens_on: call.opensOn,
    closes_on: call.closesOn,
    blind_mode: call.blindMode ? 1 : 0,
    created_at: new Date().toISOString(),
    created_by: createdBy,
  };
  await db.insertInto("board_calls").values(row).execute();
  return toCall(row);
}

/** Changes a call's dates and blind mode. Returns false when there is no such call. */
export async function updateCall(
  id: string,
  call: { opensOn: string; closesOn: string; blindMode: boolean },
  db: IdentityDb = getIdentityDb(),
): Promise<boolean> {
  const result = await db
    .updateTable("board_calls")
    .set({ opens_on: call.opensOn, closes_on: call.closesOn, blind_mode: call.blindMode ? 1 : 0 })
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The call with this id, or null. */
export async function getCall(id: string, db: IdentityDb = getIdentityDb()) {
  const row = await db
    .selectFrom("board_calls")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toCall(row) : null;
}

/** A board's calls, the latest opening first. */
export async function listCalls(boardId: string, db: IdentityDb = getIdentityDb()) {
  const rows = await db
    .selectFrom("board_calls")
    .selectAll()
    .where("board_id", "=", boardId)
    .orderBy("opens_on", "desc")
    .orderBy("id")
    .execute();
  return rows.map(toCall);
}

/** Applications per call of a board (every status), for the staff overview. */
export async function countApplicationsByCall(
  boardId: string,
  db: IdentityDb = getIdentityDb(),
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("board_applications")
    .innerJoin("board_calls", "board_calls.id", "board_applications.call_id")
    .select(["board_applications.call_id as callId"])
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("board_calls.board_id", "=", boardId)
    .groupBy("board_applications.call_id")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.callId, Number(row.count)]));
}
