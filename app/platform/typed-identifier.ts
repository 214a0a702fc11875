/**
 * One way to read an identifier a person types or pastes from a card, an SMS or a chat app
 * (access codes now, the board application reference later). Phones and messaging apps turn
 * "-" into an en dash, keyboards offer full-width letters, copying adds spaces or invisible
 * marks: none of that should make a valid code "wrong". Client-safe (no Node modules).
 *
 * Steps, in order:
 * 1. Unicode NFKC (UAX #15): full-width and other compatibility forms become plain ones
 *    ("ＡＢＣ１" → "ABC1", U+2011 non-breaking hyphen → U+2010, U+FE63 small hyphen-minus → "-").
 * 2. Invisible format characters (\p{Cf}: soft hyphen, zero-width space and joiners, direction
 *    marks, BOM) are dropped.
 * 3. Every dash and hyphen (Unicode Dash_Punctuation \p{Pd}: hyphen, figure dash, en and em
 *    dash, horizontal bar, …) and the minus signs (U+2212, U+2796, U+02D7, U+2043) become "-".
 * 4. Runs of white space (any Unicode space, e.g. no-break space) become one space; the ends are
 *    trimmed.
 * 5. Upper case (locale-independent).
 *
 * @returns the normalised text; never throws.
 */
export function normalizeTypedIdentifier(input: string): string {
  return (
    input
      .normalize("NFKC")
      .replace(/\p{Cf}/gu, "")
      .replace(DASHES, "-")
      .replace(/\s+/gu, " ")
      .trim()
      .toUpperCase()
      // Upper-casing can leave a decomposed form ("ῗ" → "Ϊ͂"): compose again, so that the
      // result normalises to itself.
      .normalize("NFKC")
  );
}

const DASHES = /[\p{Pd}\u2212\u2796\u02D7\u2043]/gu;
