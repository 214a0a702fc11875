import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { isUniqueConstraintError } from "./errors";
import { closeIdentityDb, getIdentityDb, migrateIdentityStore } from "./identity-store";
import { engineOf, forUpdate, withoutRowid } from "./open-store";
import { closeResponseDb, getResponseDb, migrateResponseStore } from "./response-store";
import { getConfig } from "../app/platform/config.server";
import { testEngine } from "../tests/unit/test-engine";

// Runs in both test projects: what feature code sees must not depend on the engine.
type Scratch = {
  scratch: { id: string; name: string; flag: number; at: string; n: number };
};

const db = () => getIdentityDb().withTables<Scratch>();

beforeAll(async () => {
  await migrateIdentityStore();
  await migrateResponseStore();
  // The migrations' own style: text ids and times, integer 0/1 flags, the schema builder.
  await db()
    .schema.createTable("scratch")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("flag", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .modifyEnd(withoutRowid(getIdentityDb()))
    .execute();
});

afterAll(async () => {
  await closeIdentityDb();
  await closeResponseDb();
});

describe(`the ${testEngine} engine behaves as feature code expects`, () => {
  it("runs on the engine the environment asks for", () => {
    expect(engineOf(getIdentityDb())).toBe(testEngine);
    expect(engineOf(getResponseDb())).toBe(testEngine);
  });

  it("returns counts, sums, flags and integers as numbers, times as the text stored", async () => {
    const at = "2026-03-01T10:00:00.000Z";
    await db()
      .insertInto("scratch")
      .values([
        { id: "a", name: "Ana", flag: 1, at, n: 2 },
        { id: "b", name: "Besa", flag: 0, at, n: 3 },
      ])
      .execute();
    const row = await db()
      .selectFrom("scratch")
      .select((eb) => [
        eb.fn.countAll<number>().as("count"),
        eb.fn.sum<number>("n").as("total"),
        eb.fn.max("flag").as("flag"),
        eb.fn.max("at").as("at"),
      ])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ count: 2, total: 5, flag: 1, at });
  });

  it("upserts, returns inserted rows and reports duplicates the same way", async () => {
    const inserted = await db()
      .insertInto("scratch")
      .values({ id: "c", name: "Çelë", flag: 0, at: "x", n: 1 })
      .returning(["id", "n"])
      .execute();
    expect(inserted).toEqual([{ id: "c", n: 1 }]);
    await db()
      .insertInto("scratch")
      .values({ id: "c", name: "Çelë", flag: 0, at: "x", n: 1 })
      .onConflict((oc) => oc.column("id").doUpdateSet({ n: sql`scratch.n + excluded.n` }))
      .execute();
    await db()
      .insertInto("scratch")
      .values({ id: "c", name: "ignored", flag: 0, at: "x", n: 9 })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    expect(
      await db().selectFrom("scratch").select(["name", "n"]).where("id", "=", "c").execute(),
    ).toEqual([{ name: "Çelë", n: 2 }]);
    const error = await db()
      .insertInto("scratch")
      .values({ id: "c", name: "again", flag: 0, at: "x", n: 1 })
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueConstraintError(error)).toBe(true);
  });

  it("matches case-insensitively through lower() and sorts names in the same (code point) order", async () => {
    await db()
      .insertInto("scratch")
      .values(
        ["zana", "Ëngjëll", "Arta", "arben", "Çlirim", "Dritë"].map((name, i) => ({
          id: `s${i}`,
          name,
          flag: 0,
          at: "x",
          n: 0,
        })),
      )
      .execute();
    const found = await db()
      .selectFrom("scratch")
      .select("name")
      .where(sql<boolean>`lower(name) like ${"ar%"}`)
      .orderBy("name")
      .execute();
    expect(found.map((r) => r.name)).toEqual(["Arta", "arben"]);
    const sorted = await db()
      .selectFrom("scratch")
      .select("name")
      .where("id", "like", "s%")
      .orderBy("name")
      .execute();
    expect(sorted.map((r) => r.name)).toEqual([
      "Arta",
      "Dritë",
      "arben",
      "zana",
      "Çlirim",
      "Ëngjëll",
    ]);
  });

  it("lets one transaction at a time read and write a row held with forUpdate", async () => {
    await db()
      .insertInto("scratch")
      .values({ id: "v", name: "v", flag: 0, at: "x", n: 0 })
      .execute();
    const bump = () =>
      db()
        .transaction()
        .execute(async (trx) => {
          const { n } = await forUpdate(
            trx,
            trx.selectFrom("scratch").select("n").where("id", "=", "v"),
          ).executeTakeFirstOrThrow();
          await new Promise((resolve) => setTimeout(resolve, 5));
          await trx
            .updateTable("scratch")
            .set({ n: n + 1 })
            .where("id", "=", "v")
            .execute();
        });
    await Promise.all(Array.from({ length: 8 }, bump));
    const { n } = await db()
      .selectFrom("scratch")
      .select("n")
      .where("id", "=", "v")
      .executeTakeFirstOrThrow();
    expect(n).toBe(8);
  });
});

describe.skipIf(testEngine !== "postgres")("two databases, two roles", () => {
  it("the identity role cannot reach the response database, nor the response role the identity one", async () => {
    const { identityDatabaseUrl, responseDatabaseUrl } = getConfig();
    const swap = (own: string, other: string) => {
      const url = new URL(own);
      url.pathname = new URL(other).pathname;
      return url.toString();
    };
    for (const url of [
      swap(identityDatabaseUrl!, responseDatabaseUrl!),
      swap(responseDatabaseUrl!, identityDatabaseUrl!),
    ]) {
      const client = new pg.Client({ connectionString: url });
      const error = (await client.connect().catch((e: unknown) => e)) as { code?: string };
      expect(error.code).toBe("42501"); // insufficient_privilege: permission denied for database
      await client.end().catch(() => {});
    }
  });

  it("the key database's role reaches neither store, and neither store's role reaches the keys (decision 047)", async () => {
    const { identityDatabaseUrl, responseDatabaseUrl, keysDatabaseUrl } = getConfig();
    expect(keysDatabaseUrl).toBeDefined();
    const swap = (own: string, other: string) => {
      const url = new URL(own);
      url.pathname = new URL(other).pathname;
      return url.toString();
    };
    for (const url of [
      swap(keysDatabaseUrl!, identityDatabaseUrl!),
      swap(keysDatabaseUrl!, responseDatabaseUrl!),
      swap(identityDatabaseUrl!, keysDatabaseUrl!),
      swap(responseDatabaseUrl!, keysDatabaseUrl!),
    ]) {
      const client = new pg.Client({ connectionString: url });
      const error = (await client.connect().catch((e: unknown) => e)) as { code?: string };
      expect(error.code).toBe("42501");
      await client.end().catch(() => {});
    }
  });

  it("each role can use its own database", async () => {
    const { rows } = await sql<{ who: string }>`select current_user as who`.execute(
      getResponseDb(),
    );
    expect(rows[0]?.who).toMatch(/^portal_responses_/);
  });
});
