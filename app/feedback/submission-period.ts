import { getISOWeek, getISOWeekYear } from "date-fns";

import { todayIn } from "../platform/calendar.server";

export type DateGranularity = "day" | "week" | "month";

/**
 * The only time a response keeps: the calendar day in the organisation's time zone
 * ("2026-11-23"), the ISO week ("2026-W48") or the month ("2026-11"), as the campaign asks.
 * Never the hour, so a response cannot be matched to a visit, a shift in a shelter or an
 * interview appointment. Week and month are both read from that same local day.
 */
export function coarsenSubmissionDate(
  now: Date,
  granularity: DateGranularity,
  timeZone: string,
): string {
  const day = todayIn(timeZone, now);
  if (granularity === "day") return day;
  if (granularity === "month") return day.slice(0, 7);
  let week = weekOfDay.get(day);
  if (week === undefined) {
    // Noon UTC of that calendar day: the same date whatever zone the server process runs in.
    const noon = new Date(`${day}T12:00:00Z`);
    week = `${getISOWeekYear(noon)}-W${String(getISOWeek(noon)).padStart(2, "0")}`;
    // A few days at a time in practice; the bound keeps a long-running process small.
    if (weekOfDay.size >= 64) weekOfDay.clear();
    weekOfDay.set(day, week);
  }
  return week;
}

/** ISO weeks of calendar days already asked for ("2026-11-23" → "2026-W48"). */
const weekOfDay = new Map<string, string>();
