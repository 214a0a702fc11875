import { requireSignedDeclaration } from "./declaration.commands.server";
import { guestAccessDays } from "./meetings.commands.server";
import { getInvitation, getMeeting, isCurrentMember, type Meeting } from "./meetings.server";
import { requireUser, type StaffContext } from "../auth/guard.server";
import { getBoard, type Board } from "../board/boards.server";
import { isChairOf } from "../board/membership.server";

/**
 * Who sees a meeting (Art. 13-14; deny by default): the secretariat, the current members of
 * its board (active, term not ended: a member who withdrew or whose term ended loses access at
 * once), and the guests invited to this meeting, who see no other, until GUEST_ACCESS_DAYS
 * after it started (whatever other role their account has). Everyone must have signed the
 * confidentiality declaration in force (403 with the page that explains why). An unknown
 * meeting is 404, another board's meeting 403; a form posted about a cancelled meeting 409.
 * `guestOnly`: the viewer is here only as a guest (not the secretariat, not a member), so sees
 * no other meeting's tasks, no confidential agenda item and no member's comment.
 */
export async function requireMeetingAccess(
  request: Request,
  meetingId: string | undefined,
  formData?: FormData,
): Promise<
  StaffContext & {
    meeting: Meeting;
    isSecretariat: boolean;
    isChair: boolean;
    invitation: Awaited<ReturnType<typeof getInvitation>>;
    guestOnly: boolean;
  }
> {
  const context = await requireUser(request, "meetings:view", formData);
  await requireSignedDeclaration(context.user);
  const meeting = meetingId ? await getMeeting(meetingId) : null;
  if (!meeting) throw new Response("Not Found", { status: 404 });
  const isSecretariat = context.user.roles.includes("secretariat");
  const invitation = await getInvitation(meeting.id, context.user.id);
  const guestOnly = !isSecretariat && !(await isCurrentMember(context.user.id, meeting.boardId));
  const guestUntil = Date.parse(meeting.startsAt) + guestAccessDays() * 86_400_000;
  if (guestOnly && !(invitation?.guest && Date.now() < guestUntil))
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  // A cancelled meeting takes no replies, attendance, guests, minutes or tasks (decision 037):
  // every form posted under this guard is refused, whichever page it came from.
  if (formData && meeting.cancelledAt)
    throw new Response("Conflict", { status: 409, statusText: "Conflict" });
  return {
    ...context,
    meeting,
    isSecretariat,
    isChair: !isSecretariat && (await isChairOf(context.user.id, meeting.boardId)),
    invitation,
    guestOnly,
  };
}

/** The secretariat's guard of a board's meetings page (schedules), declaration signed. */
export async function requireBoardMeetings(
  request: Request,
  boardId: string | undefined,
  formData?: FormData,
): Promise<StaffContext & { board: Board }> {
  const context = await requireUser(request, "meetings:schedule", formData);
  await requireSignedDeclaration(context.user);
  const board = boardId ? await getBoard(boardId) : null;
  if (!board) throw new Response("Not Found", { status: 404 });
  return { ...context, board };
}

/** The meetings list's guard: a role that may see meetings, declaration signed. */
export async function requireMeetingsList(
  request: Request,
  formData?: FormData,
): Promise<StaffContext & { isSecretariat: boolean }> {
  const context = await requireUser(request, "meetings:view", formData);
  await requireSignedDeclaration(context.user);
  return { ...context, isSecretariat: context.user.roles.includes("secretariat") };
}

/**
 * The guard of a meeting's change and cancel page: the secretariat ("meetings:schedule"),
 * declaration signed; 404 for an unknown meeting.
 */
export async function requireMeetingChange(
  request: Request,
  meetingId: string | undefined,
  formData?: FormData,
): Promise<StaffContext & { meeting: Meeting }> {
  const context = await requireUser(request, "meetings:schedule", formData);
  await requireSignedDeclaration(context.user);
  const meeting = meetingId ? await getMeeting(meetingId) : null;
  if (!meeting) throw new Response("Not Found", { status: 404 });
  return { ...context, meeting };
}
