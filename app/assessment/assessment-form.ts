import * as z from "zod";

import { NOTE_MAX_LENGTH } from "./assessment.schemas";
import { allItems, isItemId, type Score } from "./instrument";
import type { ItemScores } from "./scoring";
import { storableText } from "../ui/parse-form";

/**
 * Reads the scoring form: `score:<item>` (0, 1, 2 or empty) and `note:<item>` for each of the 15
 * items, plus the date, the participants and the draft's version. Unknown items, scores other
 * than 0/1/2 and over-long notes are errors; every value is kept for showing the form again.
 */
export type ScoreSheet = { scores: Record<string, Score | null>; notes: Record<string, string> };
export type ScoreSheetErrors = Record<string, string>;

const ScoreValue = z.enum(["0", "1", "2", ""], { error: "assessment:errors.score_invalid" });
// Characters as a person counts them (code points), so "ë" counts once.
const Note = z.string().refine((text) => [...text].length <= NOTE_MAX_LENGTH, {
  error: "assessment:errors.note_too_long",
});

export function parseScoreSheet(formData: FormData): {
  sheet: ScoreSheet;
  errors: ScoreSheetErrors;
} {
  const sheet: ScoreSheet = { scores: {}, notes: {} };
  const errors: ScoreSheetErrors = {};
  for (const { itemId } of allItems()) {
    sheet.scores[itemId] = null;
    sheet.notes[itemId] = "";
  }
  for (const key of new Set(formData.keys())) {
    const match = /^(score|note):(.+)$/.exec(key);
    if (!match) continue;
    const [, kind, itemId = ""] = match;
    const values = formData.getAll(key).map((value) => storableText(String(value)));
    if (!isItemId(itemId)) {
      errors.form = "assessment:errors.unknown_item";
      continue;
    }
    if (kind === "score") {
      const parsed = ScoreValue.safeParse(values.length === 1 ? values[0] : "invalid");
      if (!parsed.success) errors[`score-${itemId}`] = "assessment:errors.score_invalid";
      else sheet.scores[itemId] = parsed.data === "" ? null : (Number(parsed.data) as Score);
    } else {
      const text = (values[0] ?? "").replace(/\r\n/g, "\n");
      sheet.notes[itemId] = text;
      if (!Note.safeParse(text).success)
        errors[`note-${itemId}`] = "assessment:errors.note_too_long";
    }
  }
  return { sheet, errors };
}

/** The scored items of a sheet, as the scoring module takes them. Client-safe. */
export function scoresOf(sheet: ScoreSheet): ItemScores {
  const scores: ItemScores = {};
  for (const [itemId, score] of Object.entries(sheet.scores))
    if (score !== null) scores[itemId] = score;
  return scores;
}
