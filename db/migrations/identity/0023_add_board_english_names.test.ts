import type { Kysely, Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { identityStoreAt } from "./migration-test-helpers";

type Tables = { boards: Record<string, string | number | null> };

let db: Kysely<Tables>;
let migrator: Migrator;

beforeAll(async () => {
  ({ db, migrator } = await identityStoreAt<Tables>("0022_seal_member_accounts"));
});

afterAll(() => db.destroy());

describe("migration 0023: a board's name in English", () => {
  it("adds the English name, empty for boards created before, and takes one after", async () => {
    await db
      .insertInto("boards")
      .values({ id: "b-1", name: "Bordi i vjetër", created_at: "2026-11-01T00:00:00.000Z" })
      .execute();
    const { results, error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    expect(results?.map((r) => r.migrationName)).toContain("0023_add_board_english_names");
    await db
      .insertInto("boards")
      .values({
        id: "b-2",
        name: "Bordi i ri",
        name_en: "The new board",
        created_at: "2026-12-01T00:00:00.000Z",
      })
      .execute();
    const rows = await db
      .selectFrom("boards")
      .select(["id", "name", "name_en"])
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { id: "b-1", name: "Bordi i vjetër", name_en: "" },
      { id: "b-2", name: "Bordi i ri", name_en: "The new board" },
    ]);
    await expect(
      db.updateTable("boards").set({ name_en: null }).where("id", "=", "b-1").execute(),
    ).rejects.toThrow();
  });
});
