import type { MinutesContent } from "./minutes-rules";
import { reportContent } from "./minutes-rules";
import { getFixedT } from "../i18n/i18n";
import type { Lang } from "../i18n/lang";

/**
 * The minutes as a Markdown file for the board's report: title, the confidentiality mark,
 * attendance (status only) and per agenda item its discussion and decisions as written.
 * Confidential agenda items are left out (`reportContent`). Headings and labels are in `lang`.
 */
export function minutesMarkdown(
  input: { heading: string; status: string; content: MinutesContent },
  lang: Lang,
): string {
  const t = getFixedT(lang);
  const content = reportContent(input.content);
  const lines = [
    `# ${input.heading}`,
    "",
    `_${t("minutes:page.confidentialMark")}_`,
    "",
    input.status,
    "",
    `## ${t("minutes:page.attendance")}`,
    "",
    ...(content.attendance.length === 0
      ? [t("minutes:page.attendanceNone")]
      : content.attendance.map(
          (a) => `- ${a.name}: ${t(`minutes:attendanceStatus.${a.status ?? "none"}`)}`,
        )),
    "",
  ];
  content.items.forEach((item, i) => {
    lines.push(`## ${i + 1}. ${item.title}`, "");
    lines.push(`### ${t("minutes:page.discussion")}`, "", item.discussion || "—", "");
    lines.push(`### ${t("minutes:page.decisions")}`, "", item.decisions || "—", "");
  });
  return `${lines.join("\n").trimEnd()}\n`;
}
