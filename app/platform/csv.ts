import { stringify } from "csv-stringify/sync";

/**
 * The one way the portal writes CSV (docs/decisions/010). Every export goes through `toCsv`, so
 * no cell can reach a spreadsheet as a formula.
 *
 * Rule (OWASP ASVS 5.0 requirement 1.2.10; OWASP "CSV Injection"): a text cell whose first
 * character is `=`, `+`, `-`, `@`, a tab, a carriage return or a NUL character (and the
 * full-width forms of the first four, which some spreadsheet programs fold into them) gets a
 * single quote in front, so Excel and LibreOffice show it as text. Quoting and doubling of
 * quotes follow RFC 4180 (sections 2.6 and 2.7), done by csv-stringify.
 *
 * A cell is a string (text), a number (written plain, never prefixed: a negative change such as
 * `-2` stays a number) or null (empty). Give counts, scores and percentages as numbers, not as
 * strings, so that they stay numbers in the spreadsheet.
 */
export type CsvCell = string | number | null;

/** First characters that make a spreadsheet read a cell as a formula (see above). */
const FORMULA_START = new Set(["=", "+", "-", "@", "\t", "\r", "\0", "＝", "＋", "－", "＠"]);

/** A text cell made safe to open in a spreadsheet: prefixed with `'` when it could be a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.has(text.charAt(0)) ? `'${text}` : text;
}

/**
 * Rows to the text of a CSV file: a UTF-8 byte-order mark (so spreadsheet programs read the
 * Albanian letters correctly), then one line per row. Text cells are neutralised (above), and
 * quoted when they hold a comma, a quote, a line break, a semicolon or a tab, so the file reads
 * cell for cell whether it is split at commas or at semicolons; a number that is not finite is
 * written as an empty cell.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  const body = stringify(
    rows.map((row) => [...row]),
    {
      cast: {
        string: neutraliseFormula,
        number: (value) => (Number.isFinite(value) ? String(value) : ""),
      },
      // A spreadsheet set to a language with a decimal comma (Albanian among them) splits a
      // file at semicolons, not commas: a cell with a semicolon or a tab is quoted, so that no
      // part of it becomes a cell of its own that could start a formula (";=1+1").
      quoted_match: /[;\t]/,
    },
  );
  return `\uFEFF${body}`;
}

/** The headers of a CSV download named `filename` (ASCII letters, digits, `-`, `_`, `.`). */
export function csvHeaders(filename: string): HeadersInit {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    "Cache-Control": "no-store",
  };
}
