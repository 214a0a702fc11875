import * as z from "zod";

/**
 * Client-safe parts of board membership: the forms' schemas and the term arithmetic.
 * Messages are locale keys in the `members` namespace.
 */
const text = (max: number) => z.string().trim().max(max, { error: "members:errors.too_long" });

export const AddMemberSchema = z.object({
  fullName: text(200).min(1, { error: "members:errors.full_name_required" }),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, { error: "members:errors.email_required" })
    .pipe(z.email({ error: "members:errors.email_invalid" })),
  phone: text(40)
    .regex(/^[0-9+() .-]*$/, { error: "members:errors.phone_invalid" })
    .default(""),
});

/** Art. 15: the voluntary participation form, signed as a typed full name and a confirmation. */
export const ParticipationSchema = z.object({
  signature: text(200).min(1, { error: "members:errors.signature_required" }),
  confirm: z.literal("yes", { error: "members:errors.confirm_required" }),
});

/** A composition reason (Art. 5), required only when a change leaves the rule broken. */
export const CompositionReasonSchema = z.object({
  membershipId: z.uuid({ error: "members:errors.unknown_member" }),
  reason: text(1000).default(""),
});

/** Art. 15: a written notice of withdrawal; the reason is optional. */
export const WithdrawalSchema = z.object({
  membershipId: z.uuid({ error: "members:errors.unknown_member" }),
  reason: text(2000).default(""),
  confirm: z.literal("yes", { error: "members:errors.withdraw_confirm_required" }),
});

/** How many days before a term ends the secretariat is reminded. */
export const TERM_REMINDER_DAYS = 60;

/**
 * The calendar date `months` after `date` ("2026-01-31" + 1 → "2026-02-28"): a term of
 * `mandate_months` (Art. 5: two years) runs from its start to this date.
 */
export function addMonths(date: string, months: number): string {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

export type MembershipStatus = "invited" | "signed" | "active" | "ended";

/** A calendar date as people read it here: "2026-03-02" → "02.03.2026". */
export function formatDay(date: string | null): string {
  if (!date) return "";
  const [year, month, day] = date.split("-");
  return `${day}.${month}.${year}`;
}
