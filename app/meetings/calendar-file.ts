/**
 * A calendar file (iCalendar, RFC 5545) for one meeting, made only for a person who opted in.
 * Deliberately bare: a neutral title given by the caller, the start and a two-hour end, no
 * place, no description, no organiser, no attendees: a calendar entry is often seen by others
 * (a shared phone, a synced account), so it must not reveal a board or who is on it.
 * The UID stays the same for the meeting's life; `sequence` (the meeting's, raised by each
 * change and by the cancellation) tells a calendar that already has the entry to replace it;
 * a cancelled meeting's file says STATUS:CANCELLED (RFC 5545 §3.8.1.11, §3.8.7.4).
 */
export function meetingCalendarFile(input: {
  uid: string;
  title: string;
  startsAt: string;
  now: Date;
  sequence: number;
  cancelled: boolean;
}): string {
  const stamp = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const start = Date.parse(input.startsAt);
  const escaped = input.title.replace(/([\\;,])/g, "\\$1").replace(/\n/g, "\\n");
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//portal//meetings//EN",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    `UID:${input.uid}`,
    `SEQUENCE:${input.sequence}`,
    `STATUS:${input.cancelled ? "CANCELLED" : "CONFIRMED"}`,
    `DTSTAMP:${stamp(input.now.toISOString())}`,
    `DTSTART:${stamp(new Date(start).toISOString())}`,
    `DTEND:${stamp(new Date(start + 2 * 60 * 60 * 1000).toISOString())}`,
    `SUMMARY:${escaped}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}
