import { stringify } from "csv-stringify/sync";

import { scoresOf } from "./assessment-form";
import type { Assessment, HistoryEntry } from "./assessments.server";
import { allItems } from "./instrument";
import { scoreAssessment } from "./scoring";

type T = (key: string, options?: Record<string, unknown>) => string;

/** CSV of one assessment: each item's score and note, then the section and total scores. */
export function assessmentCsv(assessment: Assessment, t: T): string {
  const rows: (string | number)[][] = [
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
      score ?? "",
      assessment.sheet.notes[itemId] ?? "",
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
  return `\uFEFF${stringify(rows)}`;
}

/** CSV of a programme's completed assessments over time, with the change since the previous. */
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
  const rows = completed.map((entry) => [
    entry.assessedOn,
    ...entry.result.sections.flatMap((section, index) => [
      section.score,
      entry.change?.sections[index]?.delta ?? "",
    ]),
    entry.result.total,
    entry.change?.total ?? "",
  ]);
  return `\uFEFF${stringify([header, ...rows])}`;
}
