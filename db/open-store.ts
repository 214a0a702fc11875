import { Kysely, Migrator, type Migration } from "kysely";

import { Sqlite3Dialect, openSqliteDatabase, type OpenOptions } from "./sqlite3-dialect";

/**
 * The one place that knows which SQL engine sits under a store. Feature code only sees a
 * Kysely instance, so a PostgreSQL dialect can be added here without touching features.
 */
export function openStore<Database>(filename: string, options: OpenOptions = {}): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new Sqlite3Dialect({ database: () => openSqliteDatabase(filename, options) }),
  });
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
