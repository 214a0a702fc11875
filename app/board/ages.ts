/**
 * Age rules of the advisory board (Annex 3.4, Art. 5 f: members are over 16, with the legal
 * guardian's approval while under 18). Pure and client-safe; dates are calendar dates
 * (YYYY-MM-DD) and "today" is the organisation's date (app/platform/calendar.server.ts).
 */
export const MINIMUM_AGE = 16;
export const ADULT_AGE = 18;

export type BirthDateProblem = "required" | "invalid" | "future" | "too_old";

/**
 * Reads a date of birth typed as day, month and year (GOV.UK date input). Answers the
 * calendar date, or why it cannot be one: nothing typed, not a real date (31.02, a two-digit
 * year), after today, or more than 120 years ago.
 */
export function readBirthDate(
  parts: { day: string; month: string; year: string },
  today: string,
): { ok: true; date: string } | { ok: false; problem: BirthDateProblem } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { ok: false, problem: "required" };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year))
    return { ok: false, problem: "invalid" };
  const date = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    return { ok: false, problem: "invalid" };
  if (date > today) return { ok: false, problem: "future" };
  if (ageOn(date, today) > 120) return { ok: false, problem: "too_old" };
  return { ok: true, date };
}

/** Full years between a date of birth and `today` (a birthday on 29.02 counts from 01.03). */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by = 0, bm = 0, bd = 0] = dateOfBirth.split("-").map(Number);
  const [ty = 0, tm = 0, td = 0] = today.split("-").map(Number);
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

/**
 * What the age means for an application: under 16 cannot apply (nothing is stored), 16 and 17
 * need their legal guardian's name, contact and confirmation, 18 and over apply alone.
 */
export function ageRule(age: number): "too_young" | "needs_guardian" | "adult" {
  if (age < MINIMUM_AGE) return "too_young";
  if (age < ADULT_AGE) return "needs_guardian";
  return "adult";
}

/** dd.mm.yyyy, as the Annex 3.3 form writes a date ("2008-03-07" → "07.03.2008"). */
export function formatDayMonthYear(date: string): string {
  const [year, month, day] = date.split("-");
  return `${day}.${month}.${year}`;
}

/** An age band for blind review (reviewers see the band, never the date). */
export function ageBand(age: number): "16-17" | "18-24" | "25-34" | "35-44" | "45+" {
  if (age < 18) return "16-17";
  if (age < 25) return "18-24";
  if (age < 35) return "25-34";
  if (age < 45) return "35-44";
  return "45+";
}
