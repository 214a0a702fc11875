/**
 * Roles and what they may do. Client-safe (no server imports) so the UI can hide what the
 * server would refuse; the server checks the same predicate in `requireUser`.
 * Deny by default: a permission missing from the table is refused for everyone.
 */
// "guest": a person invited to one board meeting (Art. 5 c: NRM members, supporting
// organisations), who sees that meeting only (app/meetings/meeting-access.server.ts).
export const ROLES = [
  "admin",
  "coordinator",
  "secretariat",
  "reviewer",
  "board_member",
  "guest",
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

const EVERY_ROLE: readonly Role[] = ROLES;

export const PERMISSIONS = {
  "home:view": EVERY_ROLE,
  "account:manage": EVERY_ROLE,
  "users:manage": ["admin"],
  "audit:read": ["admin"],
  "outbox:read": ["admin"],
  "campaigns:manage": ["admin", "coordinator"],
  "assessments:manage": ["admin", "coordinator"],
  "organisations:create": ["admin"],
  // The confidentiality declaration (Art. 13-14): everyone who may see board meetings, minutes
  // or the members list signs it; only admins publish a new version.
  "declaration:sign": ["admin", "secretariat", "board_member", "guest"],
  "declaration:publish": ["admin"],
  // Advisory board membership and elections (app/board/membership*, election*). The members
  // list with contacts is for the secretariat and the board's chair (Art. 14 d): the chair is
  // checked per board on top of "board:membership".
  "board:members:manage": ["secretariat"],
  "board:membership": ["secretariat", "board_member"],
  "board:vote": ["board_member"],
  // Board meetings (issue 16, app/meetings/): members see their board's meetings (checked per
  // board, declaration signed); the secretariat schedules them and records attendance.
  "meetings:view": ["secretariat", "board_member", "guest"],
  "meetings:schedule": ["secretariat"],
  // Minutes (app/meetings/minutes*): the secretariat drafts, circulates and revises them;
  // members comment and the chair approves, checked per board on top of "meetings:view".
  "minutes:draft": ["secretariat"],
  // Days the office is closed, counted out of the notice rules (decision 038).
  "closed_days:manage": ["admin"],
  // Advisory board: boards and their calls for members (issue 15).
  "boards:manage": ["admin", "secretariat"],
  // Review and selection of a call's applications (app/board/review*, recusal*, shortlist*):
  // the secretariat assigns reviewers, redacts, sees scores side by side and makes the
  // shortlist; reviewers score the applications of the calls they are assigned to.
  "board_review:manage": ["secretariat"],
  "board_review:score": ["reviewer"],
  // Data-subject rights over a board applicant: export everything held, erase on request.
  "board_applicants:export": ["admin"],
  // The same over one board member found by email (decision 035): the admin answers the
  // person's request; the secretariat has its own pages per board ("board:members:manage").
  "board_members:export": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(roles: readonly string[], permission: string): boolean {
  if (!Object.hasOwn(PERMISSIONS, permission)) return false;
  const allowed: readonly string[] = PERMISSIONS[permission as Permission];
  return roles.some((role) => allowed.includes(role));
}
