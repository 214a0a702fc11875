/**
 * The numbers of the regulation's meeting rules that pages show as well as enforce. Client-safe:
 * the notice computation itself (working days, Albanian public holidays) is in
 * notice.server.ts, so the holiday data never reaches a browser bundle (docs/decisions/061).
 */

/**
 * Invitations go out at least this many working days before a meeting (regulation Art. 11 c,
 * instruments.md §4); notice.server.ts counts them.
 */
export const NOTICE_WORKING_DAYS = 5;

/** The board meets at least twice a year (regulation Art. 11 b). */
export const MEETINGS_PER_YEAR = 2;
