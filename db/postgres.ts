import { PostgresDialect } from "kysely";
import pg from "pg";

/**
 * PostgreSQL under a store (docs/decisions/017): Kysely's own PostgresDialect over a `pg` Pool,
 * one pool per store. Every difference between the engines that feature code could notice is
 * settled here or in db/portable.ts, so nothing outside db/ knows which engine runs.
 *
 * Values: the stores keep ids and times as ISO-8601 text and flags as integers 0/1, so the
 * only types that come back differently are the 64-bit and decimal results of count(), sum()
 * and bigint columns. `pg` gives those as strings (they may exceed 2^53); the portal's counts
 * never do, so they are parsed to numbers, as SQLite returns them. A value that would lose
 * precision throws rather than silently rounding.
 */
const INT8_OID = 20;
const NUMERIC_OID = 1700;

function toSafeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) && Number.isInteger(value))
    throw new RangeError(`A database integer does not fit a JavaScript number: ${text}`);
  return value;
}

const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return toSafeNumber;
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

export type PostgresOptions = {
  /** postgres://role:password@host:port/database */
  url: string;
  /** Connections this instance may hold (DATABASE_POOL_SIZE, default 10). */
  poolSize?: number;
};

/** A pool for one store. Exposed for tools (backup, tests) that need the raw pool. */
export function createPool({ url, poolSize = 10 }: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: typeParsers,
    // A database that is down must fail a request quickly (503), not hang it.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Every session sees UTC and the same text rules, whatever the server's defaults.
    options: "-c TimeZone=UTC -c client_encoding=UTF8",
  });
  // An idle client losing its server (restart, network) emits 'error' on the pool; without a
  // listener Node would crash. The next query gets a fresh connection.
  pool.on("error", () => {});
  return pool;
}

export function createPostgresDialect(options: PostgresOptions): PostgresDialect {
  return new PostgresDialect({ pool: createPool(options) });
}
