import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { CompiledQuery, Kysely, Migrator, sql, type Generated, type Migration } from "kysely";
import sqlite3 from "sqlite3";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import {
  CLEAR_VALUES_AFTER_MS,
  LONGEST_KEPT_STATEMENT,
  STATEMENT_CACHE_SQL_CHARACTERS,
  SqliteError,
  Sqlite3Dialect,
  isUniqueConstraintError,
  openSqliteDatabase,
} from "./sqlite3-dialect";

type TestDatabase = {
  person: { id: Generated<number>; email: string; name: string };
  pet: { id: Generated<number>; owner_id: number; name: string };
};

let tempDir: string;
const openDatabases: Kysely<unknown>[] = [];

beforeEach(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "sqlite3-dialect-"));
});

afterEach(async () => {
  await Promise.all(openDatabases.splice(0).map((db) => db.destroy()));
  fs.rmSync(tempDir, { recursive: true, force: true });
});

function track<T>(db: Kysely<T>): Kysely<T> {
  openDatabases.push(db as Kysely<unknown>);
  return db;
}

async function openTestDatabase(
  filename = path.join(tempDir, "test.db"),
  options: Parameters<typeof openSqliteDatabase>[1] = {},
) {
  const raw = await openSqliteDatabase(filename, options);
  const db = track(new Kysely<TestDatabase>({ dialect: new Sqlite3Dialect({ database: raw }) }));
  await db.schema
    .createTable("person")
    .addColumn("id", "integer", (col) => col.primaryKey().autoIncrement())
    .addColumn("email", "text", (col) => col.notNull().unique())
    .addColumn("name", "text", (col) => col.notNull())
    .execute();
  await db.schema
    .createTable("pet")
    .addColumn("id", "integer", (col) => col.primaryKey().autoIncrement())
    .addColumn("owner_id", "integer", (col) => col.notNull().references("person.id"))
    .addColumn("name", "text", (col) => col.notNull())
    .execute();
  return { db, raw };
}

async function countPeople(db: Kysely<TestDatabase>): Promise<number> {
  const { count } = await db
    .selectFrom("person")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(count);
}

function rawAll(raw: sqlite3.Database, query: string): Promise<unknown[]> {
  return new Promise((resolve, reject) =>
    raw.all(query, (error: Error | null, rows: unknown[]) =>
      error ? reject(error) : resolve(rows),
    ),
  );
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("Expected the promise to reject");
}

