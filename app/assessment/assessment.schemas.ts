import * as z from "zod";

import { isCalendarDate } from "../platform/calendar-date";

/** Client-safe: form schemas for organisations, programmes and assessments. */
export const ORGANISATION_TYPES = ["government", "ngo", "international", "survivor_led"] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export const NOTE_MAX_LENGTH = 2000;

export const OrganisationSchema = z.object({
  name: z
    .string({ error: "assessment:errors.name_required" })
    .trim()
    .min(1, { error: "assessment:errors.name_required" })
    .max(200, { error: "assessment:errors.name_too_long" }),
  type: z.enum(ORGANISATION_TYPES, { error: "assessment:errors.type_required" }),
});

export const ProgrammeSchema = z.object({
  name: z
    .string({ error: "assessment:errors.name_required" })
    .trim()
    .min(1, { error: "assessment:errors.name_required" })
    .max(200, { error: "assessment:errors.name_too_long" }),
  description: z
    .string()
    .trim()
    .max(NOTE_MAX_LENGTH, { error: "assessment:errors.description_too_long" })
    .default(""),
});

export const NewAssessmentSchema = z.object({
  assessedOn: z
    .string({ error: "assessment:errors.date_invalid" })
    .refine(isCalendarDate, { error: "assessment:errors.date_invalid" }),
  participants: z
    .string({ error: "assessment:errors.participants_required" })
    .trim()
    .min(1, { error: "assessment:errors.participants_required" })
    .max(1000, { error: "assessment:errors.participants_too_long" }),
});
