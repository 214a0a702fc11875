import * as z from "zod";

// Messages are locale keys; the page translates them. Client-safe (no server imports).

/** The longest declaration text an admin may publish, per language, in characters. */
export const MAX_DECLARATION_LENGTH = 20_000;

/**
 * Signing the confidentiality declaration (Art. 13 d, 14 c): the version read, the full name
 * typed as a signature (1-120 characters) and the confirmation box.
 */
export const SignDeclarationSchema = z.object({
  version: z.coerce.number({ error: "meetings:errors.version_stale" }).int().min(1),
  fullName: z
    .string({ error: "meetings:errors.full_name_required" })
    .trim()
    .min(1, { error: "meetings:errors.full_name_required" })
    .max(120, { error: "meetings:errors.full_name_too_long" }),
  confirm: z.literal("yes", { error: "meetings:errors.confirm_required" }),
});

const DeclarationText = (required: string) =>
  z
    .string({ error: required })
    .trim()
    .min(1, { error: required })
    .max(MAX_DECLARATION_LENGTH, { error: "meetings:errors.text_too_long" });

/** A new version of the declaration, in Albanian and in English (both required). */
export const PublishDeclarationSchema = z.object({
  textSq: DeclarationText("meetings:errors.text_sq_required"),
  textEn: DeclarationText("meetings:errors.text_en_required"),
});