describe("Sqlite3Dialect queries", () => {
  it("round-trips insert, select, update and delete", async () => {
    const { db } = await openTestDatabase();

    const first = await db
      .insertInto("person")
      .values({ email: "ada@example.org", name: "Ada" })
      .executeTakeFirstOrThrow();
    expect(first.insertId).toBe(1n);
    expect(first.numInsertedOrUpdatedRows).toBe(1n);
    const second = await db
      .insertInto("person")
      .values({ email: "grace@example.org", name: "Grace" })
      .executeTakeFirstOrThrow();
    expect(second.insertId).toBe(2n);

    const people = await db.selectFrom("person").selectAll().orderBy("id").execute();
    expect(people).toEqual([
      { id: 1, email: "ada@example.org", name: "Ada" },
      { id: 2, email: "grace@example.org", name: "Grace" },
    ]);

    const updated = await db
      .updateTable("person")
      .set({ name: "Someone" })
      .where("id", ">=", 1)
      .executeTakeFirstOrThrow();
    expect(updated.numUpdatedRows).toBe(2n);

    const deleted = await db.deleteFrom("person").where("id", "=", 1).executeTakeFirstOrThrow();
    expect(deleted.numDeletedRows).toBe(1n);
    const none = await db.deleteFrom("person").where("id", "=", 99).executeTakeFirstOrThrow();
    expect(none.numDeletedRows).toBe(0n);

    expect(await db.selectFrom("person").select(["id", "name"]).execute()).toEqual([
      { id: 2, name: "Someone" },
    ]);
  });

  it("returns rows from insert, update and delete with returning", async () => {
    const { db } = await openTestDatabase();

    const inserted = await db
      .insertInto("person")
      .values([
        { email: "a@example.org", name: "A" },
        { email: "b@example.org", name: "B" },
      ])
      .returning(["id", "email"])
      .execute();
    expect(inserted).toEqual([
      { id: 1, email: "a@example.org" },
      { id: 2, email: "b@example.org" },
    ]);

    const updated = await db
      .updateTable("person")
      .set({ name: "Z" })
      .where("id", "=", 2)
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(updated).toEqual({ id: 2, email: "b@example.org", name: "Z" });

    const deleted = await db.deleteFrom("person").returning("email").execute();
    expect(deleted.map((row) => row.email).sort()).toEqual(["a@example.org", "b@example.org"]);
  });

  it("runs raw SQL, returning rows for selects and counts for writes", async () => {
    const { db } = await openTestDatabase();

    const write =
      await sql`insert into person (email, name) values (${"r@example.org"}, ${"R"})`.execute(db);
    expect(write.numAffectedRows).toBe(1n);
    expect(write.insertId).toBe(1n);

    const read = await sql<{ name: string }>`select name from person`.execute(db);
    expect(read.rows).toEqual([{ name: "R" }]);

    const returning = await sql<{
      id: number;
    }>`insert into person (email, name) values ('s@example.org', 'S') returning id`.execute(db);
    expect(returning.rows).toEqual([{ id: 2 }]);
  });

  it("streams every row", async () => {
    const { db } = await openTestDatabase();
    const names = Array.from({ length: 250 }, (_, index) => `person ${index}`);
    await db
      .insertInto("person")
      .values(names.map((name, index) => ({ email: `${index}@example.org`, name })))
      .execute();

    const streamed: string[] = [];
    for await (const row of db.selectFrom("person").select("name").orderBy("id").stream(100)) {
      streamed.push(row.name);
    }
    expect(streamed).toEqual(names);
  });
});

describe("openSqliteDatabase", () => {
  it("turns on WAL, foreign keys and a busy timeout", async () => {
    const { db } = await openTestDatabase();

    const pragma = async (name: string) => {
      const { rows } = await sql<Record<string, unknown>>`${sql.raw(`pragma ${name}`)}`.execute(db);
      return Object.values(rows[0] ?? {})[0];
    };
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("foreign_keys")).toBe(1);
    expect(await pragma("busy_timeout")).toBe(5000);
    expect(await pragma("synchronous")).toBe(2); // FULL
  });

  it("opens :memory: without WAL", async () => {
    const raw = await openSqliteDatabase(":memory:");
    const db = track(new Kysely<unknown>({ dialect: new Sqlite3Dialect({ database: raw }) }));
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(rows).toEqual([{ journal_mode: "memory" }]);
    const { rows: keys } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    expect(keys).toEqual([{ foreign_keys: 1 }]);
  });
});

describe("Sqlite3Dialect transactions", () => {
  it("commits", async () => {
    const { db } = await openTestDatabase();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("person").values({ email: "c@example.org", name: "C" }).execute();
    });
    expect(await countPeople(db)).toBe(1);
  });

  it("rolls back when the callback throws", async () => {
    const { db } = await openTestDatabase();
    const error = await rejection(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("person").values({ email: "c@example.org", name: "C" }).execute();
        throw new Error("changed my mind");
      }),
    );
    expect((error as Error).message).toBe("changed my mind");
    expect(await countPeople(db)).toBe(0);
  });

  it("rolls back on a unique constraint error, which isUniqueConstraintError recognises", async () => {
    const { db } = await openTestDatabase();
    await db.insertInto("person").values({ email: "dup@example.org", name: "First" }).execute();

    const error = await rejection(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("person").values({ email: "new@example.org", name: "New" }).execute();
        await trx.insertInto("person").values({ email: "dup@example.org", name: "Dup" }).execute();
      }),
    );

    expect(error).toBeInstanceOf(SqliteError);
    expect((error as SqliteError).code).toBe("SQLITE_CONSTRAINT");
    expect((error as SqliteError).cause).toBeInstanceOf(Error);
    expect(isUniqueConstraintError(error)).toBe(true);
    expect(await db.selectFrom("person").select("email").execute()).toEqual([
      { email: "dup@example.org" },
    ]);
  });

  it("raises SQLITE_CONSTRAINT for a foreign-key violation", async () => {
    const { db } = await openTestDatabase();
    const error = await rejection(
      db.insertInto("pet").values({ owner_id: 42, name: "Orphan" }).execute(),
    );
    expect(error).toBeInstanceOf(SqliteError);
    expect((error as SqliteError).code).toBe("SQLITE_CONSTRAINT");
    expect((error as SqliteError).message).toMatch(/FOREIGN KEY constraint failed/);
    expect(isUniqueConstraintError(error)).toBe(false);
  });

  it("rolls back to a savepoint", async () => {
    const { db } = await openTestDatabase();
    const trx = await db.startTransaction().execute();
    await trx.insertInto("person").values({ email: "kept@example.org", name: "Kept" }).execute();
    const inner = await trx.savepoint("before_second").execute();
    await inner.insertInto("person").values({ email: "gone@example.org", name: "Gone" }).execute();
    await inner.rollbackToSavepoint("before_second").execute();
    await trx.commit().execute();

    expect(await db.selectFrom("person").select("email").execute()).toEqual([
      { email: "kept@example.org" },
    ]);
  });
});

