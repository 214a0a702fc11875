import type { Kysely, Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { identityStoreAt } from "./migration-test-helpers";

type Tables = {
  board_memberships: Record<string, string | number | null>;
};

let db: Kysely<Tables>;
let migrator: Migrator;

beforeAll(async () => {
  ({ db, migrator } = await identityStoreAt<Tables>(
    "0020_find_stay_informed_and_drop_audit_reasons",
  ));
});

afterAll(() => db.destroy());

describe("migration 0021: room for the Art. 5 reasons under the member's key", () => {
  it("adds the two sealed columns and keeps the text written before for the start to seal", async () => {
    const { results, error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    expect(results?.map((r) => r.migrationName)).toContain("0021_seal_membership_reasons");
    const columns = (await db.introspection.getTables())
      .find((table) => table.name === "board_memberships")!
      .columns.map((column) => column.name);
    expect(columns).toEqual(
      expect.arrayContaining([
        "activation_reason",
        "end_composition_reason",
        "activation_reason_encrypted",
        "end_composition_reason_encrypted",
      ]),
    );
  });
});
