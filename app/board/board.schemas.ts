import * as z from "zod";

import { BOARD_AREAS } from "./areas";
import { isCalendarDate } from "../platform/calendar-date";

/**
 * Forms of the staff board pages (client-safe). Messages are locale keys in `board:errors`.
 */

const list = (value: unknown) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * A board: name in Albanian (required) and in English (optional, "" when left empty, same
 * length limit), Annex 3.1 areas (at least one, or free text), Art. 5 residence rule, mandate. */
export const BoardSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "board:errors.name_required")
      .max(200, "board:errors.name_too_long"),
    nameEn: z.string().trim().max(200, "board:errors.name_en_too_long").default(""),
    areas: z.preprocess(list, z.array(z.enum(BOARD_AREAS, "board:errors.area_invalid"))),
    areasOther: z.string().trim().max(2000, "board:errors.areas_other_too_long").default(""),
    residenceRule: z.enum(["citizen", "citizen_or_resident"], "board:errors.residence_required"),
    mandateMonths: z
      .string()
      .trim()
      .regex(/^\d{1,3}$/, "board:errors.mandate_invalid")
      .transform(Number)
      .pipe(
        z
          .number()
          .int()
          .min(1, "board:errors.mandate_invalid")
          .max(120, "board:errors.mandate_invalid"),
      ),
  })
  .refine((board) => board.areas.length > 0 || board.areasOther.length > 0, {
    path: ["areas"],
    message: "board:errors.areas_required",
  });
export type BoardInput = z.output<typeof BoardSchema>;

/** A call for members: open and close dates (YYYY-MM-DD, close on or after open), blind mode. */
export const CallSchema = z
  .object({
    opensOn: z.string().trim().refine(isCalendarDate, "board:errors.date_invalid"),
    closesOn: z.string().trim().refine(isCalendarDate, "board:errors.date_invalid"),
    // A checkbox: present means on. The form shows it ticked by default.
    blindMode: z.preprocess((value) => value === "on", z.boolean()),
  })
  .refine((call) => call.closesOn >= call.opensOn, {
    path: ["closesOn"],
    message: "board:errors.closes_before_opens",
  });
export type CallInput = z.output<typeof CallSchema>;
