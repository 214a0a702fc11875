import { scoresOf } from "./assessment-form";
import type { Assessment, HistoryEntry } from "./assessments.server";
import { allItems } from "./instrument";
import { scoreAssessment } from "./scoring";
import { toCsv, type CsvCell } from "../platform/csv";

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * CSV of one assessment: each item's score (a number, empty when unscored) and evidence note,
 * then the section and total scores. Written by the portal's one CSV helper, so a note that
 * begins like a formula reaches the spreadsheet as text.
 */
export function assessmentCsv(assessment: Assessment, t: T): string {
  const rows: CsvCell[][] = [
    [
      t("assessment:csv.section"),
      t("assessment:csv.item"),
      t("assessment:csv.score"),
      t("assessment:csv.note"),
    ],
  ];
  for (const { sectionId, itemId } of allItems()) {
    const score = assessment.sheet.scores[itemId];
    rows.push([
      t(`instruments:survivor_informed.sections.${sectionId}.title`),
      t(`instruments:survivor_informed.items.${itemId}`),
      score ?? null,
      assessment.sheet.notes[itemId] ?? null,
    ]);
  }
  const result = scoreAssessment(scoresOf(assessment.sheet));
  for (const section of result.sections) {
    rows.push([
      t(`instruments:survivor_informed.sections.${section.id}.title`),
      t("assessment:csv.sectionTotal"),
      `${section.score}/${section.max}`,
      `${section.percent}%`,
    ]);
  }
  rows.push([
    t("assessment:result.total"),
    "",
    `${result.total}/${result.max}`,
    `${result.percent}%`,
  ]);
  return toCsv(rows);
}

/**
 * CSV of a programme's completed assessments over time, with the change since the previous one.
 * Scores and changes are numbers (a fall stays a plain negative number).
 */
export function historyCsv(history: HistoryEntry[], t: T): string {
  const completed = history.filter((entry) => entry.status === "completed");
  const sectionIds = completed[0]?.result.sections.map((s) => s.id) ?? [];
  const header = [
    t("assessment:programme.date"),
    ...sectionIds.flatMap((id) => [
      t(`instruments:survivor_informed.sections.${id}.short`),
      t("assessment:csv.change"),
    ]),
    t("assessment:result.total"),
    t("assessment:csv.change"),
  ];
  const rows = completed.map((entry): CsvCell[] => [
    entry.assessedOn,
    ...entry.result.sections.flatMap((section, index) => [
      section.score,
      entry.change?.sections[index]?.delta ?? null,
    ]),
    entry.result.total,
    entry.change?.total ?? null,
  ]);
  return toCsv([header, ...rows]);
}
