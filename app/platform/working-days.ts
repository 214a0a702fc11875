import Holidays from "date-holidays";

/**
 * Working days in Albania: Monday to Friday, except the public holidays `date-holidays` knows
 * for Albania ("AL": fixed days, Easter in both calendars, both Bajrams, and the substitute day
 * the law gives when a holiday falls on a weekend) and any extra closed day an administrator
 * adds. Days are calendar dates written "YYYY-MM-DD" (the portal's TIME_ZONE day), never times.
 *
 * Used by the notice rules: a board meeting's invitation at least 5 working days before
 * (regulation Art. 11 c), and the candidate list at least 10 working days before the NRM meeting
 * that selects members (Art. 6 c).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const holidaysByYear = new Map<number, ReadonlySet<string>>();
const albania = new Holidays("AL");

/** Albania's public holidays in `year`, as "YYYY-MM-DD" (observances and bank days excluded). */
export function publicHolidays(year: number): ReadonlySet<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set(
      albania
        .getHolidays(year)
        .filter((holiday) => holiday.type === "public")
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidaysByYear.set(year, days);
  }
  return days;
}

function toUtc(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`Not a day (YYYY-MM-DD): ${day}`);
  const time = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day)
    throw new RangeError(`Not a day (YYYY-MM-DD): ${day}`);
  return time;
}

const fromUtc = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * True when `day` is a working day: not a Saturday or Sunday, not an Albanian public holiday,
 * not in `closedDays` (extra days an administrator added). Throws RangeError for a malformed day.
 */
export function isWorkingDay(day: string, closedDays: ReadonlySet<string> = new Set()): boolean {
  const weekday = new Date(toUtc(day)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(Number(day.slice(0, 4))).has(day) && !closedDays.has(day);
}

/**
 * The last day on which a notice is in time for an event on `eventDay` that needs `workingDays`
 * working days' notice: the working day `workingDays` working days before it, the event day not
 * counted. E.g. 5 working days before Monday 2026-12-14 is Monday 2026-12-07. A notice sent on
 * that day or earlier is in time. `workingDays` must be a positive integer.
 */
export function lastNoticeDay(
  eventDay: string,
  workingDays: number,
  closedDays: ReadonlySet<string> = new Set(),
): string {
  if (!Number.isInteger(workingDays) || workingDays < 1)
    throw new RangeError(`workingDays must be a positive integer, not ${workingDays}`);
  let time = toUtc(eventDay);
  let counted = 0;
  while (counted < workingDays) {
    time -= DAY_MS;
    if (isWorkingDay(fromUtc(time), closedDays)) counted += 1;
  }
  return fromUtc(time);
}

/**
 * How many working days lie from `fromDay` (counted when it is one) up to `eventDay` (not
 * counted). A notice sent on `fromDay` is in time when this is at least the rule's number.
 */
export function workingDaysBefore(
  fromDay: string,
  eventDay: string,
  closedDays: ReadonlySet<string> = new Set(),
): number {
  let count = 0;
  for (let time = toUtc(fromDay); time < toUtc(eventDay); time += DAY_MS)
    if (isWorkingDay(fromUtc(time), closedDays)) count += 1;
  return count;
}
