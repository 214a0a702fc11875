import { lastNoticeDay } from "../platform/working-days";

/**
 * Art. 6 (instruments.md §4, seed 001 line 2648): the candidate list reaches the
 * anti-trafficking directorate at least 10 working days before the NRM meeting that votes.
 * Working days leave out weekends, Albanian public holidays and the days an admin closed the
 * office (app/platform/working-days.ts).
 */
export const LIST_NOTICE_WORKING_DAYS = 10;

/**
 * The last day (YYYY-MM-DD) the candidate list may be sent for an NRM meeting on `meetingOn`:
 * 10 working days before it, leaving out weekends, Albanian public holidays and the days the
 * office is closed (`closedDays`, decision 038: app/meetings/closed-days.server.ts
 * `closedDaySet`), as the meeting notice rule counts them.
 */
export function lastListDay(
  meetingOn: string,
  closedDays: ReadonlySet<string> = new Set(),
): string {
  return lastNoticeDay(meetingOn, LIST_NOTICE_WORKING_DAYS, closedDays);
}

/** Whether a list sent on `sentOn` was in time for the meeting on `meetingOn` (closed days as `lastListDay`). */
export function listInTime(
  sentOn: string,
  meetingOn: string,
  closedDays: ReadonlySet<string> = new Set(),
): boolean {
  return sentOn <= lastListDay(meetingOn, closedDays);
}
