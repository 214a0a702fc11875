import { Kysely, Migrator, PostgresAdapter, sql, type Migration, type RawBuilder } from "kysely";

import { createPostgresDialect } from "./postgres";
import { Sqlite3Dialect, openSqliteDatabase, type OpenOptions } from "./sqlite3-dialect";

/**
 * Where a store lives: a SQLite file (the default, one small server) or a PostgreSQL database
 * (DATABASE_URL_IDENTITY / DATABASE_URL_RESPONSES, several instances; docs/decisions/017).
 */
export type StoreLocation =
  | { engine: "sqlite"; filename: string; options?: OpenOptions }
  | { engine: "postgres"; url: string; poolSize?: number };

export type Engine = StoreLocation["engine"];

/**
 * The one place that knows which SQL engine sits under a store. Feature code only sees a
 * Kysely instance; what differs between the engines is settled in db/postgres.ts (value types)
 * and in the helpers below (what migrations may need).
 */
export function openStore<Database>(location: StoreLocation): Kysely<Database> {
  if (location.engine === "postgres") {
    return new Kysely<Database>({
      dialect: createPostgresDialect({ url: location.url, poolSize: location.poolSize }),
    });
  }
  const { filename, options = {} } = location;
  return new Kysely<Database>({
    dialect: new Sqlite3Dialect({ database: () => openSqliteDatabase(filename, options) }),
  });
}

/** Which engine a Kysely instance (or a transaction of one) runs on. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database type will do
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/**
 * For a migration's `.modifyEnd(...)`: SQLite's WITHOUT ROWID (the table is stored in primary-key
 * order, so a random key hides insertion order), nothing on PostgreSQL, which has no such
 * option (the response store handles order there by rewriting, db/response-shuffle.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database type will do
export function withoutRowid(db: Kysely<any>): RawBuilder<unknown> {
  return engineOf(db) === "sqlite" ? sql`without rowid` : sql``;
}

export async function migrateStore(
  db: Kysely<unknown>,
  migrations: Record<string, Migration>,
  storeName: string,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: "schema_migrations",
    migrationLockTableName: "schema_migrations_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    throw new Error(
      `Migrating the ${storeName} store failed${failed ? ` at ${failed.migrationName}` : ""}`,
      { cause: error },
    );
  }
  return (results ?? []).map((result) => result.migrationName);
}

/**
 * Locks the rows a transaction reads before it writes them back (read, decide, write). On
 * SQLite every transaction already runs alone (it takes the file's write lock when it begins,
 * BEGIN IMMEDIATE, db/sqlite3-dialect.ts); on
 * PostgreSQL several run at once under READ COMMITTED, so without the lock two of them could
 * read the same version and both write (a lost update). Use it on the `trx` of the transaction:
 * `await forUpdate(trx, trx.selectFrom("assessments").select("version").where(...))`.
 */
export function forUpdate<Query extends { forUpdate(): Query }>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database type will do
  db: Kysely<any>,
  query: Query,
): Query {
  return engineOf(db) === "postgres" ? query.forUpdate() : query;
}
