import { NOTICE_WORKING_DAYS } from "./meeting-rules";
import { wallClockIn } from "../platform/calendar.server";
import { lastNoticeDay } from "../platform/working-days";

/*
 * The notice rule for board meetings (regulation Art. 11 c, instruments.md §4): invitations go
 * out at least 5 working days (NOTICE_WORKING_DAYS, meeting-rules.ts) before the meeting;
 * Saturdays, Sundays and Albanian public holidays do not count (app/platform/working-days.ts),
 * nor do the days an admin lists as closed (closed-days.server.ts), nor does the meeting day.
 * Inside that window a meeting can only be called as extraordinary, with a reason (Art. 11 a).
 * Server-only: the holiday data stays out of the browser's bundles (docs/decisions/061).
 */

export type NoticeCheck =
  | { kind: "in_time"; lastDay: string }
  | { kind: "past"; firstDay: string }
  | { kind: "late"; lastDay: string };

/**
 * Whether invitations sent on `today` (a "YYYY-MM-DD" day in TIME_ZONE) are in time for a
 * meeting starting at the instant `startsAt` (ISO 8601) on the day `meetingDay` (TIME_ZONE).
 * "past" when the meeting starts at or before `now`, with the first day that notice given
 * `today` is in time for (`firstDay`, `firstDayWithNotice`); "late" when `today` is after the
 * last day on which notice would have been in time (`lastDay`). Both so the page names the day.
 */
export function checkNotice(input: {
  today: string;
  now: Date;
  meetingDay: string;
  startsAt: string;
  closedDays?: ReadonlySet<string>;
}): NoticeCheck {
  if (Date.parse(input.startsAt) <= input.now.getTime())
    return { kind: "past", firstDay: firstDayWithNotice(input.today, input.closedDays) };
  const lastDay = lastNoticeDay(input.meetingDay, NOTICE_WORKING_DAYS, input.closedDays);
  return input.today <= lastDay ? { kind: "in_time", lastDay } : { kind: "late", lastDay };
}

/**
 * The first day ("YYYY-MM-DD") for which invitations sent on `today` give the 5 working days'
 * notice (Art. 11 c): the earliest day after `today` whose `lastNoticeDay` is `today` or later.
 * Weekends, Albanian public holidays and `closedDays` do not count; the meeting day itself may
 * be any day. E.g. on Monday 30.11.2026 it is Saturday 05.12.2026 (Tue-Fri and Mon 30 count).
 */
export function firstDayWithNotice(
  today: string,
  closedDays: ReadonlySet<string> = new Set(),
): string {
  const next = (day: string) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  let day = next(today);
  while (lastNoticeDay(day, NOTICE_WORKING_DAYS, closedDays) < today) day = next(day);
  return day;
}

/**
 * The instant (ISO 8601, UTC) at which the wall-clock `time` ("HH:MM") on `day` ("YYYY-MM-DD")
 * is in `timeZone` (an IANA zone such as Europe/Tirane). On the spring-forward gap the hour
 * that does not exist is read as the one after it; on the autumn overlap, the first of the two.
 */
export function zonedTimeToUtc(day: string, time: string, timeZone: string): string {
  const [year = 0, month = 1, date = 1] = day.split("-").map(Number);
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  const wall = Date.UTC(year, month - 1, date, hour, minute);
  // Two passes: the zone's offset at the guess, then at the corrected instant.
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

/** The offset of `timeZone` from UTC at `instant`, in milliseconds (Tirana: +1 h or +2 h). */
function offsetAt(instant: number, timeZone: string): number {
  const p = wallClockIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/** The wall-clock time ("HH:MM", 24-hour) of the instant `iso` in `timeZone`. */
export function timeIn(iso: string, timeZone: string): string {
  const p = wallClockIn(Date.parse(iso), timeZone);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

/** A day "YYYY-MM-DD" as the pages show it, "dd.mm.yyyy"; null for none. */
export function dayMonthYear(day: string | null | undefined): string | null {
  return day ? day.split("-").reverse().join(".") : null;
}
