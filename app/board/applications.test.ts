import { beforeAll, describe, expect, it } from "vitest";

import { storeApplication } from "./applications.server";
import type { BoardCall } from "./calls.server";
import { makeBoardCall, makeSecretariat, testApplication } from "./membership-test-helpers";
import { storeLocationsFromEnv } from "../../db/backup";
import {
  getIdentityDb,
  migrateIdentityStore,
  type IdentityDatabase,
} from "../../db/identity-store";
import { openStore } from "../../db/open-store";
import { testEngine } from "../../tests/unit/test-engine";

const db = () => getIdentityDb();
let call: BoardCall;

beforeAll(async () => {
  await migrateIdentityStore();
  const secretariat = await makeSecretariat(db());
  call = await makeBoardCall(secretariat.id, "Double Send board", true, db());
});

describe(`an application sent twice at the same moment (${testEngine})`, () => {
  it("is stored once, also when the two Sends reach two instances", async () => {
    // On PostgreSQL the second Send goes through a pool of its own, as on another instance;
    // SQLite serves one instance.
    const second =
      testEngine === "postgres"
        ? openStore<IdentityDatabase>(storeLocationsFromEnv().identity)
        : db();
    try {
      const application = testApplication({
        firstName: "Drita",
        lastName: "Twice-Xq",
        email: "twice.at.once@example.org",
        signedOn: "2026-11-30",
      });
      const answers = await Promise.all([
        storeApplication({ call, application, lang: "sq" }, db()),
        storeApplication({ call, application, lang: "sq" }, second),
      ]);
      expect(answers.map((answer) => answer.duplicate).sort()).toEqual([false, true]);
      const rows = await db()
        .selectFrom("board_applications")
        .select("reference_code")
        .where("call_id", "=", call.id)
        .execute();
      expect(rows.map((row) => row.reference_code)).toEqual([
        answers.find((answer) => !answer.duplicate)!.reference,
      ]);
    } finally {
      if (second !== db()) await second.destroy();
    }
  });
});
