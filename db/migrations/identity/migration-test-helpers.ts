import { Kysely, Migrator } from "kysely";
import { expect } from "vitest";

import { identityMigrations } from "./index";
import { openSqliteDatabase, Sqlite3Dialect } from "../../sqlite3-dialect";

/**
 * Test helper: an in-memory SQLite identity store migrated up to and including `last`, and the
 * migrator that takes it further (`migrateToLatest`) for the migration under test. `Tables`
 * types only the tables the test reads and writes.
 */
export async function identityStoreAt<Tables>(
  last: string,
): Promise<{ db: Kysely<Tables>; migrator: Migrator }> {
  const raw = await openSqliteDatabase(":memory:");
  const db = new Kysely<Tables>({ dialect: new Sqlite3Dialect({ database: raw }) });
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(identityMigrations) },
  });
  const before = await migrator.migrateTo(last);
  expect(before.error).toBeUndefined();
  return { db, migrator };
}
