import { data, redirect } from "@remix-run/node";

import {
  getCurrentDeclaration,
  hasSignedCurrentDeclaration,
  insertDeclarationVersion,
  insertSignature,
} from "./declarations.server";
import { recordAudit } from "../auth/audit.server";
import type { StaffUser } from "../auth/users.server";
import { getLangFromPath, localePath, type Lang } from "../i18n/lang";

const actorOf = (user: StaffUser) => ({ id: user.id, email: user.email });

/**
 * Signs the version in force for `user`, read in `language`, with the typed `fullName`.
 * Returns `{ ok: false }` when an admin published a newer version since the page was opened:
 * the person must read the new text first. Audited as "declaration_signed" (version only).
 */
export async function signDeclaration(
  user: StaffUser,
  input: { version: number; fullName: string },
  language: Lang,
): Promise<{ ok: boolean }> {
  const stored = await insertSignature(user.id, input.version, language, input.fullName);
  if (stored) {
    await recordAudit({
      actor: actorOf(user),
      action: "declaration_signed",
      details: { version: input.version },
    });
  }
  return { ok: stored };
}

/**
 * Publishes a new version in both languages; from then on every gated page asks everyone to
 * sign again. Audited as "declaration_published". Returns the new version number.
 */
export async function publishDeclaration(
  admin: StaffUser,
  text: { textSq: string; textEn: string },
): Promise<number> {
  const version = await insertDeclarationVersion({ sq: text.textSq, en: text.textEn }, admin.id);
  await recordAudit({
    actor: actorOf(admin),
    action: "declaration_published",
    details: { version },
  });
  return version;
}

/**
 * The gate of every board page (meetings, agendas, briefings, minutes, action items, the
 * members list; Art. 13-14): throws a 403 whose page explains why and links to the
 * declaration until `user` has signed the version in force.
 */
export async function requireSignedDeclaration(user: StaffUser): Promise<void> {
  if (await hasSignedCurrentDeclaration(user.id)) return;
  const current = await getCurrentDeclaration();
  throw data({ kind: "declaration_required", version: current.version }, { status: 403 });
}

/**
 * For a download (a route with no page of its own: the minutes' Markdown, a calendar file, a
 * member's data): a refusal for want of the signed declaration (`requireSignedDeclaration`)
 * becomes a redirect (303) to the declaration page, which explains it, instead of a bare 403
 * with an error text. Any other refusal passes as it is.
 */
export async function guardDownload<T>(guard: Promise<T>, request: Request): Promise<T> {
  try {
    return await guard;
  } catch (thrown) {
    const refusal = thrown as { type?: unknown; data?: { kind?: unknown } } | null;
    if (refusal?.type === "DataWithResponseInit" && refusal.data?.kind === "declaration_required")
      throw redirect(
        localePath(getLangFromPath(new URL(request.url).pathname), "/staff/declaration"),
        303,
      );
    throw thrown;
  }
}