describe("isUniqueConstraintError", () => {
  it("recognises SQLite and PostgreSQL duplicates only", () => {
    expect(
      isUniqueConstraintError(
        new SqliteError("SQLITE_CONSTRAINT: UNIQUE constraint failed: t.a", "SQLITE_CONSTRAINT"),
      ),
    ).toBe(true);
    expect(isUniqueConstraintError({ code: "23505", message: "duplicate key value" })).toBe(true);
    expect(
      isUniqueConstraintError(
        new SqliteError("SQLITE_CONSTRAINT: NOT NULL constraint failed: t.a", "SQLITE_CONSTRAINT"),
      ),
    ).toBe(false);
    expect(isUniqueConstraintError({ code: "23503" })).toBe(false);
    expect(isUniqueConstraintError(new Error("UNIQUE constraint failed"))).toBe(false);
    expect(isUniqueConstraintError(null)).toBe(false);
    expect(isUniqueConstraintError("UNIQUE constraint failed")).toBe(false);
  });
});

describe("Sqlite3Dialect concurrency", () => {
  it("serialises 50 concurrent transactions on the one connection", async () => {
    const { db } = await openTestDatabase();

    const counts = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto("person")
            .values({ email: `${index}@example.org`, name: `P${index}` })
            .execute();
          // Yield to the event loop so, without the mutex, the other transactions would interleave.
          await new Promise((resolve) => setTimeout(resolve, 0));
          return countPeople(trx);
        }),
      ),
    );

    expect(await countPeople(db)).toBe(50);
    // Each transaction saw exactly the rows committed before it plus its own.
    expect([...counts].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, index) => index + 1),
    );
  });

  it("makes a plain query wait for an open transaction instead of joining it", async () => {
    const { db } = await openTestDatabase();

    let outsideInsert: Promise<unknown> | undefined;
    let outsideDone = false;
    const error = await rejection(
      db.transaction().execute(async (trx) => {
        await trx.insertInto("person").values({ email: "in@example.org", name: "In" }).execute();
        outsideInsert = db
          .insertInto("person")
          .values({ email: "out@example.org", name: "Out" })
          .execute()
          .then(() => (outsideDone = true));
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(outsideDone).toBe(false);
        throw new Error("roll back");
      }),
    );

    expect((error as Error).message).toBe("roll back");
    await outsideInsert;
    expect(outsideDone).toBe(true);
    expect(await db.selectFrom("person").select("email").execute()).toEqual([
      { email: "out@example.org" },
    ]);
  });
});

