import { describe, expect, it } from "vitest";

import { meetingCalendarFile } from "./calendar-file";
import { ReplySchema, ScheduleMeetingSchema } from "./meetings.schemas";
import { checkNotice, firstDayWithNotice, timeIn, zonedTimeToUtc } from "./notice.server";

const TIRANA = "Europe/Tirane";

describe("the 5-working-day notice of a meeting (Art. 11 c)", () => {
  const check = (today: string, meetingDay: string, time = "10:00") =>
    checkNotice({
      today,
      now: new Date(`${today}T12:00:00Z`),
      meetingDay,
      startsAt: zonedTimeToUtc(meetingDay, time, TIRANA),
    });

  it("counts back over a weekend and the 8 December holiday", () => {
    // Monday 14.12.2026: Fri 11, Thu 10, Wed 9, (Tue 8 holiday), Mon 7, (weekend), Fri 4.
    expect(check("2026-12-04", "2026-12-14")).toEqual({ kind: "in_time", lastDay: "2026-12-04" });
    expect(check("2026-12-07", "2026-12-14")).toEqual({ kind: "late", lastDay: "2026-12-04" });
  });

  it("counts across the new year's holidays", () => {
    expect(check("2026-12-31", "2027-01-11").kind).toBe("in_time");
    expect(check("2027-01-04", "2027-01-11")).toEqual({ kind: "late", lastDay: "2026-12-31" });
  });

  it("refuses a meeting that has already started, even later the same day", () => {
    const now = new Date("2026-12-14T10:30:00Z"); // 11:30 in Tirana
    const at = (time: string) =>
      checkNotice({
        today: "2026-12-14",
        now,
        meetingDay: "2026-12-14",
        startsAt: zonedTimeToUtc("2026-12-14", time, TIRANA),
      }).kind;
    expect(at("11:00")).toBe("past");
    expect(at("12:00")).toBe("late");
  });

  it("names, for a date in the past, the first day that can still get 5 working days' notice", () => {
    // Thursday 03.12.2026: Thu 3, Fri 4, Mon 7, (Tue 8 holiday), Wed 9, Thu 10 are the five
    // working days before Friday 11.12, so that is the first day; Thursday 10.12 is late.
    expect(check("2026-12-03", "2026-11-20")).toEqual({ kind: "past", firstDay: "2026-12-11" });
    expect(check("2026-12-03", "2026-12-11").kind).toBe("in_time");
    expect(check("2026-12-03", "2026-12-10")).toEqual({ kind: "late", lastDay: "2026-12-02" });
    // With Friday 04.12 closed by the admin, Fri 11 is the fifth working day: Saturday 12.12.
    expect(firstDayWithNotice("2026-12-03", new Set(["2026-12-04"]))).toBe("2026-12-12");
    // Whatever the day (here also over the new year's holidays): that day is in time, the one
    // before it is late.
    for (const today of ["2026-12-03", "2026-12-31", "2027-03-12"]) {
      const first = firstDayWithNotice(today);
      const dayBefore = new Date(Date.parse(`${first}T00:00:00Z`) - 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect(check(today, first, "23:00").kind).toBe("in_time");
      if (dayBefore > today) expect(check(today, dayBefore, "23:00").kind).toBe("late");
    }
  });
});

describe("meeting times in Tirana", () => {
  it("reads a wall-clock time in winter (+1 h) and summer (+2 h)", () => {
    expect(zonedTimeToUtc("2026-12-14", "10:00", TIRANA)).toBe("2026-12-14T09:00:00.000Z");
    expect(zonedTimeToUtc("2027-07-01", "10:00", TIRANA)).toBe("2027-07-01T08:00:00.000Z");
    expect(timeIn("2027-07-01T08:00:00.000Z", TIRANA)).toBe("10:00");
    expect(timeIn("2026-12-14T23:30:00.000Z", TIRANA)).toBe("00:30");
  });
});

describe("the scheduling form", () => {
  const base = {
    date: "2027-02-15",
    time: "10:00",
    place: "",
    onlineLink: "",
    itemTitle1: "Opening",
    itemSummary1: "Welcome",
    briefing: "Work since the last meeting",
    invitees: "6f1c1a56-52d4-4b1e-9a7e-1f0c3c7f6a01",
  };

  it("needs a place or an online link, and a summary for every agenda item", () => {
    const parsed = ScheduleMeetingSchema.safeParse({ ...base, itemTitle2: "No summary" });
    expect(parsed.success).toBe(false);
    const fields = parsed.error?.issues.map((issue) => [issue.path[0], issue.message]);
    expect(fields).toEqual([
      ["place", "meetings:errors.place_required"],
      ["itemSummary2", "meetings:errors.item_summary_required"],
    ]);
  });

  it("accepts an online link only over https, and needs a reason for an extraordinary meeting", () => {
    const link = ScheduleMeetingSchema.safeParse({ ...base, onlineLink: "javascript:alert(1)" });
    expect(link.error?.issues[0]?.message).toBe("meetings:errors.online_link_invalid");
    const noReason = ScheduleMeetingSchema.safeParse({
      ...base,
      place: "Office",
      extraordinary: "on",
    });
    expect(noReason.error?.issues[0]?.path).toEqual(["extraordinaryReason"]);
    const ok = ScheduleMeetingSchema.parse({ ...base, onlineLink: "https://meet.example/x" });
    expect(ok.agenda).toEqual([{ title: "Opening", summary: "Welcome" }]);
    expect(ok.invitees).toHaveLength(1);
  });

  it("refuses a decline without a written reason (Art. 11 d)", () => {
    const refused = ReplySchema.safeParse({ reply: "declined", reason: "  " });
    expect(refused.error?.issues[0]?.message).toBe("meetings:errors.decline_reason_required");
    expect(ReplySchema.parse({ reply: "confirmed", reason: "ignored" })).toEqual({
      reply: "confirmed",
      reason: "",
    });
  });
});

describe("the calendar file", () => {
  it("carries a neutral title and the time, never a place", () => {
    const file = meetingCalendarFile({
      uid: "m1@portal",
      title: "Takim",
      startsAt: "2026-12-14T09:00:00.000Z",
      now: new Date("2026-12-01T00:00:00Z"),
      sequence: 0,
      cancelled: false,
    });
    expect(file).toContain("SUMMARY:Takim\r\n");
    expect(file).toContain("STATUS:CONFIRMED\r\n");
    expect(file).toContain("DTSTART:20261214T090000Z\r\n");
    expect(file).not.toMatch(/LOCATION|DESCRIPTION|ATTENDEE|ORGANIZER/);
  });

  it("says a cancelled meeting is cancelled under the same UID with a higher SEQUENCE", () => {
    const file = meetingCalendarFile({
      uid: "m1@portal",
      title: "Takim",
      startsAt: "2026-12-14T09:00:00.000Z",
      now: new Date("2026-12-02T00:00:00Z"),
      sequence: 2,
      cancelled: true,
    });
    expect(file).toContain("UID:m1@portal\r\n");
    expect(file).toContain("SEQUENCE:2\r\n");
    expect(file).toContain("STATUS:CANCELLED\r\n");
  });
});
