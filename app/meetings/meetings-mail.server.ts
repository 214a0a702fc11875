import type { IdentityDb } from "../../db/identity-store";
import { getFixedT } from "../i18n/i18n";
import { localePath, type Lang } from "../i18n/lang";
import { getConfig } from "../platform/config.server";
import { sendEmail } from "../platform/email.server";

/**
 * Meeting messages (invitation, reminder, changed, cancelled; and the two task reminders, which link to "My
 * tasks": pass `meetingId` null) in the person's language. Neutral as every board
 * message (app/board/membership-mail.server.ts): the subject is BOARD_MAIL_SUBJECT when set,
 * else a plain "Information"; the sender is MAIL_FROM; the text names no board, no meeting
 * place and no time, only a link to the meeting page behind sign-in. Without SMTP_URL they
 * land in the admin outbox. A failure is reported, not thrown: the meeting stays scheduled and
 * the invitation is in the portal.
 */
export async function sendMeetingEmail(
  to: string,
  kind: "invitation" | "reminder" | "changed" | "cancelled" | "task_due" | "task_overdue",
  lang: Lang,
  meetingId: string | null,
  db: IdentityDb,
): Promise<"sent" | "outbox" | "failed"> {
  const t = getFixedT(lang);
  const subject = process.env.BOARD_MAIL_SUBJECT?.trim() || t("members:emails.subject");
  const link = `${getConfig().publicUrl}${localePath(lang, meetingId ? `/staff/meetings/${meetingId}` : "/staff/meetings/tasks")}`;
  const text = t(`meetings:emails.${kind}`, { link, interpolation: { escapeValue: false } });
  try {
    return await sendEmail({ to, subject, text }, db);
  } catch {
    return "failed";
  }
}
