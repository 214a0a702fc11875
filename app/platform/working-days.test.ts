import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { isWorkingDay, lastNoticeDay, publicHolidays, workingDaysBefore } from "./working-days";

describe("working days in Albania", () => {
  it("skips weekends", () => {
    // Monday 14 December 2026: five working days back is Monday the 7th (the 8th, National Youth
    // Day, is a public holiday, so it is Friday the 4th).
    expect(isWorkingDay("2026-12-12")).toBe(false); // Saturday
    expect(isWorkingDay("2026-12-13")).toBe(false); // Sunday
    expect(lastNoticeDay("2026-12-14", 5)).toBe("2026-12-04");
    expect(lastNoticeDay("2027-02-15", 5)).toBe("2027-02-08"); // no holiday in between
  });

  it("skips Albanian public holidays and their substitute days", () => {
    const days = publicHolidays(2026);
    for (const day of ["2026-01-01", "2026-01-02", "2026-03-14", "2026-11-28", "2026-11-29"])
      expect(days.has(day), day).toBe(true);
    // Independence and Liberation Day fall on a weekend in 2026; Monday the 30th is given back.
    expect(isWorkingDay("2026-11-30")).toBe(false);
    // Observances are working days: Teachers' Day.
    expect(isWorkingDay("2026-03-09")).toBe(true);
    // A meeting on Friday 4 December 2026 needs notice by Thursday 26 November: Monday the
    // 30th does not count.
    expect(lastNoticeDay("2026-12-04", 5)).toBe("2026-11-26");
  });

  it("counts across the new year", () => {
    // Monday 11 January 2027: back over Monday the 4th (New Year's substitute day), the weekend
    // and 1-2 January, then over Christmas Day (Christmas Eve is a working day).
    expect(lastNoticeDay("2027-01-11", 5)).toBe("2026-12-31");
    expect(lastNoticeDay("2027-01-11", 10)).toBe("2026-12-23");
  });

  it("skips the extra closed days an administrator adds", () => {
    const closed = new Set(["2027-02-10", "2027-02-11"]);
    expect(lastNoticeDay("2027-02-15", 5, closed)).toBe("2027-02-04");
    expect(isWorkingDay("2027-02-10", closed)).toBe(false);
  });

  it("refuses a malformed or impossible day and a non-positive count", () => {
    expect(() => isWorkingDay("2026-02-30")).toThrow(RangeError);
    expect(() => isWorkingDay("14.12.2026")).toThrow(RangeError);
    expect(() => lastNoticeDay("2026-12-14", 0)).toThrow(RangeError);
  });

  it("agrees with counting: the last notice day is a working day with exactly n working days up to the event", () => {
    const day = fc
      .date({
        min: new Date("2025-01-01T00:00:00Z"),
        max: new Date("2030-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 15 }), (event, n) => {
        const last = lastNoticeDay(event, n);
        expect(isWorkingDay(last)).toBe(true);
        expect(workingDaysBefore(last, event)).toBe(n);
        // The next day is already too late.
        const next = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000)
          .toISOString()
          .slice(0, 10);
        expect(workingDaysBefore(next, event)).toBe(n - 1);
      }),
      { numRuns: 300 },
    );
  });
});
