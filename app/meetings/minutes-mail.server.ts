import type { IdentityDb } from "../../db/identity-store";
import { getFixedT } from "../i18n/i18n";
import { localePath, type Lang } from "../i18n/lang";
import { getConfig } from "../platform/config.server";
import { sendEmail } from "../platform/email.server";

/**
 * Minutes messages (circulated for comments, a revised text) in the person's language,
 * neutral as every board message (app/meetings/meetings-mail.server.ts): subject
 * BOARD_MAIL_SUBJECT or a plain "Information", no board, meeting or content named, only a
 * link behind sign-in. A failure is reported, not thrown: the minutes are in the portal.
 */
export async function sendMinutesEmail(
  to: string,
  kind: "circulated" | "revised",
  lang: Lang,
  meetingId: string,
  db: IdentityDb,
): Promise<"sent" | "outbox" | "failed"> {
  const t = getFixedT(lang);
  const subject = process.env.BOARD_MAIL_SUBJECT?.trim() || t("members:emails.subject");
  const link = `${getConfig().publicUrl}${localePath(lang, `/staff/meetings/${meetingId}/minutes`)}`;
  const text = t(`minutes:emails.${kind}`, { link, interpolation: { escapeValue: false } });
  try {
    return await sendEmail({ to, subject, text }, db);
  } catch {
    return "failed";
  }
}
