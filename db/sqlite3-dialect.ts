import {
  type CompiledQuery,
  IdentifierNode,
  RawNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  createQueryId,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from "kysely";
import { LRUCache } from "lru-cache";
import sqlite3 from "sqlite3";

/**
 * A Kysely dialect for node-sqlite3 (docs/decisions/003). One connection per database, handed
 * out behind a promise mutex: SQLite serialises writes anyway, and a single connection makes
 * every transaction see its own writes and nobody else's.
 *
 * Inside `db.transaction().execute(trx => …)` use `trx`, never `db`: a query on `db` waits for
 * the connection the transaction holds, so it would wait forever.
 */
export type Sqlite3DialectConfig = {
  database: sqlite3.Database | (() => Promise<sqlite3.Database>);
  onCreateConnection?: (connection: DatabaseConnection) => Promise<void>;
};

export class Sqlite3Dialect implements Dialect {
  constructor(private readonly config: Sqlite3DialectConfig) {}

  createDriver(): Driver {
    return new Sqlite3Driver(this.config);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** An error from SQLite, with its result code (e.g. SQLITE_CONSTRAINT) kept for callers. */
export class SqliteError extends Error {
  readonly code: string;
  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SqliteError";
    this.code = code;
  }
}

function toSqliteError(error: unknown): SqliteError {
  if (error instanceof SqliteError) return error;
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  return new SqliteError(
    typeof message === "string" ? message : String(error),
    typeof code === "string" ? code : "SQLITE_ERROR",
    { cause: error },
  );
}

// Kept here too for callers that imported it from the dialect before db/errors.ts existed.
export { isUniqueConstraintError } from "./errors";

/** Opens (creating if needed) a database file with the settings every store relies on. */
export type OpenOptions = {
  /**
   * "WAL" (default) lets readers continue while a writer commits. "DELETE" keeps no journal
   * after a commit: the response store uses it, because a write-ahead log keeps page images in
   * commit order and could show which writes happened together (docs/decisions/001).
   */
  journalMode?: "WAL" | "DELETE";
  /** Overwrite deleted content with zeros, so removed rows leave nothing in the file. */
  secureDelete?: boolean;
};

export async function openSqliteDatabase(
  filename: string,
  options: OpenOptions = {},
): Promise<sqlite3.Database> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(filename, (error) =>
      error ? reject(toSqliteError(error)) : resolve(opened),
    );
  });
  const exec = (sql: string) =>
    new Promise<void>((resolve, reject) =>
      db.exec(sql, (error) => (error ? reject(toSqliteError(error)) : resolve())),
    );
  try {
    // An in-memory database has no journal file.
    if (filename !== ":memory:")
      await exec(`PRAGMA journal_mode = ${options.journalMode ?? "WAL"}`);
    if (options.secureDelete) await exec("PRAGMA secure_delete = ON");
    // SQLite leaves foreign keys unenforced unless each connection asks.
    await exec("PRAGMA foreign_keys = ON");
    // Another process (a CLI, a backup) may hold the lock briefly: wait rather than fail.
    await exec("PRAGMA busy_timeout = 5000");
    // FULL: a commit the user is told about survives a power cut, not only a crash.
    await exec("PRAGMA synchronous = FULL");
  } catch (error) {
    db.close(() => {});
    throw error;
  }
  return db;
}

class Sqlite3Driver implements Driver {
  private db: sqlite3.Database | undefined;
  private connection: Sqlite3Connection | undefined;
  private readonly mutex = new ConnectionMutex();

  constructor(private readonly config: Sqlite3DialectConfig) {}

  async init(): Promise<void> {
    this.db =
      typeof this.config.database === "function"
        ? await this.config.database()
        : this.config.database;
    this.connection = new Sqlite3Connection(this.db);
    await this.config.onCreateConnection?.(this.connection);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // The single connection: wait until its previous holder (a query or a whole transaction)
    // releases it.
    await this.mutex.lock();
    if (!this.connection) {
      this.mutex.unlock();
      throw new SqliteError("The database is closed", "SQLITE_MISUSE");
    }
    return this.connection;
  }

