import fc from "fast-check";

/**
 * fast-check arbitraries for what a hostile or unlucky browser can post: strange field names
 * (prototype keys, prefixes of the portal's own names), strange values (lone surrogates, NUL,
 * combining marks alone, very long text, markup) and the same field more than once. Shared by the
 * property tests of the form schemas (tests/unit/form-schemas.properties.test.ts) and of the
 * actions (tests/unit/form-actions.properties.test.ts).
 */

/** Keys that mean something to JavaScript objects rather than to the form. */
export const PROTOTYPE_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "__defineGetter__",
  "then",
  "length",
] as const;

/** Values chosen by hand because they broke parsers elsewhere. */
export const TRICKY_VALUES = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF",
  "x\uDBFFy",
  "\u0301",
  "\u0301\u0308",
  "\u200B",
  "\uFEFF",
  "\r\n",
  "\r",
  "İ",
  "ß",
  "𐐀",
  "__proto__",
  "constructor",
  "0",
  "-1",
  "1.5",
  "1e309",
  "NaN",
  "Infinity",
  "0x10",
  "9999-99-99",
  "2024-02-30",
  "0000-00-00",
  "2024-13-01",
  "00000000-0000-4000-8000-000000000000",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  '=HYPERLINK("http://example.invalid")',
  "%00",
  "%ZZ",
  "${constructor.constructor('x')()}",
  "{{constructor}}",
  "$&$'$`",
  "\\",
  "'; DROP TABLE users; --",
  "%",
  "_",
] as const;

/** Long text: one character repeated, so it is cheap to make and to shrink. */
const longText = fc
  .tuple(
    fc.constantFrom("a", "ë", "\u0301", "😀", " ", "\n", "\u0000", "<"),
    fc.integer({ min: 190, max: 12_000 }),
  )
  .map(([char, count]) => char.repeat(count));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY_VALUES) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: longText },
);

/** A field name: one the form knows, a prototype key, a prefixed variant, or anything. */
export function fieldName(known: readonly string[]): fc.Arbitrary<string> {
  const knownNames = known.length ? [fc.constantFrom(...known)] : [];
  return fc.oneof(
    ...knownNames.map((arbitrary) => ({ weight: 4, arbitrary })),
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom("a:", "c:", "score:", "note:", "answer:", ""),
          fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, ...known), fc.string({ maxLength: 12 })),
        )
        .map(([prefix, name]) => prefix + name),
    },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  );
}

/** A list of (name, value) pairs as a form posts them; names may repeat (an array for a scalar). */
export function formEntries(known: readonly string[], maxLength = 10) {
  return fc.array(fc.tuple(fieldName(known), hostileString), { maxLength });
}

/**
 * A plain value a schema might be handed directly (not through a form): strings, arrays,
 * numbers, objects, null. Schemas must answer ok or invalid for every one of them.
 */
export const anyFieldValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.array(hostileString, { maxLength: 3 }),
  fc.constantFrom(undefined, null, 0, -1, 1.5, Number.NaN, Infinity, true, false, {}, []),
  fc.dictionary(fc.constantFrom(...PROTOTYPE_KEYS, "a"), hostileString, { maxKeys: 2 }),
);

/** An object with own properties for each pair, including "__proto__" as an own key. */
export function ownRecord(pairs: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of pairs)
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  return out;
}

export function toFormData(entries: [string, string][]): FormData {
  const formData = new FormData();
  for (const [key, value] of entries) formData.append(key, value);
  return formData;
}

/**
 * True when a string anywhere in `value` (keys included) holds a NUL or a lone surrogate, the
 * characters PostgreSQL refuses or that cannot be encoded as UTF-8 (decision 016).
 */
export function holdsUnstorableText(value: unknown): boolean {
  if (typeof value === "string")
    // eslint-disable-next-line no-control-regex -- finding NUL is the point
    return /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(
      value,
    );
  if (Array.isArray(value)) return value.some(holdsUnstorableText);
  if (value && typeof value === "object")
    return Object.entries(value).some(
      ([key, inner]) => holdsUnstorableText(key) || holdsUnstorableText(inner),
    );
  return false;
}
