import { describe, expect, it } from "vitest";

import { dateIn, localToday } from "./calendar.server";
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
