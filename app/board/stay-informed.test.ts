import { beforeAll, describe, expect, it } from "vitest";

import { eraseExpiredApplications, exportApplicant, recordDecision } from "./applications.server";
import { createBoard } from "./boards.server";
import { insertCall, type BoardCall } from "./calls.server";
import {
  makeSecretariat,
  restoredAfter,
  storeTestApplication,
  testApplication,
} from "./membership-test-helpers";
import { getPersonKey } from "./person-keys.server";
import {
  eraseStayInformedAudited,
  findStayInformed,
  findStayInformedAudited,
  moveStayInformedToOwnKeys,
  stayInformedKeyId,
} from "./stay-informed.server";
import { getIdentityDb, migrateIdentityStore } from "../../db/identity-store";
import { testEngine } from "../../tests/unit/test-engine";
import { getConfig } from "../platform/config.server";
import { decryptField, encryptField } from "../platform/field-encryption.server";

const db = () => getIdentityDb();
let call: BoardCall;
let boardId: string;
let admin: { id: string; email: string };

beforeAll(async () => {
  await migrateIdentityStore();
  const user = await makeSecretariat(db());
  admin = { id: user.id, email: user.email };
  const board = await createBoard(
    { name: "News board", areas: ["legal_policy"], areasOther: "", residenceRule: "citizen" },
    null,
  );
  boardId = board.id;
  call = await insertCall(
    { boardId, opensOn: "2026-01-01", closesOn: "2026-12-31", blindMode: true },
    null,
  );
});

/** An application not selected, erased by retention, its applicant asking to stay informed. */
async function keptAfterRetention(email: string): Promise<void> {
  const id = await storeTestApplication(call, testApplication({ email, stayInformed: true }), db());
  await recordDecision(id, "not_selected", new Date("2026-01-02T00:00:00Z"));
  await eraseExpiredApplications(new Date("2026-11-30T00:00:00Z"), 6);
}

async function auditRows(subject: string) {
  return db()
    .selectFrom("audit_events")
    .select(["action", "details"])
    .where("subject", "=", subject)
    .execute();
}

describe("the email kept to stay informed", () => {
  it("is found by the address as typed in any case, and no other address comes with it", async () => {
    await keptAfterRetention("News.Reader@example.org");
    await keptAfterRetention("someone.else@example.org");
    const found = await findStayInformed("  news.reader@EXAMPLE.org ");
    expect(found).toMatchObject([
      { email: "News.Reader@example.org", boardId, boardName: "News board" },
    ]);
    expect(await findStayInformed("nobody@example.org")).toEqual([]);
    expect(await findStayInformed("ABC-DEF-GHJ")).toEqual([]);
  });

  it("is found when it was kept before the lookup column existed", async () => {
    const id = crypto.randomUUID();
    await db()
      .insertInto("board_stay_informed")
      .values({
        id,
        board_id: boardId,
        email_encrypted: encryptField(
          getConfig().dataKey,
          "before.lookup@example.org",
          `board_stay_informed|${id}`,
        ),
        email_lookup: null,
        created_at: "2026-06-01T00:00:00.000Z",
      })
      .execute();
    expect(await findStayInformed("before.lookup@example.org")).toMatchObject([{ id }]);

    // The start moves it under a key of its own: DATA_KEY no longer opens it, the search still does.
    expect(await moveStayInformedToOwnKeys()).toBeGreaterThanOrEqual(1);
    const row = await db()
      .selectFrom("board_stay_informed")
      .select("email_encrypted")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(() =>
      decryptField(getConfig().dataKey, row.email_encrypted, `board_stay_informed|${id}`),
    ).toThrow();
    expect(await getPersonKey(stayInformedKeyId(id))).not.toBeNull();
    expect(await findStayInformed("before.lookup@example.org")).toMatchObject([
      { id, email: "before.lookup@example.org" },
    ]);
    expect(await moveStayInformedToOwnKeys()).toBe(0);
  });

  it("is in the export of a later application by the same person", async () => {
    await keptAfterRetention("applied.again@example.org");
    const again = await storeTestApplication(
      call,
      testApplication({ email: "applied.again@example.org" }),
      db(),
    );
    const exported = await exportApplicant(again);
    expect(exported?.stayInformed).toMatchObject([
      { email: "applied.again@example.org", boardName: "News board" },
    ]);
    expect(JSON.stringify(exported)).not.toContain("someone.else@example.org");
  });

  it("is erased on request, audited without the address; the audited search shows it first", async () => {
    await keptAfterRetention("erase.me@example.org");
    const [entry] = await findStayInformedAudited(admin, "erase.me@example.org");
    expect(entry).toBeDefined();
    expect(await eraseStayInformedAudited(admin, entry!.id)).toBe(true);
    expect(await findStayInformed("erase.me@example.org")).toEqual([]);
    expect(await eraseStayInformedAudited(admin, entry!.id)).toBe(false);
    const rows = await auditRows(entry!.id);
    expect(rows.map((row) => row.action)).toEqual([
      "board_applicant_exported",
      "board_applicant_erased",
    ]);
    expect(JSON.stringify(rows)).not.toContain("erase.me");
  });

  it.skipIf(testEngine === "postgres")(
    "is unreadable in a backup taken before its erasure and restored after",
    async () => {
      await keptAfterRetention("backed.up@example.org");
      const [entry] = await findStayInformed("backed.up@example.org");
      const stored = await db()
        .selectFrom("board_stay_informed")
        .select("email_encrypted")
        .where("id", "=", entry!.id)
        .executeTakeFirstOrThrow();
      // Not under DATA_KEY: a restored backup plus DATA_KEY must not be enough to read it.
      expect(() =>
        decryptField(
          getConfig().dataKey,
          stored.email_encrypted,
          `board_stay_informed|${entry!.id}`,
        ),
      ).toThrow();
      const restored = await restoredAfter(async () => {
        expect(await eraseStayInformedAudited(admin, entry!.id)).toBe(true);
      });
      try {
        // The restored row is back, with its lookup, but the key that opened it is gone.
        const row = await restored
          .selectFrom("board_stay_informed")
          .selectAll()
          .where("id", "=", entry!.id)
          .executeTakeFirstOrThrow();
        expect(row.email_encrypted.length).toBeGreaterThan(0);
        expect(await getPersonKey(stayInformedKeyId(entry!.id))).toBeNull();
        expect(await findStayInformed("backed.up@example.org", restored)).toEqual([]);
      } finally {
        await restored.destroy();
      }
    },
  );
});
