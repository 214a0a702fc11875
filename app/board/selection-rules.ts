import { lastNoticeDay } from "../platform/working-days";

/**
 * Art. 6 (instruments.md §4, seed 001 line 2648): the candidate list reaches the
 * anti-trafficking directorate at least 10 working days before the NRM meeting that votes.
 * Working days leave out weekends and Albanian public holidays (app/platform/working-days.ts).
 */
export const LIST_NOTICE_WORKING_DAYS = 10;

/** The last day (YYYY-MM-DD) the candidate list may be sent for an NRM meeting on `meetingOn`. */
export function lastListDay(meetingOn: string): string {
  return lastNoticeDay(meetingOn, LIST_NOTICE_WORKING_DAYS);
}

/** Whether a list sent on `sentOn` was in time for the meeting on `meetingOn`. */
export function listInTime(sentOn: string, meetingOn: string): boolean {
  return sentOn <= lastListDay(meetingOn);
}
