import type { Kysely, Migrator } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { identityStoreAt } from "./migration-test-helpers";

type Tables = {
  audit_events: {
    id: string;
    occurred_at: string;
    action: string;
    subject: string | null;
    details: string | null;
  };
};

let db: Kysely<Tables>;
let migrator: Migrator;

beforeAll(async () => {
  ({ db, migrator } = await identityStoreAt<Tables>("0019_remove_names_from_minutes"));
});

afterAll(() => db.destroy());

describe("migration 0020: the audit log keeps no Art. 5 reasons", () => {
  it("replaces a recorded reason by { withReason: true } in membership events, and leaves every other row alone", async () => {
    const at = "2026-11-20T10:00:00.000Z";
    const row = (id: string, action: string, details: Record<string, unknown> | null) => ({
      id,
      occurred_at: at,
      action,
      subject: "Bordi",
      details: details ? JSON.stringify(details) : null,
    });
    await db
      .insertInto("audit_events")
      .values([
        row("a", "board_member_activated", {
          membershipId: "m1",
          compositionReason: "Arta moved abroad-Xq",
        }),
        row("e", "board_member_ended", { membershipId: "m2", compositionReason: "Health-Xq" }),
        row("plain", "board_member_activated", { membershipId: "m3" }),
        row("other", "board_created", { note: "compositionReason" }),
        row("none", "board_member_ended", null),
      ])
      .execute();
    const result = await migrator.migrateTo("0020_find_stay_informed_and_drop_audit_reasons");
    expect(result.error).toBeUndefined();
    const after = Object.fromEntries(
      (await db.selectFrom("audit_events").select(["id", "details"]).execute()).map((r) => [
        r.id,
        r.details === null ? null : (JSON.parse(r.details) as unknown),
      ]),
    );
    expect(after).toEqual({
      a: { membershipId: "m1", withReason: true },
      e: { membershipId: "m2", withReason: true },
      plain: { membershipId: "m3" },
      other: { note: "compositionReason" },
      none: null,
    });
    expect(JSON.stringify(after)).not.toContain("-Xq");
  });
});
