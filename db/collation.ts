import { expressionBuilder, sql, type Expression, type Kysely, type RawBuilder } from "kysely";

import { engineOf } from "./open-store";

/**
 * Albanian alphabetical order for names, the same on SQLite and PostgreSQL (docs/decisions/017
 * leaves "text collation" to this file).
 *
 * Neither engine's default order is Albanian: byte order puts "Ç" and "Ë" after "z", and the
 * databases are created with the C collation (README) so that nothing depends on the server's
 * locale. ICU's Albanian collation exists on PostgreSQL but not in SQLite's driver, and two
 * engines must list the same names in the same order. So the order is a sort key computed in
 * SQL, identically on both: the name in lower case, each letter of the Albanian alphabet that
 * is not a plain Latin letter rewritten as its base letter followed by "{" (the character after
 * "z"), compared byte by byte:
 *
 *   a b c ç d dh e ë f g gj h i j k l ll m n nj o p q r rr s sh t th u v x xh y z zh
 *
 * so "ç" sorts after every "c…", "dh" after every other "d…", "ë" after "e…", and so on. Case
 * is ignored (ASCII letters and Ç/Ë); other accented letters (foreign names) sort after "z".
 */
const ALBANIAN_LETTERS: readonly (readonly [string, string])[] = [
  ["Ç", "ç"],
  ["Ë", "ë"],
  // Digraphs before the single letters, each to its base letter + "{".
  ["dh", "d{"],
  ["gj", "g{"],
  ["ll", "l{"],
  ["nj", "n{"],
  ["rr", "r{"],
  ["sh", "s{"],
  ["th", "t{"],
  ["xh", "x{"],
  ["zh", "z{"],
  ["ç", "c{"],
  ["ë", "e{"],
];

/**
 * An ORDER BY expression that sorts `column` in Albanian alphabetical order on either engine:
 * a text column reference such as "organisations.name", a text expression, or a callback that
 * builds one (e.g. `boardNameIn(lang)` of app/board/boards.server.ts). Add a second `orderBy`
 * on a unique column for a stable order between equal names.
 */
export function albanianOrder(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any store
  db: Kysely<any>,
  column: string | Expression<string> | ((eb: never) => Expression<string>),
): RawBuilder<string> {
  const value =
    typeof column === "string"
      ? sql.ref(column)
      : typeof column === "function"
        ? column(expressionBuilder() as never)
        : column;
  let key: Expression<string> = sql<string>`lower(${value})`;
  for (const [from, to] of ALBANIAN_LETTERS)
    key = sql<string>`replace(${key}, ${sql.lit(from)}, ${sql.lit(to)})`;
  // Byte (code point) order on PostgreSQL whatever the database's default collation.
  return engineOf(db) === "postgres" ? sql<string>`${key} collate "C"` : sql<string>`${key}`;
}
