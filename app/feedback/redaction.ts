/**
 * Redaction of free-text answers before they reach a report: the coordinator lists the names,
 * places and dates to hide, and every occurrence is replaced by a neutral marker. Matching is
 * case-insensitive and ignores Albanian diacritics (ë/e, ç/c), so "Shkoder" also hides
 * "Shkodër".
 */
export const REDACTION_KINDS = ["name", "place", "date"] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

export type RedactionMarkers = Record<RedactionKind, string>;

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Splits "Arta, Tirana; 12.03.2024" into phrases (commas, semicolons or new lines). */
export function splitPhrases(input: string): string[] {
  return input
    .split(/[,;\n]/)
    .map((phrase) => phrase.trim())
    .filter((phrase) => phrase.length > 0);
}

export function redactPhrases(
  text: string,
  phrases: { phrase: string; kind: RedactionKind }[],
  markers: RedactionMarkers,
): string {
  // Longest first, so "Tirana e Re" is hidden whole before "Tirana".
  const sorted = [...phrases]
    .filter((p) => p.phrase.trim())
    .sort((a, b) => b.phrase.length - a.phrase.length);
  // Work on the diacritic-folded text but cut the original, position by position. Folding
  // removes combining marks only, so positions are mapped through the NFD form.
  let result = text.normalize("NFC");
  for (const { phrase, kind } of sorted) {
    // Folded character by character, exactly as the text is below (whole-string lower-casing
    // differs for a few letters, e.g. a final Greek sigma, and would miss the name).
    const target = foldWithMap(phrase.trim().normalize("NFC")).folded;
    // A phrase of combining marks alone folds to nothing: it would match everywhere, forever.
    if (!target) continue;
    let searchFrom = 0;
    for (;;) {
      const { folded, map, ends } = foldWithMap(result);
      const index = folded.indexOf(target, searchFrom);
      if (index < 0) break;
      const start = map[index]!;
      const end = ends[index + target.length - 1]!;
      const marker = `[${markers[kind]}]`;
      result = result.slice(0, start) + marker + result.slice(end);
      searchFrom = foldWithMap(result.slice(0, start) + marker).folded.length;
    }
  }
  return result;
}

/**
 * The folded text and, for each folded code unit, where the character it came from starts and
 * ends in the original string. Characters are folded whole (a letter outside the basic plane is
 * two code units), and the same way for the text and for the phrases.
 */
function foldWithMap(text: string): { folded: string; map: number[]; ends: number[] } {
  let folded = "";
  const map: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < text.length;) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    const piece = fold(char);
    for (let j = 0; j < piece.length; j += 1) {
      folded += piece[j];
      map.push(i);
      ends.push(i + char.length);
    }
    i += char.length;
  }
  return { folded, map, ends };
}

/** What a coordinator lists to hide in one text: phrases separated by commas, semicolons or lines. */
export type RedactionLists = { names: string; places: string; dates: string };

/**
 * The text as it will appear in reports: every listed name, place and date replaced by its
 * marker. The one function behind both the preview and the approval, so what is approved is
 * exactly what was shown.
 */
export function redactWithLists(
  text: string,
  lists: RedactionLists,
  markers: RedactionMarkers,
): string {
  return redactPhrases(
    text,
    [
      ...splitPhrases(lists.names).map((phrase) => ({ phrase, kind: "name" as const })),
      ...splitPhrases(lists.places).map((phrase) => ({ phrase, kind: "place" as const })),
      ...splitPhrases(lists.dates).map((phrase) => ({ phrase, kind: "date" as const })),
    ],
    markers,
  );
}
