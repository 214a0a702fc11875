import { isValid, parseISO } from "date-fns";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether `value` is a day that exists, written yyyy-mm-dd (what `<input type="date">` sends):
 * "2026-02-31" or "2025-02-29" are not, though `Date.parse` rolls them over into March. Every
 * form schema with a date checks it with this one function.
 */
export function isCalendarDate(value: string): boolean {
  return ISO_DAY.test(value) && isValid(parseISO(value));
}
