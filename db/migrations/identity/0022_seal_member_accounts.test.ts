import type { Kysely, Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { identityStoreAt } from "./migration-test-helpers";

type Tables = { users: Record<string, string | null> };

let db: Kysely<Tables>;
let migrator: Migrator;

beforeAll(async () => {
  ({ db, migrator } = await identityStoreAt<Tables>("0021_seal_membership_reasons"));
});

afterAll(() => db.destroy());

describe("migration 0022: room for a member's account under its own key", () => {
  it("adds the lookup and the sealed columns and keeps accounts written before for the start to seal", async () => {
    const account = (id: string, email: string) => ({
      id,
      email,
      display_name: "Written Before",
      password_hash: null,
      status: "active",
      created_at: "2026-11-01T00:00:00.000Z",
      password_changed_at: null,
    });
    await db
      .insertInto("users")
      .values([account("u-1", "one@t.example"), account("u-2", "two@t.example")])
      .execute();
    const { results, error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    expect(results?.map((r) => r.migrationName)).toContain("0022_seal_member_accounts");
    const rows = await db.selectFrom("users").selectAll().orderBy("id").execute();
    expect(rows.map((row) => [row.email, row.email_lookup, row.email_encrypted])).toEqual([
      ["one@t.example", null, null],
      ["two@t.example", null, null],
    ]);
    // Staff accounts keep a null lookup side by side; a sealed account's lookup is unique.
    await db.updateTable("users").set({ email_lookup: "h" }).where("id", "=", "u-1").execute();
    await expect(
      db.updateTable("users").set({ email_lookup: "h" }).where("id", "=", "u-2").execute(),
    ).rejects.toThrow();
  });
});
