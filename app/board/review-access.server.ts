import { getBoard, type Board } from "./boards.server";
import { getCall, type BoardCall } from "./calls.server";
import { getAssignment } from "./review.server";
import { requireUser, type StaffContext } from "../auth/guard.server";

/** Guards of the review pages (server.js answers every page with `Cache-Control: no-store`). */

/** The secretariat's pages of one call: the role (403), then the board's call (404). */
export async function requireCallForSecretariat(
  request: Request,
  params: { boardId?: string; callId?: string },
  formData?: FormData,
): Promise<StaffContext & { call: BoardCall; board: Board }> {
  const context = await requireUser(request, "board_review:manage", formData);
  const call = await getCall(params.callId ?? "");
  const board = call && call.boardId === params.boardId ? await getBoard(call.boardId) : null;
  if (!call || !board) throw new Response("Not Found", { status: 404 });
  return { ...context, call, board };
}

/**
 * A reviewer's pages of one call: the role (403), then an assignment to the call (404 for a
 * call they are not assigned to, so it does not tell whether the call exists).
 */
export async function requireCallForReviewer(
  request: Request,
  callId: string | undefined,
  formData?: FormData,
): Promise<
  StaffContext & {
    call: BoardCall;
    board: Board;
    recusalDone: boolean;
    recusalDoneAt: string | null;
  }
> {
  const context = await requireUser(request, "board_review:score", formData);
  const call = await getCall(callId ?? "");
  const assignment = call ? await getAssignment(call.id, context.user.id) : null;
  const board = call && assignment ? await getBoard(call.boardId) : null;
  if (!call || !assignment || !board) throw new Response("Not Found", { status: 404 });
  return { ...context, call, board, ...assignment };
}
