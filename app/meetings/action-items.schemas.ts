import * as z from "zod";

import { isCalendarDate } from "../platform/calendar-date";

/**
 * Forms of the action items (client-safe): a task assigned at the end of a meeting (Art. 12 e)
 * and the changes of its status. Messages are `meetings:errors.*` keys.
 */

export const ACTION_ITEM_STATUSES = ["open", "done", "dropped"] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const MAX_TASK_LENGTH = 1000;

/** The field order of the assignment form, for the error summary. */
export const ASSIGN_FIELD_ORDER = ["agendaItemId", "task", "ownerId", "dueOn", "form"];

/**
 * A new action item: the agenda item it belongs to, the task (1-1,000 characters), the owner
 * (an account id; who may own it is checked by `assignActionItem`) and the due date
 * ("YYYY-MM-DD", a day in TIME_ZONE; not before today, checked with today by the command).
 */
export const AssignActionItemSchema = z.object({
  agendaItemId: z.string().uuid("meetings:errors.action_agenda_item_required"),
  task: z
    .string()
    .trim()
    .min(1, "meetings:errors.action_task_required")
    .max(MAX_TASK_LENGTH, "meetings:errors.action_task_too_long"),
  ownerId: z.string().uuid("meetings:errors.action_owner_required"),
  dueOn: z.string().trim().refine(isCalendarDate, "meetings:errors.action_due_invalid"),
});
export type AssignActionItemInput = z.output<typeof AssignActionItemSchema>;

/**
 * A change to one action item: its owner marks it done or open again, or declines it (no
 * reason asked, Art. 15); the chair or the secretariat also drop it, reopen it, or give it to
 * someone else (`ownerId`).
 */
export const ActionItemChangeSchema = z.discriminatedUnion("change", [
  z.object({
    change: z.literal("status"),
    itemId: z.string().uuid(),
    status: z.enum(ACTION_ITEM_STATUSES, "meetings:errors.action_status_invalid"),
  }),
  z.object({ change: z.literal("decline"), itemId: z.string().uuid() }),
  z.object({
    change: z.literal("owner"),
    itemId: z.string().uuid(),
    ownerId: z.string().uuid("meetings:errors.action_owner_required"),
  }),
]);
export type ActionItemChange = z.output<typeof ActionItemChangeSchema>;