  // Transaction control goes straight to exec: one trip, and nothing worth keeping prepared.
  // IMMEDIATE: the write lock is taken at the start. The server has one connection per file,
  // but a command run beside it has another (`npm run user:create -- --reset-password`,
  // db:migrate): a deferred transaction that had read and then wrote after that command's
  // write failed with SQLITE_BUSY at once (SQLite will not wait out a possible deadlock, nor a
  // stale WAL snapshot). Taking the lock first makes the second writer wait in busy_timeout
  // instead (docs/decisions/062).
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Sqlite3Connection).exec("begin immediate");
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Sqlite3Connection).exec("commit");
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as Sqlite3Connection).exec("rollback");
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler["compileQuery"],
  ): Promise<void> {
    await connection.executeQuery(
      compileQuery(savepointCommand("savepoint", name), createQueryId()),
    );
  }
  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler["compileQuery"],
  ): Promise<void> {
    await connection.executeQuery(
      compileQuery(savepointCommand("rollback to", name), createQueryId()),
    );
  }
  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compileQuery: QueryCompiler["compileQuery"],
  ): Promise<void> {
    await connection.executeQuery(compileQuery(savepointCommand("release", name), createQueryId()));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    // Wait for the current holder, so a transaction in flight at shutdown still commits.
    await this.mutex.lock();
    const db = this.db;
    const connection = this.connection;
    this.db = undefined;
    this.connection = undefined;
    try {
      await connection?.finalizeStatements();
      if (db) {
        await new Promise<void>((resolve, reject) =>
          db.close((error) => (error ? reject(toSqliteError(error)) : resolve())),
        );
      }
    } finally {
      // Let any waiters through; they find no connection and fail with SQLITE_MISUSE.
      this.mutex.unlock();
    }
  }
}

/** The name goes through IdentifierNode so the compiler quotes it. */
function savepointCommand(command: string, name: string): RawNode {
  return RawNode.createWithChildren([
    RawNode.createWithSql(`${command} `),
    IdentifierNode.create(name),
  ]);
}

/** Prepared statements kept per connection at most; the least recently used beyond are finalised. */
const STATEMENT_CACHE_SIZE = 100;

/**
 * What the kept statements of one connection may weigh together, in characters of SQL. SQLite's
 * compiled program grows with the statement's text: a group commit's 450-row insert of 6 values
 * a row (6 kB of SQL) holds about 320 kB of native memory. A cache counted in statements alone
 * filled, over minutes of steady traffic, with such inserts of every row count (issue 17's soak:
 * RSS outside the V8 heap grew by 25-35 MB in 10 minutes); this budget holds about 3 MB.
 */
export const STATEMENT_CACHE_SQL_CHARACTERS = 64 * 1024;

/** A statement longer than this (characters of SQL) is prepared, run once and finalised. */
export const LONGEST_KEPT_STATEMENT = 16 * 1024;

/** How long a row-returning statement's values may stay bound after its last run (ms). */
export const CLEAR_VALUES_AFTER_MS = 50;

/** What a kept statement is bound to after use: clears every value (see `release`). */
const CLEARED: readonly null[] = Object.freeze([null]);

class Sqlite3Connection implements DatabaseConnection {
  // Statements stay prepared, by SQL text. node-sqlite3's db.run and db.all prepare, run and
  // finalise a statement: three trips to the thread pool, and each waits its turn on the busy
  // main thread. A prepared statement runs in one trip, which shortens every transaction
  // (measured with bench/feedback.ts: a batch of submissions took 20 ms, mostly waiting).
  // Least recently used first out, by count and by length of SQL (STATEMENT_CACHE_SQL_CHARACTERS).
  private readonly statements = new LRUCache<string, sqlite3.Statement>({
    max: STATEMENT_CACHE_SIZE,
    maxSize: STATEMENT_CACHE_SQL_CHARACTERS,
    sizeCalculation: (_statement, sql) => sql.length,
    dispose: (statement) => this.finalize(statement),
  });
  /** Statements whose values wait to be cleared, with their number of values (clearSoon). */
  private readonly toClear = new Map<sqlite3.Statement, number>();
  private clearTimer: ReturnType<typeof setTimeout> | undefined;
  /** Finalisations under way, awaited before the database is closed. */
  private readonly finalizing = new Set<Promise<void>>();