describe("Sqlite3Dialect with two connections to one file", () => {
  // The server's and a command's run beside it (user:create, db:migrate; decision 062).
  for (const journalMode of ["DELETE", "WAL"] as const) {
    it(`lets two read-then-write transactions both commit (${journalMode} journal)`, async () => {
      const filename = path.join(tempDir, "shared.db");
      const { db: first } = await openTestDatabase(filename, { journalMode });
      const secondRaw = await openSqliteDatabase(filename, { journalMode });
      const second = track(
        new Kysely<TestDatabase>({ dialect: new Sqlite3Dialect({ database: secondRaw }) }),
      );

      // Each reads, lets the other start, then writes what it read. With a deferred BEGIN
      // both would hold a read lock and one upgrade would fail with SQLITE_BUSY (a deadlock
      // SQLite refuses to wait out); with BEGIN IMMEDIATE the second waits for the first.
      const readThenWrite = (db: Kysely<TestDatabase>, name: string) =>
        db.transaction().execute(async (trx) => {
          const before = await countPeople(trx);
          await new Promise((resolve) => setTimeout(resolve, 30));
          await trx
            .insertInto("person")
            .values({ email: `${name}@example.org`, name: `${name} after ${before}` })
            .execute();
        });
      await Promise.all([readThenWrite(first, "first"), readThenWrite(second, "second")]);

      const names = (await first.selectFrom("person").select("name").execute()).map(
        (row) => row.name,
      );
      // Serialised: whichever went second saw the other's row.
      expect(names.sort()).toSatisfy(
        (sorted: string[]) =>
          sorted.join() === "first after 0,second after 1" ||
          sorted.join() === "first after 1,second after 0",
      );
    });
  }
});

describe("Sqlite3Dialect with Migrator", () => {
  it("runs migrations and records them", async () => {
    const raw = await openSqliteDatabase(":memory:");
    const db = track(new Kysely<unknown>({ dialect: new Sqlite3Dialect({ database: raw }) }));
    const migrations: Record<string, Migration> = {
      "0001_create_note": {
        up: async (migrationDb) => {
          await migrationDb.schema
            .createTable("note")
            .addColumn("id", "integer", (col) => col.primaryKey())
            .addColumn("body", "text", (col) => col.notNull())
            .execute();
        },
      },
      "0002_add_note_title": {
        up: async (migrationDb) => {
          await migrationDb.schema.alterTable("note").addColumn("title", "text").execute();
        },
      },
    };
    const migrator = new Migrator({
      db,
      provider: { getMigrations: () => Promise.resolve(migrations) },
    });

    const { error, results } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    expect(results?.map((result) => [result.migrationName, result.status])).toEqual([
      ["0001_create_note", "Success"],
      ["0002_add_note_title", "Success"],
    ]);

    const recorded = await sql<{
      name: string;
    }>`select name from kysely_migration order by name`.execute(db);
    expect(recorded.rows).toEqual([{ name: "0001_create_note" }, { name: "0002_add_note_title" }]);
    const tables = await db.introspection.getTables();
    expect(tables.find((table) => table.name === "note")?.columns.map((c) => c.name)).toEqual([
      "id",
      "body",
      "title",
    ]);

    const again = await migrator.migrateToLatest();
    expect(again.results).toEqual([]);
  });
});

describe("Sqlite3Dialect lifecycle", () => {
  it("opens the database lazily through a factory and runs onCreateConnection", async () => {
    const filename = path.join(tempDir, "lazy.db");
    let created = 0;
    const db = track(
      new Kysely<unknown>({
        dialect: new Sqlite3Dialect({
          database: () => openSqliteDatabase(filename),
          onCreateConnection: async (connection) => {
            created += 1;
            await connection.executeQuery(CompiledQuery.raw("create table hello (x integer)"));
          },
        }),
      }),
    );
    expect(fs.existsSync(filename)).toBe(false);

    await sql`insert into hello (x) values (1)`.execute(db);
    await sql`insert into hello (x) values (2)`.execute(db);
    expect(created).toBe(1);
    expect(fs.existsSync(filename)).toBe(true);
  });

  it("destroy() closes the database, after which queries reject", async () => {
    const { db, raw } = await openTestDatabase();
    await db.insertInto("person").values({ email: "x@example.org", name: "X" }).execute();

    await db.destroy();

    await expect(db.selectFrom("person").selectAll().execute()).rejects.toThrow();
    const error = await rejection(rawAll(raw, "select 1"));
    expect((error as { code?: string }).code).toBe("SQLITE_MISUSE");
  });

  it("destroy() waits for a transaction in flight to commit", async () => {
    const filename = path.join(tempDir, "shutdown.db");
    const { db } = await openTestDatabase(filename);

    let releaseTransaction!: () => void;
    const transactionStarted = new Promise<void>((started) => {
      void db.transaction().execute(async (trx) => {
        await trx.insertInto("person").values({ email: "late@example.org", name: "L" }).execute();
        started();
        await new Promise<void>((resolve) => (releaseTransaction = resolve));
      });
    });
    await transactionStarted;
    const destroyed = db.destroy();
    releaseTransaction();
    await destroyed;

    const reopened = await openSqliteDatabase(filename);
    const check = track(
      new Kysely<TestDatabase>({ dialect: new Sqlite3Dialect({ database: reopened }) }),
    );
    expect(await countPeople(check)).toBe(1);
  });
});

