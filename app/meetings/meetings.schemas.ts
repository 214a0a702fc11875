import * as z from "zod";

import { isCalendarDate } from "../platform/calendar-date";

/**
 * Forms of the meeting pages (client-safe). Messages are locale keys in `meetings:errors`; the
 * page translates them.
 */

/** How many agenda rows the scheduling form offers (empty rows are left out). */
export const AGENDA_ROWS = 6;
export const MAX_BRIEFING_LENGTH = 20_000;

export const REPLIES = ["confirmed", "declined"] as const;
export type Reply = (typeof REPLIES)[number];
export const ATTENDANCE = ["present", "late", "left_early", "excused", "absent"] as const;
export type Attendance = (typeof ATTENDANCE)[number];

const list = (value: unknown) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const text = (max: number, tooLong: string) =>
  z.string().trim().max(max, tooLong).optional().default("");

/** The fields a meeting is scheduled with and can be changed in (decision 037). */
const whenAndWhereShape = {
  date: z.string().trim().refine(isCalendarDate, "meetings:errors.date_invalid"),
  time: z
    .string()
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "meetings:errors.time_invalid"),
  place: text(300, "meetings:errors.place_too_long"),
  onlineLink: z
    .string()
    .trim()
    .max(500, "meetings:errors.online_link_invalid")
    .refine(
      (value) => value === "" || /^https:\/\/[^\s<>"]+$/.test(value),
      "meetings:errors.online_link_invalid",
    )
    .optional()
    .default(""),
};
const briefingField = z
  .string()
  .trim()
  .min(1, "meetings:errors.briefing_required")
  .max(MAX_BRIEFING_LENGTH, "meetings:errors.briefing_too_long");
const extraordinaryShape = {
  extraordinary: z.preprocess((value) => value === "on", z.boolean()),
  extraordinaryReason: text(2000, "meetings:errors.reason_too_long"),
};

const agendaShape = Object.fromEntries(
  Array.from({ length: AGENDA_ROWS }, (_, i) => [
    [`itemTitle${i + 1}`, text(200, "meetings:errors.item_title_too_long")],
    [`itemSummary${i + 1}`, text(2000, "meetings:errors.item_summary_too_long")],
  ]).flat(),
) as Record<string, ReturnType<typeof text>>;

/** The field order of the scheduling form, for the error summary. */
export const SCHEDULE_FIELD_ORDER = [
  "date",
  "time",
  "place",
  "onlineLink",
  ...Array.from({ length: AGENDA_ROWS }, (_, i) => [
    `itemTitle${i + 1}`,
    `itemSummary${i + 1}`,
  ]).flat(),
  "briefing",
  "invitees",
  "extraordinaryReason",
];

/**
 * Scheduling a meeting (Art. 11): day and time in TIME_ZONE, a place or an online link (https)
 * or both, at least one agenda item each with a short summary, the briefing (Art. 11 e), at
 * least one invitee (account ids), and, when called inside the notice window, the
 * extraordinary mark with a reason. The notice rule itself needs today and is checked by
 * `scheduleMeeting`.
 */
export const ScheduleMeetingSchema = z
  .object({
    ...whenAndWhereShape,
    ...agendaShape,
    briefing: briefingField,
    invitees: z.preprocess(
      list,
      z
        .array(z.string().uuid("meetings:errors.invitees_required"))
        .min(1, "meetings:errors.invitees_required"),
    ),
    ...extraordinaryShape,
  })
  .superRefine((input, ctx) => {
    if (!input.place && !input.onlineLink)
      ctx.addIssue({ code: "custom", path: ["place"], message: "meetings:errors.place_required" });
    checkAgenda(input as unknown as Record<string, string>, ctx);
    if (input.extraordinary && !input.extraordinaryReason)
      ctx.addIssue({
        code: "custom",
        path: ["extraordinaryReason"],
        message: "meetings:errors.reason_required",
      });
  })
  .transform((input) => {
    const record = input as unknown as Record<string, string>;
    return {
      date: input.date,
      time: input.time,
      place: input.place,
      onlineLink: input.onlineLink,
      agenda: agendaOf(record),
      briefing: input.briefing,
      invitees: [...new Set(input.invitees)],
      extraordinary: input.extraordinary,
      extraordinaryReason: input.extraordinary ? input.extraordinaryReason : "",
    };
  });
export type ScheduleMeetingInput = z.output<typeof ScheduleMeetingSchema>;

/**
 * The agenda rows' rules, shared by scheduling and changing: at least one item
 * (agenda_required, on the first title), and each filled row with both a title and a summary.
 */
function checkAgenda(record: Record<string, string>, ctx: z.RefinementCtx): void {
  if (agendaOf(record).length === 0)
    ctx.addIssue({
      code: "custom",
      path: ["itemTitle1"],
      message: "meetings:errors.agenda_required",
    });
  for (let i = 1; i <= AGENDA_ROWS; i += 1) {
    const title = record[`itemTitle${i}`] ?? "";
    const summary = record[`itemSummary${i}`] ?? "";
    if (!title && summary)
      ctx.addIssue({
        code: "custom",
        path: [`itemTitle${i}`],
        message: "meetings:errors.item_title_required",
      });
    if (title && !summary)
      ctx.addIssue({
        code: "custom",
        path: [`itemSummary${i}`],
        message: "meetings:errors.item_summary_required",
      });
  }
}

