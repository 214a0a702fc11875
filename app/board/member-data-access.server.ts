import type { Board } from "./boards.server";
import { exportFileName } from "./member-data.server";
import { requireBoard } from "./membership-access.server";
import { getMembership, type Member } from "./membership.server";
import { recordAudit } from "../auth/audit.server";
import { requireUser, type StaffContext } from "../auth/guard.server";
import { requireSignedDeclaration } from "../meetings/declaration.commands.server";
import { localToday } from "../platform/calendar.server";

/**
 * Guards of a member's data (decision 035). The secretariat, declaration signed, for any
 * membership of the board (Art. 14 d: the secretariat keeps the members' contacts); the member
 * for their own membership. Anything else: 403 by role, 404 for a membership not theirs.
 */
export async function requireMemberData(
  request: Request,
  params: { boardId?: string; membershipId?: string },
  formData?: FormData,
): Promise<StaffContext & { board: Board; membership: Member }> {
  const context = await requireBoard(request, params.boardId, "board:members:manage", formData);
  await requireSignedDeclaration(context.user);
  const membership = await getMembership(params.membershipId ?? "");
  if (!membership || membership.boardId !== context.board.id)
    throw new Response("Not Found", { status: 404 });
  return { ...context, membership };
}

/**
 * The admin's guard of one member's data (decision 035: a data-subject request, the member
 * found by email on the applicant search): "board_members:export", declaration signed (the
 * export shows the board's meetings, Art. 13-14), any board. 404 for an unknown membership.
 */
export async function requireMemberDataForAdmin(
  request: Request,
  membershipId: string | undefined,
  formData?: FormData,
): Promise<StaffContext & { membership: Member }> {
  const context = await requireUser(request, "board_members:export", formData);
  await requireSignedDeclaration(context.user);
  const membership = await getMembership(membershipId ?? "");
  if (!membership) throw new Response("Not Found", { status: 404 });
  return { ...context, membership };
}

/** A member's own membership (404 for anyone else's, so it does not tell it exists). */
export async function requireOwnMemberData(
  request: Request,
  membershipId: string | undefined,
): Promise<StaffContext & { membership: Member }> {
  const context = await requireUser(request, "board:membership");
  const membership = await getMembership(membershipId ?? "");
  if (!membership || membership.userId !== context.user.id)
    throw new Response("Not Found", { status: 404 });
  return { ...context, membership };
}

/** Records a view or download of a member's data: who, which membership, by whom, in what form. */
export async function auditMemberExport(
  actor: { id: string; email: string },
  membership: Pick<Member, "id">,
  details: { by: "member" | "secretariat" | "admin"; format: "json" | "page" },
): Promise<void> {
  await recordAudit({
    actor,
    action: "board_member_exported",
    subject: membership.id,
    details,
  });
}

/** The export as a download: JSON under a neutral file name, never cached. */
export function memberExportResponse(exported: unknown): Response {
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFileName(localToday())}"`,
      "Cache-Control": "no-store",
    },
  });
}
