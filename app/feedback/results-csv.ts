import { cellStatus, type CampaignResults, type Cell } from "./results";
import { choiceLabelKey, type Template } from "./template.schema";
import { toCsv, type CsvCell } from "../platform/csv";

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The counts CSV: one row per question and answer (then "answered" and "skipped"), from the same
 * published, suppressed results as the page. Count and percent are numbers, or empty when the
 * count is hidden; the status column then says "fewer than k" or "hidden" (results.ts).
 */
export function aggregatesCsv(
  results: Extract<CampaignResults, { ready: true }>,
  template: Template,
  t: Translate,
): string {
  const questionText = (id: string) => t(`questionnaires:${template.id}.questions.${id}.text`);
  const row = (question: string, answer: string, cell: Cell): CsvCell[] => [
    question,
    answer,
    cell.suppressed ? null : cell.count,
    cell.suppressed ? null : cell.percent,
    cellStatus(cell, results.k, t),
  ];
  const rows: CsvCell[][] = [
    [
      t("feedback:staff.export.question"),
      t("feedback:staff.export.answer"),
      t("feedback:staff.export.count"),
      t("feedback:staff.export.percent"),
      t("feedback:staff.export.status"),
    ],
  ];
  for (const result of results.questions) {
    const question = questionText(result.question.id);
    rows.push(row(question, t("feedback:staff.export.answered"), result.answered));
    rows.push(row(question, t("feedback:staff.export.skipped"), result.skipped));
    for (const option of result.options)
      rows.push(
        row(question, t(choiceLabelKey(template.id, result.question, option.choice)), option.cell),
      );
  }
  return toCsv(rows);
}

/** The approved-texts CSV: each approved free-text answer's redacted wording and its question. */
export function approvedTextCsv(
  items: readonly { questionId: string; redacted: string | null }[],
  template: Template,
  t: Translate,
): string {
  const rows: CsvCell[][] = [
    [t("feedback:staff.export.question"), t("feedback:staff.export.text")],
  ];
  for (const item of items)
    rows.push([
      t(`questionnaires:${template.id}.questions.${item.questionId}.text`),
      item.redacted,
    ]);
  return toCsv(rows);
}