describe("Sqlite3Dialect prepared statements", () => {
  it("uses a statement again after it failed", async () => {
    const { db } = await openTestDatabase();
    const insert = (email: string) =>
      db.insertInto("person").values({ email, name: "P" }).execute();
    await insert("a@example.org");
    expect(isUniqueConstraintError(await rejection(insert("a@example.org")))).toBe(true);
    await insert("b@example.org");
    expect(await countPeople(db)).toBe(2);
  });

  it("sees a column added after the statement was first prepared", async () => {
    const { db } = await openTestDatabase();
    await db.insertInto("person").values({ email: "a@example.org", name: "A" }).execute();
    const everything = () => sql<Record<string, unknown>>`select * from person`.execute(db);
    expect(Object.keys((await everything()).rows[0]!)).toEqual(["id", "email", "name"]);
    await sql`alter table person add column city text`.execute(db);
    expect(Object.keys((await everything()).rows[0]!)).toEqual(["id", "email", "name", "city"]);
  });

  it("leaves no lock behind after a read, so another connection can write", async () => {
    const filename = path.join(tempDir, "locks.db");
    const { db } = await openTestDatabase(filename);
    await db.insertInto("person").values({ email: "a@example.org", name: "A" }).execute();
    expect(await countPeople(db)).toBe(1);
    await db.selectFrom("person").selectAll().execute();

    const other = await openSqliteDatabase(filename);
    await new Promise<void>((resolve, reject) =>
      other.exec(
        "pragma busy_timeout = 0; insert into person (email, name) values ('b@example.org', 'B')",
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    await new Promise<void>((resolve) => other.close(() => resolve()));
    expect(await countPeople(db)).toBe(2);
  });

  it("releases the lock of a row-returning statement it could not recognise as one", async () => {
    // Rollback-journal mode, as the response store uses: there a reader blocks writers.
    const filename = path.join(tempDir, "hidden-select.db");
    const raw = await openSqliteDatabase(filename, { journalMode: "DELETE" });
    const db = track(new Kysely<TestDatabase>({ dialect: new Sqlite3Dialect({ database: raw }) }));
    await sql`create table person (id integer primary key, email text, name text)`.execute(db);
    await db.insertInto("person").values({ email: "a@example.org", name: "A" }).execute();
    await db.insertInto("person").values({ email: "b@example.org", name: "B" }).execute();
    // A leading comment hides the select from the dialect, so it runs through `run`, which
    // stops at the first row.
    await sql`/* note */ select * from person`.execute(db);

    const other = await openSqliteDatabase(filename);
    await expect
      .poll(
        () =>
          new Promise<boolean>((resolve) =>
            other.exec(
              "pragma busy_timeout = 0; insert into person (email, name) values ('c@example.org', 'C')",
              (error) => resolve(!error),
            ),
          ),
        { timeout: 2_000 },
      )
      .toBe(true);
    await new Promise<void>((resolve) => other.close(() => resolve()));
  });

  it("ends a read at once though its values are cleared later, so a writer is not blocked", async () => {
    // Rollback-journal mode, as the response store uses: there a reader blocks writers.
    const filename = path.join(tempDir, "read-ends.db");
    const raw = await openSqliteDatabase(filename, { journalMode: "DELETE" });
    const db = track(new Kysely<TestDatabase>({ dialect: new Sqlite3Dialect({ database: raw }) }));
    await sql`create table person (id integer primary key, email text, name text)`.execute(db);
    await db.insertInto("person").values({ email: "a@example.org", name: "A" }).execute();
    await db.insertInto("person").values({ email: "b@example.org", name: "B" }).execute();
    const rows = await db.selectFrom("person").selectAll().where("id", ">", 0).execute();
    expect(rows).toHaveLength(2);

    // At once, before the values are cleared (and the statement reset): no lock is left.
    const other = await openSqliteDatabase(filename);
    const wrote = await new Promise<boolean>((resolve) =>
      other.exec(
        "pragma busy_timeout = 0; insert into person (email, name) values ('c@example.org', 'C')",
        (error) => resolve(!error),
      ),
    );
    await new Promise<void>((resolve) => other.close(() => resolve()));
    expect(wrote).toBe(true);
  });

  it("replaces a read's values by NULLs within CLEAR_VALUES_AFTER_MS, once for many runs", async () => {
    const { db } = await openTestDatabase();
    await db.insertInto("person").values({ email: "a@example.org", name: "A" }).execute();
    const spy = vi.spyOn(sqlite3.Statement.prototype, "bind");
    // node-sqlite3's prepare calls bind(callback) itself: only bindings of values count.
    const bound = () => spy.mock.calls.map((call) => call[0]).filter(Array.isArray);
    // Only the clock is faked: SQLite's callbacks still come from the thread pool.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      for (const email of ["a@example.org", "b@example.org", "a@example.org"]) {
        await db.selectFrom("person").select("name").where("email", "=", email).execute();
      }
      expect(bound()).toEqual([]);
      vi.advanceTimersByTime(CLEAR_VALUES_AFTER_MS - 1);
      expect(bound()).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(bound()).toEqual([[null]]);
      // Still correct afterwards.
      const row = await db
        .selectFrom("person")
        .select("name")
        .where("email", "=", "a@example.org")
        .executeTakeFirst();
      expect(row?.name).toBe("A");
    } finally {
      vi.useRealTimers();
      spy.mockRestore();
    }
  });

  it("clears a write's values with one NULL, however many it had, and runs it again", async () => {
    const { db } = await openTestDatabase();
    const spy = vi.spyOn(sqlite3.Statement.prototype, "bind");
    const bound = () => spy.mock.calls.map((call) => call[0]).filter(Array.isArray);
    try {
      const people = (from: number) =>
        Array.from({ length: 20 }, (_, i) => ({ email: `p${from + i}@example.org`, name: "P" }));
      // 40 values each time: one NULL clears them all.
      await db.insertInto("person").values(people(0)).execute();
      await db.insertInto("person").values(people(20)).execute();
      expect(bound()).toEqual([[null], [null]]);
      expect(await countPeople(db)).toBe(40);
    } finally {
      spy.mockRestore();
    }
  });

  it("relies on node-sqlite3 clearing every value when one NULL is bound", async () => {
    // What release() counts on: binding resets the statement and clears all its bindings
    // first, so a run without values afterwards stores NULL in every column.
    const raw = await openSqliteDatabase(path.join(tempDir, "clear.db"));
    const run = (statement: sqlite3.Statement, values: unknown[]) =>
      new Promise<void>((resolve, reject) =>
        statement.run(values, (error: Error | null) => (error ? reject(error) : resolve())),
      );
    try {
      await new Promise<void>((resolve, reject) =>
        raw.exec("create table t (a, b, c)", (error) => (error ? reject(error) : resolve())),
      );
      const statement = raw.prepare("insert into t (a, b, c) values (?, ?, ?)");
      await run(statement, ["x", "y", "z"]);
      await new Promise<void>((resolve) => statement.bind([null], () => resolve()));
      await run(statement, []);
      await new Promise<void>((resolve) => statement.finalize(() => resolve()));
      expect(await rawAll(raw, "select a, b, c from t order by rowid")).toEqual([
        { a: "x", b: "y", c: "z" },
        { a: null, b: null, c: null },
      ]);
    } finally {
      await new Promise<void>((resolve) => raw.close(() => resolve()));
    }
  });

  const originalPrepare = sqlite3.Database.prototype.prepare;
  const originalFinalize = sqlite3.Statement.prototype.finalize;

  /** The SQL of every statement prepared and not yet finalised, while watched. */
  function watchStatements() {
    const live = new Map<sqlite3.Statement, string>();
    const prepare = vi.spyOn(sqlite3.Database.prototype, "prepare").mockImplementation(function (
      this: sqlite3.Database,
      ...args: unknown[]
    ) {
      const statement = originalPrepare.apply(this, args as Parameters<typeof originalPrepare>);
      live.set(statement, String(args[0]));
      return statement;
    });
    const finalize = vi.spyOn(sqlite3.Statement.prototype, "finalize").mockImplementation(function (
      this: sqlite3.Statement,
      ...args: unknown[]
    ) {
      live.delete(this);
      return originalFinalize.apply(this, args as Parameters<typeof originalFinalize>);
    });
    return {
      keptCharacters: () => [...live.values()].reduce((sum, text) => sum + text.length, 0),
      longest: () => Math.max(0, ...[...live.values()].map((text) => text.length)),
      restore() {
        prepare.mockRestore();
        finalize.mockRestore();
      },
    };
  }

  const peopleFrom = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({ email: `p${from + i}@example.org`, name: "P" }));

  it("keeps no more prepared SQL than its budget, however many long inserts ran (issue 17 soak)", async () => {
    const { db } = await openTestDatabase();
    const watch = watchStatements();
    try {
      // Multi-row inserts of many row counts, as group commits make: 50 distinct statements of
      // 1.6-2.4 kB of SQL, about 100 kB in all (fewer than the 100 statements kept at most).
      let from = 0;
      let prepared = 0;
      for (let rows = 200; rows < 300; rows += 2) {
        const query = db.insertInto("person").values(peopleFrom(from, rows));
        prepared += query.compile().sql.length;
        await query.execute();
        from += rows;
      }
      expect(prepared).toBeGreaterThan(1.4 * STATEMENT_CACHE_SQL_CHARACTERS);
      expect(watch.keptCharacters()).toBeGreaterThan(STATEMENT_CACHE_SQL_CHARACTERS / 2);
      expect(watch.keptCharacters()).toBeLessThanOrEqual(STATEMENT_CACHE_SQL_CHARACTERS);
      expect(await countPeople(db)).toBe(from);
    } finally {
      watch.restore();
    }
  });

  it("runs a statement too long to keep, then finalises it", async () => {
    const { db } = await openTestDatabase();
    const watch = watchStatements();
    try {
      // 8 characters of SQL a row: about 20 kB.
      const rows = Math.ceil(LONGEST_KEPT_STATEMENT / 6.5);
      const query = db.insertInto("person").values(peopleFrom(0, rows)).returning("id");
      expect(query.compile().sql.length).toBeGreaterThan(LONGEST_KEPT_STATEMENT);
      expect(await query.execute()).toHaveLength(rows);
      expect(watch.longest()).toBeLessThanOrEqual(LONGEST_KEPT_STATEMENT);
      expect(await countPeople(db)).toBe(rows);
    } finally {
      watch.restore();
    }
  });

  it("keeps working with more distinct statements than it keeps, and still closes", async () => {
    const filename = path.join(tempDir, "many.db");
    const { db, raw } = await openTestDatabase(filename);
    for (let i = 0; i < 150; i += 1) {
      const row = await db
        .selectFrom("person")
        .select(sql.lit(i).as("n"))
        .unionAll(db.selectNoFrom(sql.lit(i).as("n")))
        .executeTakeFirstOrThrow();
      expect(Number(row.n)).toBe(i);
    }
    await db.destroy();
    expect(((await rejection(rawAll(raw, "select 1"))) as { code?: string }).code).toBe(
      "SQLITE_MISUSE",
    );
  });
});
