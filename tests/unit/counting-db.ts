import type { Kysely } from "kysely";

/**
 * `db` with a counter of the queries sent through it (either store, either engine), for tests
 * that pin how many queries a page's read takes. `queries()` is the count so far.
 */
export function countingDb<DB>(db: Kysely<DB>): { db: Kysely<DB>; queries: () => number } {
  let count = 0;
  const counted = db.withPlugin({
    transformQuery: (args) => args.node,
    // Once per query sent (transformQuery also sees each subquery).
    transformResult: (args) => {
      count += 1;
      return Promise.resolve(args.result);
    },
  });
  return { db: counted, queries: () => count };
}
