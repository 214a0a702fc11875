import { getConfig } from "./config.server";

/**
 * Calendar dates as the organisation reads them. Campaigns open and close on dates in its time
 * zone (TIME_ZONE, Europe/Tirane by default), and a response sent at 00:30 in Tirana belongs to
 * that day, not to the day before as UTC would have it.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A wall-clock reading: the calendar date and the time of day, as numbers (month 1-12, hour 0-23). */
export type WallClock = { year: number; month: number; day: number; hour: number; minute: number };

/**
 * The wall clock in `timeZone` (an IANA zone such as Europe/Tirane) at `instant` (milliseconds
 * since the epoch). One Intl formatter per zone, kept: making one costs far more than using it.
 */
export function wallClockIn(instant: number, timeZone: string): WallClock {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  const clock: WallClock = { year: 0, month: 1, day: 1, hour: 0, minute: 0 };
  for (const part of formatter.formatToParts(new Date(instant)))
    if (part.type in clock) clock[part.type as keyof WallClock] = Number(part.value);
  return clock;
}

/** The calendar date ("2026-11-23") at `now` in `timeZone`. */
export function dateIn(timeZone: string, now: Date = new Date()): string {
  const { year, month, day } = wallClockIn(now.getTime(), timeZone);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The last answer of `todayIn` per time zone: the minute it was for, and the date. */
const lastToday = new Map<string, { minute: number; date: string }>();

/**
 * Today in the organisation's time zone ("2026-11-23"). Every survivor page asks (is the
 * campaign open?), and Intl's formatting was about 1 % of a page's server time: the answer is
 * kept for the rest of its minute (see todayIn).
 */
export function localToday(now: Date = new Date()): string {
  return todayIn(getConfig().timeZone, now);
}

/**
 * `dateIn(timeZone, now)`, kept for the rest of its minute: today's zones change offset on
 * whole minutes, so the date cannot change within one. Every stored response asks too (its
 * day, week or month), where formatting was about 1 % of a submission's server time.
 */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const minute = Math.floor(now.getTime() / 60_000);
  const last = lastToday.get(timeZone);
  if (last?.minute === minute) return last.date;
  const date = dateIn(timeZone, now);
  if (lastToday.size >= 100) lastToday.clear();
  lastToday.set(timeZone, { minute, date });
  return date;
}

/** The date `days` after a calendar date ("2026-11-23" + 30 → "2026-12-23"). */
export function addDays(date: string, days: number): string {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The day of the instant `iso` in `timeZone`, written the Albanian way in both languages:
 * dd.mm.yyyy (e.g. "03.02.2026"), as the board's forms write dates (Annex 3.3).
 */
export function displayDay(iso: string, timeZone: string): string {
  const [year, month, day] = dateIn(timeZone, new Date(iso)).split("-");
  return `${day}.${month}.${year}`;
}
