import * as z from "zod";

import { ageOn, ageRule, readBirthDate } from "./ages";
import { BOARD_AREAS } from "./areas";
import type { FieldErrors, FormValues } from "../ui/parse-form";

/**
 * The Annex 3.3 application as a journey of pages (client-safe). Every value travels in the
 * form itself between pages (hidden fields), nothing is stored before Send. Messages are
 * locale keys in `board:apply.errors`.
 */
export const APPLICATION_STEPS = [
  "about",
  "guardian",
  "contact",
  "questions",
  "more",
  "check",
] as const;
export type ApplicationStep = (typeof APPLICATION_STEPS)[number];

/**
 * What an application stores, by group, for the privacy notice on the call page: the notice
 * is generated from this list, and a test checks it against the fields really stored
 * (app/board/applications.server.ts `storedFieldsOf`).
 */
export const STORED_FIELD_GROUPS = {
  identity: ["firstName", "lastName", "dateOfBirth", "placeOfBirth", "nationality", "residence"],
  guardian: ["guardianName", "guardianContact", "guardianConfirmed"],
  contact: ["email", "phone", "channels", "contactTimes", "voicemailSafe", "sharedPhoneSafe"],
  answers: ["activity", "suitability", "motivation", "additional"],
  nomination: ["nominated", "nominatingOrganisation"],
  optional: ["gender", "region", "expertise"],
  declarations: ["acknowledged", "stayInformed", "signature", "signedOn"],
} as const;

/** Length limits, in characters: shown in the messages. */
export const LIMITS = { short: 100, email: 254, phone: 30, answer: 3000, note: 500 } as const;

/** Albania's twelve counties (qarqe), for the optional region question. */
export const REGIONS = [
  "berat",
  "diber",
  "durres",
  "elbasan",
  "fier",
  "gjirokaster",
  "korce",
  "kukes",
  "lezhe",
  "shkoder",
  "tirane",
  "vlore",
  "outside",
] as const;
export const GENDERS = ["woman", "man", "other"] as const;
export const CONTACT_CHANNELS = ["email", "phone", "sms"] as const;
export const PREFER_NOT = "prefer_not";

const E = "board:apply.errors";
const list = (value: unknown) =>
  value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value];
// An oversized answer gets a message that names the limit: `too_long_<max>`.
// A field the form did not send reads as empty, so it gets its own message.
const orEmpty = (value: unknown) => value ?? "";
const text = (max: number) =>
  z.preprocess(orEmpty, z.string().trim().max(max, `${E}.too_long_${max}`));
const required = (max: number, missing: string) =>
  z.preprocess(orEmpty, z.string().trim().min(1, missing).max(max, `${E}.too_long_${max}`));
const yesNo = (missing: string) => z.enum(["yes", "no"], missing);

/** The fields each page asks, in page order (the error summary follows it). */
export const STEP_FIELDS: Record<ApplicationStep, readonly string[]> = {
  about: ["firstName", "lastName", "dob", "placeOfBirth", "nationality", "residence"],
  guardian: ["guardianName", "guardianContact", "guardianConfirmed"],
  contact: ["email", "phone", "channels", "contactTimes", "voicemailSafe", "sharedPhoneSafe"],
  questions: ["activity", "suitability", "motivation", "additional"],
  more: ["nominated", "nominatingOrganisation", "gender", "region", "expertise"],
  check: ["acknowledged", "stayInformed", "signature", "signatureConfirmed"],
};
/** Every field name the journey carries (the date of birth travels as three parts). */
export const ALL_FIELDS = [
  ...Object.values(STEP_FIELDS)
    .flat()
    .filter((field) => field !== "dob"),
  "dobDay",
  "dobMonth",
  "dobYear",
];
/** Fields that hold several values (checkboxes). */
export const LIST_FIELDS = [
  "channels",
  "expertise",
  "guardianConfirmed",
  "signatureConfirmed",
  "acknowledged",
];

const AboutSchema = z.object({
  firstName: required(LIMITS.short, `${E}.first_name_required`),
  lastName: required(LIMITS.short, `${E}.last_name_required`),
  placeOfBirth: required(LIMITS.short, `${E}.place_of_birth_required`),
  nationality: required(LIMITS.short, `${E}.nationality_required`),
  residence: z.enum(["citizen", "resident"], `${E}.residence_required`),
});

const GuardianSchema = z.object({
  guardianName: required(LIMITS.short, `${E}.guardian_name_required`),
  guardianContact: required(LIMITS.short, `${E}.guardian_contact_required`),
  guardianConfirmed: z.preprocess(
    list,
    z.array(z.literal("yes")).min(1, `${E}.guardian_confirmation_required`),
  ),
});

export const ContactSchema = z
  .object({
    email: z.preprocess(
      orEmpty,
      z
        .string()
        .trim()
        .toLowerCase()
        .min(1, `${E}.email_required`)
        .max(LIMITS.email, `${E}.too_long_${LIMITS.email}`)
        .pipe(z.email(`${E}.email_invalid`)),
    ),
    phone: z.preprocess(
      orEmpty,
      z
        .string()
        .trim()
        .max(LIMITS.phone, `${E}.too_long_${LIMITS.phone}`)
        .regex(/^[+0-9 ()-]*$/, `${E}.phone_invalid`),
    ),
    channels: z.preprocess(
      list,
      z.array(z.enum(CONTACT_CHANNELS, `${E}.channel_invalid`)).min(1, `${E}.channels_required`),
    ),
    contactTimes: text(LIMITS.note),
    voicemailSafe: yesNo(`${E}.voicemail_required`),
    sharedPhoneSafe: yesNo(`${E}.shared_phone_required`),
  })
  .superRefine((contact, ctx) => {
    if (!contact.phone && contact.channels.some((channel) => channel !== "email"))
      ctx.addIssue({ code: "custom", path: ["phone"], message: `${E}.phone_required_for_channel` });
  });

