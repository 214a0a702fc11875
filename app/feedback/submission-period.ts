import { getISOWeek, getISOWeekYear } from "date-fns";

export type DateGranularity = "day" | "week";

/**
 * The only time a response keeps: the UTC calendar day ("2026-11-23") or, when the campaign
 * asks for it, the ISO week ("2026-W48"). Never the hour, so a response cannot be matched to a
 * visit, a shift in a shelter or an interview appointment.
 */
export function coarsenSubmissionDate(now: Date, granularity: DateGranularity): string {
  const utcDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12));
  if (granularity === "day") return utcDay.toISOString().slice(0, 10);
  return `${getISOWeekYear(utcDay)}-W${String(getISOWeek(utcDay)).padStart(2, "0")}`;
}
