import type { IdentityDb } from "../../db/identity-store";
import { getFixedT } from "../i18n/i18n";
import { localePath, type Lang } from "../i18n/lang";
import { getConfig } from "../platform/config.server";
import { sendEmail } from "../platform/email.server";

/**
 * Messages to board members, the chair and the secretariat. They are neutral: the subject is
 * BOARD_MAIL_SUBJECT when set (for example "Meeting information"), else a plain "Information";
 * the sender is MAIL_FROM; the text names no board, no survivors, no trafficking, and the
 * content stays behind sign-in. Without SMTP_URL they land in the admin outbox.
 */
export type NeutralMessage = "invitation" | "notice";

export async function sendNeutralEmail(
  to: string,
  kind: NeutralMessage,
  lang: Lang,
  db: IdentityDb,
  link?: string,
): Promise<"sent" | "outbox" | "failed"> {
  const t = getFixedT(lang);
  const subject = process.env.BOARD_MAIL_SUBJECT?.trim() || t("members:emails.subject");
  const url = link ?? `${getConfig().publicUrl}${localePath(lang, "/staff/sign-in")}`;
  const text = t(`members:emails.${kind}`, { link: url, interpolation: { escapeValue: false } });
  try {
    return await sendEmail({ to, subject, text }, db);
  } catch {
    // The change itself is saved; the secretariat sees the person's state in the portal.
    return "failed";
  }
}