const QuestionsSchema = z.object({
  activity: required(LIMITS.answer, `${E}.activity_required`),
  suitability: required(LIMITS.answer, `${E}.suitability_required`),
  // Question 3 is optional: no details of the experience are needed.
  motivation: text(LIMITS.answer),
  additional: text(LIMITS.answer),
});

const MoreSchema = z
  .object({
    nominated: yesNo(`${E}.nominated_required`),
    nominatingOrganisation: text(LIMITS.short * 2),
    gender: z.enum([...GENDERS, PREFER_NOT], `${E}.choose_or_prefer_not`),
    region: z.enum([...REGIONS, PREFER_NOT], `${E}.choose_or_prefer_not`),
    expertise: z.preprocess(
      list,
      z
        .array(z.enum([...BOARD_AREAS, PREFER_NOT], `${E}.choose_or_prefer_not`))
        .min(1, `${E}.choose_or_prefer_not`),
    ),
  })
  .superRefine((more, ctx) => {
    if (more.nominated === "yes" && !more.nominatingOrganisation)
      ctx.addIssue({
        code: "custom",
        path: ["nominatingOrganisation"],
        message: `${E}.organisation_required`,
      });
  });

const CheckSchema = z.object({
  acknowledged: z.preprocess(
    list,
    z.array(z.literal("yes")).min(1, `${E}.acknowledgement_required`),
  ),
  stayInformed: z.preprocess((value) => list(value).includes("yes"), z.boolean()),
  signature: required(LIMITS.short * 2, `${E}.signature_required`),
  signatureConfirmed: z.preprocess(
    list,
    z.array(z.literal("yes")).min(1, `${E}.signature_confirmation_required`),
  ),
});

/** The application as stored, once every page is valid. Dates are YYYY-MM-DD. */
export type Application = z.output<typeof AboutSchema> &
  Partial<z.output<typeof GuardianSchema>> &
  z.output<typeof ContactSchema> &
  z.output<typeof QuestionsSchema> &
  z.output<typeof MoreSchema> &
  z.output<typeof CheckSchema> & { dateOfBirth: string; signedOn: string };

const SCHEMAS = {
  about: AboutSchema,
  guardian: GuardianSchema,
  contact: ContactSchema,
  questions: QuestionsSchema,
  more: MoreSchema,
  check: CheckSchema,
} as const;

function firstErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

/**
 * The pages this applicant goes through: the guardian's page only at 16 and 17 (read from the
 * date of birth typed so far; without one the page is left out until it is known).
 */
export function stepsFor(values: FormValues, today: string): ApplicationStep[] {
  return APPLICATION_STEPS.filter((step) => step !== "guardian" || needsGuardian(values, today));
}

function birthDateOf(values: FormValues, today: string) {
  const get = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  return readBirthDate({ day: get("dobDay"), month: get("dobMonth"), year: get("dobYear") }, today);
}

function needsGuardian(values: FormValues, today: string): boolean {
  const read = birthDateOf(values, today);
  return read.ok && ageRule(ageOn(read.date, today)) === "needs_guardian";
}

/** The applicant's age from the typed date of birth, or null while it is not a valid date. */
export function ageFromValues(values: FormValues, today: string): number | null {
  const read = birthDateOf(values, today);
  return read.ok ? ageOn(read.date, today) : null;
}

/**
 * Checks one page. Answers the messages per field (empty when the page is valid) and, for the
 * first page, whether the applicant is too young (under 16: nothing is kept, a kind page).
 */
export function checkStep(
  step: ApplicationStep,
  values: FormValues,
  today: string,
  residenceRule: "citizen" | "citizen_or_resident",
): { errors: FieldErrors; tooYoung: boolean } {
  const result = SCHEMAS[step].safeParse(values, { error: () => `${E}.invalid` });
  const errors = result.success ? {} : firstErrors(result.error);
  if (step === "about") {
    const read = birthDateOf(values, today);
    if (!read.ok) errors.dob = `${E}.dob_${read.problem}`;
    else if (ageRule(ageOn(read.date, today)) === "too_young" && Object.keys(errors).length === 0)
      return { errors, tooYoung: true };
    if (!errors.residence && residenceRule === "citizen" && values.residence === "resident")
      errors.residence = `${E}.residence_citizens_only`;
  }
  return { errors, tooYoung: false };
}

/**
 * Every page checked at once before Send. Answers the complete application, or the first page
 * with problems and its messages.
 */
export function checkApplication(
  values: FormValues,
  today: string,
  residenceRule: "citizen" | "citizen_or_resident",
):
  | { ok: true; application: Application }
  | { ok: false; step: ApplicationStep; errors: FieldErrors; tooYoung: boolean } {
  const steps = stepsFor(values, today);
  for (const step of steps) {
    const { errors, tooYoung } = checkStep(step, values, today, residenceRule);
    if (tooYoung || Object.keys(errors).length > 0) return { ok: false, step, errors, tooYoung };
  }
  const parsed = Object.fromEntries(
    steps.map((step) => [step, SCHEMAS[step].parse(values)] as const),
  ) as Record<string, object>;
  const read = birthDateOf(values, today);
  const application = Object.assign({}, ...Object.values(parsed), {
    dateOfBirth: read.ok ? read.date : "",
    signedOn: today,
  }) as Application;
  return { ok: true, application };
}
