import { describe, expect, it } from "vitest";

import { lastListDay, listInTime } from "./selection-rules.server";

describe("the candidate list reaches the directorate 10 working days before the NRM meeting", () => {
  it("counts back over weekends", () => {
    // Friday 2027-02-26: two whole weeks back, no holiday in between.
    expect(lastListDay("2027-02-26")).toBe("2027-02-12");
  });
  it("skips Albanian public holidays", () => {
    // Monday 2026-12-14: without holidays ten working days back would be Monday 30 November;
    // 8 December (Youth Day) and 30 November (the Monday off for the holidays of 28-29
    // November, a weekend) do not count, so the last day is Thursday 26 November.
    expect(lastListDay("2026-12-14")).toBe("2026-11-26");
    expect(listInTime("2026-11-26", "2026-12-14")).toBe(true);
    expect(listInTime("2026-11-27", "2026-12-14")).toBe(false);
  });
  it("skips the days an admin closed the office, as the meeting notice does", () => {
    // Friday 2027-02-26: two weeks back is Friday 12 February; with Tuesday 16 and Wednesday
    // 17 February closed, the ten working days reach back to Wednesday 10 February.
    const closed = new Set(["2027-02-16", "2027-02-17"]);
    expect(lastListDay("2027-02-26", closed)).toBe("2027-02-10");
    expect(listInTime("2027-02-12", "2027-02-26")).toBe(true);
    expect(listInTime("2027-02-12", "2027-02-26", closed)).toBe(false);
    expect(listInTime("2027-02-10", "2027-02-26", closed)).toBe(true);
  });
});