/** The filled agenda rows, in order, as { title, summary }. */
function agendaOf(record: Record<string, string>): { title: string; summary: string }[] {
  const rows: { title: string; summary: string }[] = [];
  for (let i = 1; i <= AGENDA_ROWS; i += 1) {
    const title = record[`itemTitle${i}`] ?? "";
    const summary = record[`itemSummary${i}`] ?? "";
    if (title && summary) rows.push({ title, summary });
  }
  return rows;
}

/**
 * Every agenda row of the change form, in order: { title, summary }, or null for an empty row.
 * Row n shows the meeting's item n, so an emptied row removes that item and the others keep
 * theirs (and the tasks given on them).
 */
function agendaRowsOf(
  record: Record<string, string>,
): ({ title: string; summary: string } | null)[] {
  return Array.from({ length: AGENDA_ROWS }, (_, i) => {
    const title = record[`itemTitle${i + 1}`] ?? "";
    const summary = record[`itemSummary${i + 1}`] ?? "";
    return title && summary ? { title, summary } : null;
  });
}

/** The field order of the change form, for the error summary. */
export const CHANGE_FIELD_ORDER = [
  "date",
  "time",
  "place",
  "onlineLink",
  ...Array.from({ length: AGENDA_ROWS }, (_, i) => [
    `itemTitle${i + 1}`,
    `itemSummary${i + 1}`,
  ]).flat(),
  "briefing",
  "extraordinaryReason",
  "form",
];

/**
 * Changing a coming meeting (decision 037): its day and time, place and online link (one at
 * least), the agenda (rows as when scheduling: at least one item, each with a summary; a row
 * emptied is removed, a row filled is added), the briefing, and the extraordinary mark with its
 * reason. The invitees stay as scheduled. The notice rule is checked again by `changeMeeting`.
 */
export const ChangeMeetingSchema = z
  .object({
    ...whenAndWhereShape,
    ...agendaShape,
    briefing: briefingField,
    ...extraordinaryShape,
  })
  .superRefine((input, ctx) => {
    if (!input.place && !input.onlineLink)
      ctx.addIssue({ code: "custom", path: ["place"], message: "meetings:errors.place_required" });
    checkAgenda(input as unknown as Record<string, string>, ctx);
    if (input.extraordinary && !input.extraordinaryReason)
      ctx.addIssue({
        code: "custom",
        path: ["extraordinaryReason"],
        message: "meetings:errors.reason_required",
      });
  })
  .transform((input) => ({
    date: input.date,
    time: input.time,
    place: input.place,
    onlineLink: input.onlineLink,
    agenda: agendaRowsOf(input as unknown as Record<string, string>),
    briefing: input.briefing,
    extraordinary: input.extraordinary,
    extraordinaryReason: input.extraordinary ? input.extraordinaryReason : "",
  }));
export type ChangeMeetingInput = z.output<typeof ChangeMeetingSchema>;

/** Cancelling a meeting (decision 037): the reason, required, read by the chair and the secretariat. */
export const CancelMeetingSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "meetings:errors.cancel_reason_required")
    .max(2000, "meetings:errors.reason_too_long"),
});
export type CancelMeetingInput = z.output<typeof CancelMeetingSchema>;

/** An invitee's answer (Art. 11 d): confirm, or decline with a written reason (required). */
export const ReplySchema = z
  .object({
    reply: z.enum(REPLIES, "meetings:errors.reply_required"),
    reason: text(2000, "meetings:errors.reason_too_long"),
  })
  .superRefine((input, ctx) => {
    if (input.reply === "declined" && !input.reason)
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "meetings:errors.decline_reason_required",
      });
  })
  .transform((input) => ({
    reply: input.reply,
    reason: input.reply === "declined" ? input.reason : "",
  }));

/**
 * Attendance as recorded at the meeting: one status per invitee, fields named
 * `attendance-<account id>`; a person left without a status is simply not recorded.
 */
export function parseAttendance(
  values: Record<string, string | string[]>,
): { ok: true; value: { userId: string; status: Attendance }[] } | { ok: false } {
  const value: { userId: string; status: Attendance }[] = [];
  for (const [name, raw] of Object.entries(values)) {
    if (!name.startsWith("attendance-")) continue;
    const userId = name.slice("attendance-".length);
    if (typeof raw !== "string" || !z.string().uuid().safeParse(userId).success)
      return { ok: false };
    if (raw === "") continue;
    if (!(ATTENDANCE as readonly string[]).includes(raw)) return { ok: false };
    value.push({ userId, status: raw as Attendance });
  }
  return { ok: true, value };
}

/** A person's choices for meeting messages: the email language and the calendar file. */
export const PreferencesSchema = z.object({
  lang: z.enum(["sq", "en"], "meetings:errors.lang_required"),
  calendarFile: z.preprocess((value) => value === "on", z.boolean()),
});

/** A guest invited to one meeting (Art. 5 c): name, email and the language of the email. */
export const GuestSchema = z.object({
  guestName: z
    .string()
    .trim()
    .min(1, "meetings:errors.guest_name_required")
    .max(200, "meetings:errors.guest_name_too_long"),
  guestEmail: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, "meetings:errors.guest_email_invalid")
    .pipe(z.email({ error: "meetings:errors.guest_email_invalid" })),
  guestLang: z.enum(["sq", "en"], "meetings:errors.lang_required"),
});
