import * as z from "zod";

/** Forms of the closed-days page (client-safe); messages are `meetings:errors` keys. */

const day = z
  .string()
  .trim()
  .refine((value) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, "meetings:errors.closed_day_invalid");

/** A day the office is closed ("YYYY-MM-DD") and a short label (1-100 characters). */
export const AddClosedDaySchema = z.object({
  day,
  label: z
    .string()
    .trim()
    .min(1, "meetings:errors.closed_label_required")
    .max(100, "meetings:errors.closed_label_too_long"),
});
export type AddClosedDayInput = z.output<typeof AddClosedDaySchema>;

/** The closed day to remove. */
export const RemoveClosedDaySchema = z.object({ day });
