import type { ActionItem } from "./action-items.server";
import type { MinutesContent, NamedAttendance } from "./minutes-rules";
import { getFixedT } from "../i18n/i18n";
import type { Lang } from "../i18n/lang";

/** `text` with Markdown's special characters escaped, so a task or a name shows as typed. */
function plainText(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~]/g, "\\$&").replace(/\s*\n\s*/g, " ");
}

/**
 * The minutes as a Markdown file for the board's report: title, the confidentiality mark,
 * attendance (name and status, never a reason) and per agenda item its discussion and decisions as written, then
 * that item's action items (`actionItems`, any order: task, owner, due date dd.mm.yyyy,
 * status; task and names escaped so they show as typed). Confidential agenda items are left out
 * with their action items; the others keep their agenda numbers. Headings and labels in `lang`.
 */
export function minutesMarkdown(
  input: {
    heading: string;
    status: string;
    content: MinutesContent;
    /** The content's attendance with the names shown now ("" for an erased member). */
    attendance: readonly NamedAttendance[];
    actionItems: readonly Pick<
      ActionItem,
      "agendaItemId" | "task" | "ownerName" | "declined" | "dueDay" | "status"
    >[];
  },
  lang: Lang,
): string {
  const t = getFixedT(lang);
  const { items } = input.content;
  const { attendance } = input;
  const lines = [
    `# ${input.heading}`,
    "",
    `_${t("minutes:page.confidentialMark")}_`,
    "",
    input.status,
    "",
    `## ${t("minutes:page.attendance")}`,
    "",
    ...(attendance.length === 0
      ? [t("minutes:page.attendanceNone")]
      : attendance.map(
          (a) =>
            `- ${plainText(a.name || t("minutes:page.erasedName"))}: ${t(`minutes:attendanceStatus.${a.status ?? "none"}`)}`,
        )),
    "",
  ];
  items.forEach((item, i) => {
    if (item.confidential) return;
    lines.push(`## ${i + 1}. ${item.title}`, "");
    lines.push(`### ${t("minutes:page.discussion")}`, "", item.discussion || "—", "");
    lines.push(`### ${t("minutes:page.decisions")}`, "", item.decisions || "—", "");
    const tasks = input.actionItems.filter((task) => task.agendaItemId === item.agendaItemId);
    if (tasks.length === 0) return;
    lines.push(`### ${t("meetings:actions.heading")}`, "");
    for (const task of tasks) {
      const owner =
        task.ownerName === ""
          ? t("minutes:page.erasedName")
          : (task.ownerName ??
            t(task.declined ? "meetings:actions.declinedNoOwner" : "meetings:actions.noOwner"));
      const line = t("minutes:page.exportActionItem", {
        task: plainText(task.task),
        owner: plainText(owner),
        due: task.dueDay,
        status: t(`meetings:actions.statuses.${task.status}`),
      });
      lines.push(`- ${line}`);
    }
    lines.push("");
  });
  return `${lines.join("\n").trimEnd()}\n`;
}
