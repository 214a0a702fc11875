import { describe, expect, it, vi } from "vitest";

import { dateIn, localToday, todayIn } from "./calendar.server";
import { getConfig } from "./config.server";

describe("today in the organisation's time zone", () => {
  it("turns at local midnight, also when asked again within the same minute", () => {
    const { timeZone } = getConfig();
    // One minute before and at midnight in the configured zone, whatever its offset.
    const evening = new Date("2026-11-23T12:00:00Z");
    const day = dateIn(timeZone, evening);
    let at = evening.getTime();
    while (dateIn(timeZone, new Date(at + 60_000)) === day) at += 60_000;
    const lastMinute = new Date(at);
    const midnight = new Date(at + 60_000);
    expect(localToday(lastMinute)).toBe(day);
    expect(localToday(new Date(lastMinute.getTime() + 59_999))).toBe(day);
    expect(localToday(midnight)).not.toBe(day);
    expect(localToday(midnight)).toBe(dateIn(timeZone, midnight));
    expect(localToday(lastMinute)).toBe(day);
  });
});

describe("today in a given time zone", () => {
  it("formats once per zone and minute, and keeps the zones apart", () => {
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, "formatToParts");
    try {
      // 23:30 UTC: already the next day in Tirana, still this one in UTC.
      const late = new Date("2031-03-03T23:30:00Z");
      expect(todayIn("Europe/Tirane", late)).toBe("2031-03-04");
      expect(todayIn("UTC", late)).toBe("2031-03-03");
      expect(todayIn("Europe/Tirane", new Date(late.getTime() + 59_000))).toBe("2031-03-04");
      expect(todayIn("UTC", new Date(late.getTime() + 30_000))).toBe("2031-03-03");
      expect(spy).toHaveBeenCalledTimes(2);
      // The next minute is formatted again.
      expect(todayIn("UTC", new Date("2031-03-03T23:59:00Z"))).toBe("2031-03-03");
      expect(todayIn("UTC", new Date("2031-03-04T00:00:00Z"))).toBe("2031-03-04");
      expect(spy).toHaveBeenCalledTimes(4);
    } finally {
      spy.mockRestore();
    }
  });
});
