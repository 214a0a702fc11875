import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { albanianOrder } from "./collation";
import { closeIdentityDb, getIdentityDb, migrateIdentityStore } from "./identity-store";
import { listOrganisationsFor } from "../app/assessment/organisations.server";
import { testEngine } from "../tests/unit/test-engine";

/** Names in Albanian alphabetical order (a b c ç d dh e ë … l ll … s sh … z zh). */
const ALBANIAN_ORDER = [
  "Agim",
  "ardit",
  "Cani",
  "Çela",
  "çupi",
  "Dritan",
  "Dhurata",
  "Elona",
  "Ëndrra",
  "Gëzim",
  "Gjergj",
  "Lulzim",
  "Llazar",
  "Shpresa",
  "Zana",
  "Zhaneta",
];

beforeAll(async () => {
  await migrateIdentityStore();
  const db = getIdentityDb();
  // Inserted in an order unrelated to the expected one.
  const shuffled = [...ALBANIAN_ORDER].sort((a, b) => a.length - b.length || (a < b ? 1 : -1));
  await db
    .insertInto("organisations")
    .values(
      shuffled.map((name, index) => ({
        id: `org-collation-${index}`,
        name,
        type: "ngo",
        created_at: "2026-11-29T00:00:00Z",
      })),
    )
    .execute();
});

afterAll(closeIdentityDb);

describe(`Albanian alphabetical order (${testEngine})`, () => {
  it("puts ç after c, ë after e, and each digraph after its first letter, ignoring case", async () => {
    const db = getIdentityDb();
    const rows = await db
      .selectFrom("organisations")
      .select("name")
      .where("id", "like", "org-collation-%")
      .orderBy(albanianOrder(db, "organisations.name"))
      .orderBy("id")
      .execute();
    expect(rows.map((row) => row.name)).toEqual(ALBANIAN_ORDER);
  });

  it("is the order of the organisations list an admin sees", async () => {
    const admin = {
      id: "admin",
      email: "admin@example.org",
      displayName: "Admin",
      status: "active" as const,
      roles: ["admin" as const],
    };
    const names = (await listOrganisationsFor(admin)).map((organisation) => organisation.name);
    expect(names.filter((name) => ALBANIAN_ORDER.includes(name))).toEqual(ALBANIAN_ORDER);
  });

  it("differs from the engine's own order (the check can fail)", async () => {
    const db = getIdentityDb();
    const rows = await db
      .selectFrom("organisations")
      .select("name")
      .where("id", "like", "org-collation-%")
      .orderBy("name")
      .execute();
    expect(rows.map((row) => row.name)).not.toEqual(ALBANIAN_ORDER);
  });
});
