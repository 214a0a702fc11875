import type { BoardInput, CallInput } from "./board.schemas";
import { createBoard, getBoard, updateBoard } from "./boards.server";
import { getCall, insertCall, updateCall } from "./calls.server";
import { getIdentityDb } from "../../db/identity-store";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";

/**
 * Staff commands for boards and calls: each writes and audits in one transaction and answers
 * `{ ok: true, value }` or `{ ok: false, errors }` (message keys per field).
 */
export type CommandResult<T> =
  { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const actorOf = (user: StaffUser) => ({ id: user.id, email: user.email });

/** Creates a board (secretariat, admin). */
export async function createBoardCommand(
  user: StaffUser,
  input: BoardInput,
): Promise<CommandResult<string>> {
  const id = await getIdentityDb()
    .transaction()
    .execute(async (trx) => {
      const board = await createBoard(input, user.id, trx);
      await recordAudit({ actor: actorOf(user), action: "board_created", subject: board.id }, trx);
      return board.id;
    });
  return { ok: true, value: id };
}

/** Changes a board. */
export async function updateBoardCommand(
  user: StaffUser,
  boardId: string,
  input: BoardInput,
): Promise<CommandResult<string>> {
  const db = getIdentityDb();
  if (!(await getBoard(boardId, db)))
    return { ok: false, errors: { form: "board:errors.not_found" } };
  await db.transaction().execute(async (trx) => {
    await updateBoard(boardId, input, trx);
    await recordAudit({ actor: actorOf(user), action: "board_updated", subject: boardId }, trx);
  });
  return { ok: true, value: boardId };
}

/** Opens a call for members of a board. */
export async function createCallCommand(
  user: StaffUser,
  boardId: string,
  input: CallInput,
): Promise<CommandResult<string>> {
  const db = getIdentityDb();
  if (!(await getBoard(boardId, db)))
    return { ok: false, errors: { form: "board:errors.not_found" } };
  const id = await db.transaction().execute(async (trx) => {
    const call = await insertCall({ boardId, ...input }, user.id, trx);
    await recordAudit(
      {
        actor: actorOf(user),
        action: "board_call_created",
        subject: call.id,
        details: { boardId },
      },
      trx,
    );
    return call.id;
  });
  return { ok: true, value: id };
}

/** Changes a call's dates or blind mode. */
export async function updateCallCommand(
  user: StaffUser,
  callId: string,
  input: CallInput,
): Promise<CommandResult<string>> {
  const db = getIdentityDb();
  const call = await getCall(callId, db);
  if (!call) return { ok: false, errors: { form: "board:errors.not_found" } };
  await db.transaction().execute(async (trx) => {
    await updateCall(callId, input, trx);
    await recordAudit(
      {
        actor: actorOf(user),
        action: "board_call_updated",
        subject: callId,
        details: { boardId: call.boardId },
      },
      trx,
    );
  });
  return { ok: true, value: callId };
}
