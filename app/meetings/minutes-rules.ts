/**
 * The rules of minutes (regulation Art. 10, 12; instruments.md §4; decision 031), pure so the
 * pages and the commands ask the same questions. Client-safe.
 *
 * The life of one minutes document (the original, or a numbered amendment):
 *   draft ──circulate (deadline)──▶ circulated ──approve──▶ approved (locked, content hash)
 * The secretariat drafts and revises (also while circulated: members see the latest text);
 * members comment per agenda item or say "no objection" until the deadline (the last day on
 * which a comment is accepted, inclusive, in TIME_ZONE). Approval (Art. 12: the minutes are
 * finalised after circulation) is by the chair; by an acting chair the members chose when the
 * chair was absent from the meeting or the post is empty; or by decision at a later meeting of
 * the board, recorded by the secretariat. Before the deadline, approval needs every member to
 * have answered. Approved minutes never change: a later change is a numbered amendment, a new
 * document with its own circulation and approval.
 */
export type MinutesStatus = "draft" | "circulated" | "approved";
export type ApprovalKind = "chair" | "acting_chair" | "meeting";
export type AttendanceStatus = "present" | "late" | "left_early" | "excused" | "absent";

/**
 * One person's attendance as the minutes keep it: the account and the status recorded at the
 * meeting, never a reason and never a name (decision 040: the name is read from the
 * membership when shown, so erasing a member, decision 035, reaches the minutes and backups).
 */
export type AttendanceRecord = { userId: string; status: AttendanceStatus | null };

/** An attendance record as shown: with the person's current name, "" once it was erased. */
export type NamedAttendance = AttendanceRecord & { name: string };

/** The text of minutes as saved in each revision. */
export type MinutesContent = {
  /** Attendance as recorded at the meeting: a status only, never a reason or a name. */
  attendance: AttendanceRecord[];
  /** Per agenda item, in agenda order: discussion and decisions in Markdown. */
  items: {
    agendaItemId: string;
    title: string;
    discussion: string;
    decisions: string;
    /** Kept in the members' minutes, left out of the report export. */
    confidential: boolean;
  }[];
};

/** True when a member may still comment: circulated, and `today` not after the deadline. */
export function commentsOpen(
  minutes: { status: MinutesStatus; commentDeadline: string | null },
  today: string,
): boolean {
  return (
    minutes.status === "circulated" &&
    minutes.commentDeadline !== null &&
    today <= minutes.commentDeadline
  );
}

/** Why an approval is refused (a message key in `minutes:errors`), or null when allowed. */
export type ApprovalRefusal =
  "not_circulated" | "members_unanswered" | "not_approver" | "chair_present" | "meeting_not_later";

/**
 * May `approver` approve these minutes now? `chair`: the board's chair. `acting_chair`: the
 * person the members chose, only when the chair was absent from the meeting or the post is
 * empty (`chairAbsentOrVacant`). `meeting`: recorded by the secretariat, naming a later
 * meeting of the same board that has begun. In every case the minutes must be circulated, and
 * before the deadline every member must have answered (a comment or "no objection").
 */
export function approvalRefusal(input: {
  status: MinutesStatus;
  commentDeadline: string | null;
  today: string;
  membersUnanswered: number;
  kind: ApprovalKind;
  isChair: boolean;
  isSecretariat: boolean;
  isActingChair: boolean;
  chairAbsentOrVacant: boolean;
  /** For `meeting`: the later meeting's start (ISO) and whether it is of the same board. */
  laterMeeting?: { startsAt: string; sameBoard: boolean; after: boolean } | null;
  now: Date;
}): ApprovalRefusal | null {
  if (input.status !== "circulated") return "not_circulated";
  if (input.kind === "chair" && !input.isChair) return "not_approver";
  if (input.kind === "acting_chair") {
    if (!input.isActingChair) return "not_approver";
    if (!input.chairAbsentOrVacant) return "chair_present";
  }
  if (input.kind === "meeting") {
    if (!input.isSecretariat) return "not_approver";
    const later = input.laterMeeting;
    if (
      !later ||
      !later.sameBoard ||
      !later.after ||
      Date.parse(later.startsAt) > input.now.getTime()
    )
      return "meeting_not_later";
  }
  const beforeDeadline = input.commentDeadline !== null && input.today <= input.commentDeadline;
  if (beforeDeadline && input.membersUnanswered > 0) return "members_unanswered";
  return null;
}

/** True when the chair may be replaced by an acting chair: absent or excused, or no chair. */
export function chairAbsentOrVacant(
  chairIds: string[],
  attendance: MinutesContent["attendance"],
): boolean {
  if (chairIds.length === 0) return true;
  const status = new Map(attendance.map((a) => [a.userId, a.status]));
  return chairIds.every((id) => {
    const s = status.get(id);
    return s === "absent" || s === "excused" || s === null || s === undefined;
  });
}

/** The ids of the members who have not answered, given the answers' authors. */
export function unansweredMembers(memberIds: string[], answeredBy: Iterable<string>): string[] {
  const answered = new Set(answeredBy);
  return memberIds.filter((id) => !answered.has(id));
}

/**
 * The content with the confidential items left out (the report export), and the agenda items
 * in `alsoLeftOut` (for a guest: every item marked confidential in any revision of the
 * meeting's minutes, `listConfidentialItemIds`, so an older text shows nothing either).
 */
export function reportContent(
  content: MinutesContent,
  alsoLeftOut: ReadonlySet<string> = new Set(),
): MinutesContent {
  return {
    ...content,
    items: content.items.filter(
      (item) => !item.confidential && !alsoLeftOut.has(item.agendaItemId),
    ),
  };
}

/**
 * The minutes' attendance with names: `names` maps account ids to the name shown now (the
 * membership's, or the account's for a guest; "" when erased). A person not in `names` gets ""
 * too, and the pages show "Erased member" for "".
 */
export function nameAttendance(
  attendance: readonly AttendanceRecord[],
  names: ReadonlyMap<string, string>,
): NamedAttendance[] {
  return attendance.map((a) => ({
    userId: a.userId,
    status: a.status,
    name: names.get(a.userId) ?? "",
  }));
}