  constructor(private readonly db: sqlite3.Database) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql } = compiledQuery;
    const parameters = compiledQuery.parameters.map(toSqliteValue);
    const statement = await this.prepared(sql);
    // Too long to keep: run once, then finalised (which frees its values too).
    if (sql.length > LONGEST_KEPT_STATEMENT) {
      try {
        return await this.runOnce<R>(statement, parameters, returnsRows(compiledQuery));
      } finally {
        this.finalize(statement);
      }
    }
    if (returnsRows(compiledQuery)) {
      try {
        const rows = await new Promise<R[]>((resolve, reject) =>
          statement.all(parameters, (error: Error | null, rows: R[]) =>
            error ? reject(error) : resolve(rows),
          ),
        );
        // `all` steps to the end, which ends the statement's read: only its values are left.
        if (parameters.length > 0) this.clearSoon(statement, parameters.length);
        return { rows };
      } catch (error) {
        // A statement that failed is not trusted again: the next use prepares it afresh.
        this.forget(sql);
        throw toSqliteError(error);
      }
    }
    try {
      const { changes, lastID } = await new Promise<{ changes: number; lastID: number }>(
        (resolve, reject) =>
          // `run` reports changes and lastID on `this`, hence a function, not an arrow.
          statement.run(parameters, function (this: sqlite3.RunResult, error: Error | null) {
            if (error) reject(error);
            else resolve({ changes: this.changes, lastID: this.lastID });
          }),
      );
      return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastID) };
    } catch (error) {
      this.forget(sql);
      throw toSqliteError(error);
    } finally {
      this.release(statement, parameters.length);
    }
  }

  /**
   * A kept statement would hold its last values (an answer, a code's hash) until its next run,
   * and a row-returning one run by mistake through `run` would keep its read lock. Binding
   * resets it and frees the values; with no values a reset is enough. Not awaited: the next use
   * of this statement queues behind it, and nothing else needs to wait.
   *
   * One NULL is bound, whatever the number of values: node-sqlite3 resets the statement and
   * calls `sqlite3_clear_bindings` (every value becomes NULL) before binding what it is given.
   * An array of one NULL per value cost as much again as the values themselves on a group
   * commit's multi-row inserts (hundreds of values each, converted on the main thread).
   */
  private release(statement: sqlite3.Statement, parameterCount: number): void {
    this.toClear.delete(statement);
    const ignore = () => {};
    if (parameterCount > 0) statement.bind(CLEARED, ignore);
    else statement.reset(ignore);
  }

  /**
   * The values of a row-returning statement are replaced by NULLs within CLEAR_VALUES_AFTER_MS,
   * once for all its runs in that time, instead of after each run: each clearing is a trip to
   * node-sqlite3's thread pool, and a busy page ran the same statements hundreds of times a
   * second (issue 17: about a seventh of a staff page's server CPU). The values are no longer
   * kept than the request that bound them keeps them in the JavaScript heap anyway.
   */
  private clearSoon(statement: sqlite3.Statement, parameterCount: number): void {
    this.toClear.set(statement, parameterCount);
    this.clearTimer ??= setTimeout(() => this.clearValues(), CLEAR_VALUES_AFTER_MS);
  }

  /** Replaces the values of every statement waiting for it by NULLs (see clearSoon). */
  clearValues(): void {
    if (this.clearTimer) clearTimeout(this.clearTimer);
    this.clearTimer = undefined;
    for (const [statement, parameterCount] of [...this.toClear]) {
      this.release(statement, parameterCount);
    }
  }

  /** Runs SQL that takes no parameters and returns no rows (begin, commit, …) in one trip. */
  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.db.exec(sql, (error) => (error ? reject(toSqliteError(error)) : resolve())),
    );
  }

  /** Finalises every kept statement; SQLite refuses to close a database that still has some. */
  async finalizeStatements(): Promise<void> {
    // Finalising frees the values too.
    if (this.clearTimer) clearTimeout(this.clearTimer);
    this.clearTimer = undefined;
    this.toClear.clear();
    this.statements.clear(); // finalises each (dispose)
    await Promise.all(this.finalizing);
  }

  /** Finalises a statement that is no longer kept; its values are freed with it. */
  private finalize(statement: sqlite3.Statement): void {
    this.toClear.delete(statement);
    const done = new Promise<void>((resolve) => statement.finalize(() => resolve()));
    this.finalizing.add(done);
    void done.then(() => this.finalizing.delete(done));
  }

  /** Runs a statement that is not kept, with errors as SqliteError. */
  private async runOnce<R>(
    statement: sqlite3.Statement,
    parameters: unknown[],
    rowsWanted: boolean,
  ): Promise<QueryResult<R>> {
    try {
      if (rowsWanted) {
        const rows = await new Promise<R[]>((resolve, reject) =>
          statement.all(parameters, (error: Error | null, rows: R[]) =>
            error ? reject(error) : resolve(rows),
          ),
        );
        return { rows };
      }
      const { changes, lastID } = await new Promise<{ changes: number; lastID: number }>(
        (resolve, reject) =>
          statement.run(parameters, function (this: sqlite3.RunResult, error: Error | null) {
            if (error) reject(error);
            else resolve({ changes: this.changes, lastID: this.lastID });
          }),
      );
      return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastID) };
    } catch (error) {
      throw toSqliteError(error);
    }
  }

  private async prepared(sql: string): Promise<sqlite3.Statement> {
    const kept = this.statements.get(sql); // now the most recently used
    if (kept) return kept;
    const statement = await new Promise<sqlite3.Statement>((resolve, reject) => {
      const prepared = this.db.prepare(sql, (error: Error | null) =>
        error ? reject(toSqliteError(error)) : resolve(prepared),
      );
    });
    if (sql.length <= LONGEST_KEPT_STATEMENT) this.statements.set(sql, statement);
    return statement;
  }

  private forget(sql: string): void {
    this.statements.delete(sql); // finalises it (dispose)
  }

  // node-sqlite3's `each` pushes rows with no way to pause it, so a "stream" would buffer them
  // anyway; fetching them whole and handing them out in chunks is simpler and equally bounded.
  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 100,
  ): AsyncIterableIterator<QueryResult<R>> {
    const { rows } = await this.executeQuery<R>(compiledQuery);
    for (let start = 0; start < rows.length; start += chunkSize) {
      yield { rows: rows.slice(start, start + chunkSize) };
    }
  }
}

