import * as z from "zod";

import { ROLES } from "./permissions";

// Messages are locale keys; the page translates them. Client-safe (no server imports).
const Email = z
  .string({ error: "auth:errors.email_required" })
  .trim()
  .toLowerCase()
  .min(1, { error: "auth:errors.email_required" })
  .max(254, { error: "auth:errors.email_invalid" })
  .pipe(z.email({ error: "auth:errors.email_invalid" }));

const NewPassword = z
  .string({ error: "auth:errors.password_required" })
  .min(1, { error: "auth:errors.password_required" })
  .max(1024, { error: "auth:errors.password_too_long" });

export const SignInSchema = z.object({
  email: Email,
  password: z
    .string({ error: "auth:errors.password_required" })
    .min(1, { error: "auth:errors.password_required" })
    .max(1024, { error: "auth:errors.sign_in_failed" }),
  redirectTo: z.string().optional(),
  kept: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email: Email });

const RolesField = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z
    .array(z.enum(ROLES, { error: "auth:errors.role_invalid" }))
    .min(1, { error: "auth:errors.roles_required" }),
);

export const InviteSchema = z.object({
  email: Email,
  displayName: z
    .string({ error: "auth:errors.name_required" })
    .trim()
    .min(1, { error: "auth:errors.name_required" })
    .max(120, { error: "auth:errors.name_too_long" }),
  roles: RolesField,
  organisations: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.uuid({ error: "auth:errors.organisation_unknown" })).max(100),
  ),
  lang: z.enum(["sq", "en"], { error: "auth:errors.language_required" }),
});

export const ResendInvitationSchema = z.object({
  userId: z.uuid({ error: "auth:errors.user_unknown" }),
  lang: z.enum(["sq", "en"]).optional(),
});

export const ChangeRolesSchema = z.object({
  userId: z.uuid({ error: "auth:errors.user_unknown" }),
  roles: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(ROLES, { error: "auth:errors.role_invalid" })),
  ),
});

export const SetPasswordSchema = z
  .object({ password: NewPassword, confirmPassword: z.string().optional().default("") })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "auth:errors.password_mismatch",
  });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "auth:errors.current_password_required" })
      .min(1, { error: "auth:errors.current_password_required" }),
    password: NewPassword,
    confirmPassword: z.string().optional().default(""),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "auth:errors.password_mismatch",
  });

/** A code typed in the second step or when setting it up (read by readTypedCode after this). */
export const TwoFactorCodeSchema = z.object({
  code: z
    .string({ error: "auth:errors.code_required" })
    .trim()
    .min(1, { error: "auth:errors.code_required" })
    .max(40, { error: "auth:errors.code_invalid" }),
});
