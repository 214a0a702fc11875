import { describe, expect, it } from "vitest";

import { getIdentityDb, migrateIdentityStore } from "./identity-store";
import { inTransaction } from "./transaction";

const db = () => getIdentityDb();
const countOf = async (prefix: string) =>
  (
    await db()
      .selectFrom("organisations")
      .select("id")
      .where("name", "like", `${prefix}%`)
      .execute()
  ).length;
const organisation = (name: string) => ({
  id: crypto.randomUUID(),
  name,
  type: "ngo",
  created_at: new Date().toISOString(),
});

describe("one transaction for a write and its audit row", () => {
  it("rolls back every write, those of a nested call included, when anything in it fails", async () => {
    await migrateIdentityStore();
    const name = `tx-${crypto.randomUUID()}`;
    await expect(
      inTransaction(db(), async (trx) => {
        await trx
          .insertInto("organisations")
          .values(organisation(`${name}-a`))
          .execute();
        // A data-module function with a transaction of its own, called inside: it joins this one.
        await inTransaction(trx, (inner) =>
          inner
            .insertInto("organisations")
            .values(organisation(`${name}-b`))
            .execute(),
        );
        throw new Error("the audit row could not be written");
      }),
    ).rejects.toThrow("the audit row could not be written");
    expect(await countOf(name)).toBe(0);
    await inTransaction(db(), (trx) =>
      inTransaction(trx, (inner) =>
        inner
          .insertInto("organisations")
          .values(organisation(`${name}-c`))
          .execute(),
      ),
    );
    expect(await countOf(name)).toBe(1);
  });
});