// For raw SQL (sql`…`), where there is no query node to inspect.
const RETURNS_ROWS = /^\s*(select|with|pragma|values|explain)\b|\breturning\b/i;

function returnsRows(compiledQuery: CompiledQuery): boolean {
  const node = compiledQuery.query as { kind?: string; returning?: unknown } | undefined;
  switch (node?.kind) {
    case "SelectQueryNode":
      return true;
    case "InsertQueryNode":
    case "UpdateQueryNode":
    case "DeleteQueryNode":
      return node.returning !== undefined;
    default:
      return RETURNS_ROWS.test(compiledQuery.sql);
  }
}

/** node-sqlite3 cannot bind bigint and would bind a Date as a float of milliseconds. */
function toSqliteValue(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString(); // INTEGER affinity converts it back.
  if (value instanceof Date) return value.toISOString(); // The stores keep ISO-8601 text.
  return value;
}

/** A FIFO lock: each caller of lock() waits until the previous holder calls unlock(). */
class ConnectionMutex {
  private tail: Promise<void> = Promise.resolve();
  private releaseHolder: (() => void) | undefined;

  async lock(): Promise<void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.releaseHolder = release;
  }

  unlock(): void {
    const release = this.releaseHolder;
    this.releaseHolder = undefined;
    release?.();
  }
}
