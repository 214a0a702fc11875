import type { Kysely } from "kysely";

/**
 * Runs `work` in one transaction of `db`: a new one, or, when `db` already is a transaction,
 * inside it (Kysely cannot nest transactions). Commands use it to make a write and its audit
 * row one unit on both engines; data-module functions that need a transaction of their own use
 * it too, so a command can call them inside its transaction. Resolves with `work`'s result;
 * a throw rolls everything back (only the outermost transaction commits or rolls back).
 */
export function inTransaction<DB, T>(
  db: Kysely<DB>,
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
