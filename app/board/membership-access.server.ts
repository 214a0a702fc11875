import { getBoard, type Board } from "./boards.server";
import { isChairOf } from "./membership.server";
import { requireUser, type StaffContext } from "../auth/guard.server";
import type { Permission } from "../auth/permissions";
import { requireSignedDeclaration } from "../meetings/declaration.commands.server";

/**
 * The guard of a board's members list (Art. 14 d: the chair and the secretariat keep the list of
 * members and their contacts): the secretariat, or an active member holding the board's chair
 * today. Anyone else gets 403; an unknown board 404.
 */
export async function requireMembersListAccess(
  request: Request,
  boardId: string | undefined,
  formData?: FormData,
): Promise<StaffContext & { board: Board; isSecretariat: boolean }> {
  const context = await requireUser(request, "board:membership", formData);
  const board = boardId ? await getBoard(boardId) : null;
  if (!board) throw new Response("Not Found", { status: 404 });
  const isSecretariat = context.user.roles.includes("secretariat");
  if (!isSecretariat && !(await isChairOf(context.user.id, board.id))) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  // Art. 13-14: nothing of the board's work before the confidentiality declaration is signed.
  await requireSignedDeclaration(context.user);
  return { ...context, board, isSecretariat };
}

/** A board-scoped guard for one permission: the board must exist (404). */
export async function requireBoard(
  request: Request,
  boardId: string | undefined,
  permission: Permission,
  formData?: FormData,
): Promise<StaffContext & { board: Board }> {
  const context = await requireUser(request, permission, formData);
  const board = boardId ? await getBoard(boardId) : null;
  if (!board) throw new Response("Not Found", { status: 404 });
  return { ...context, board };
}
