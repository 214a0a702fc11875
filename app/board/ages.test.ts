import { describe, expect, it } from "vitest";

import { ageBand, ageOn, ageRule, formatDayMonthYear, readBirthDate } from "./ages";

const today = "2026-11-29";

describe("the date of birth", () => {
  it("is read from day, month and year and shown as dd.mm.yyyy", () => {
    const read = readBirthDate({ day: "7", month: "3", year: "2008" }, today);
    expect(read).toEqual({ ok: true, date: "2008-03-07" });
    expect(formatDayMonthYear("2008-03-07")).toBe("07.03.2008");
  });

  it("refuses an impossible date, a date in the future, a two-digit year and a blank", () => {
    expect(readBirthDate({ day: "31", month: "2", year: "2000" }, today)).toEqual({
      ok: false,
      problem: "invalid",
    });
    expect(readBirthDate({ day: "30", month: "11", year: "2026" }, today)).toEqual({
      ok: false,
      problem: "future",
    });
    expect(readBirthDate({ day: "1", month: "1", year: "99" }, today)).toMatchObject({ ok: false });
    expect(readBirthDate({ day: "1", month: "1", year: "1850" }, today)).toEqual({
      ok: false,
      problem: "too_old",
    });
    expect(readBirthDate({ day: " ", month: "", year: "" }, today)).toEqual({
      ok: false,
      problem: "required",
    });
  });
});

describe("the age rules (Art. 5 f)", () => {
  it("counts full years, turning a year older on the birthday itself", () => {
    expect(ageOn("2010-11-29", today)).toBe(16);
    expect(ageOn("2010-11-30", today)).toBe(15);
    expect(ageOn("2008-11-30", today)).toBe(17);
    expect(ageOn("2008-11-29", today)).toBe(18);
  });

  it("refuses under 16, asks for a guardian at 16 and 17, and lets adults apply alone", () => {
    expect(ageRule(15)).toBe("too_young");
    expect(ageRule(16)).toBe("needs_guardian");
    expect(ageRule(17)).toBe("needs_guardian");
    expect(ageRule(18)).toBe("adult");
    expect(ageBand(17)).toBe("16-17");
    expect(ageBand(44)).toBe("35-44");
  });
});
