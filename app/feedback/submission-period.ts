import { getISOWeek, getISOWeekYear } from "date-fns";

import { dateIn } from "../platform/calendar.server";

export type DateGranularity = "day" | "week";

/**
 * The only time a response keeps: the calendar day in the organisation's time zone
 * ("2026-11-23") or, when the campaign asks for it, the ISO week ("2026-W48"). Never the hour,
 * so a response cannot be matched to a visit, a shift in a shelter or an interview appointment.
 */
export function coarsenSubmissionDate(
  now: Date,
  granularity: DateGranularity,
  timeZone: string,
): string {
  const day = dateIn(timeZone, now);
  if (granularity === "day") return day;
  // Noon UTC of that calendar day: the same date whatever zone the server process runs in.
  const noon = new Date(`${day}T12:00:00Z`);
  return `${getISOWeekYear(noon)}-W${String(getISOWeek(noon)).padStart(2, "0")}`;
}
