import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

import {
  CHECKSUM_FILE,
  restoreSnapshot,
  storeLocationsFromEnv,
  verifySnapshot,
  writeSnapshot,
} from "./backup";
import { getIdentityDb, migrateIdentityStore, closeIdentityDb } from "./identity-store";
import { openStore } from "./open-store";
import {
  closeResponseDb,
  getResponseDb,
  migrateResponseStore,
  type ResponseDb,
} from "./response-store";
import { getPublishedResults, storeSubmission } from "../app/feedback/responses.server";
import { emptyStores } from "../tests/unit/empty-stores";
import { testEngine } from "../tests/unit/test-engine";

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-backup-"));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- counts any table
async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One submission as the tests model it: a response and a spent code, in one transaction. */
async function submit(): Promise<void> {
  await getResponseDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto("responses")
        .values({
          id: randomUUID(),
          campaign_id: "campaign-1",
          template_version: 1,
          language: "sq",
          respondent_mode: "self",
          submitted_period: "2026-11",
          answers: "{}",
        })
        .execute();
      await trx
        .insertInto("access_codes")
        .values({ code_hash: randomUUID(), campaign_id: "campaign-1", used: 1 })
        .execute();
    });
}

beforeAll(async () => {
  await migrateIdentityStore();
  await migrateResponseStore();
  for (let i = 0; i < 30; i += 1) await submit();
  await getIdentityDb()
    .insertInto("organisations")
    .values([
      { id: randomUUID(), name: "NGO Tirana", type: "ngo", created_at: "2026-11-29T00:00:00Z" },
      { id: randomUUID(), name: "NGO Vlorë", type: "ngo", created_at: "2026-11-29T00:00:00Z" },
    ])
    .execute();
});

afterAll(async () => {
  await closeIdentityDb();
  await closeResponseDb();
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe(`Backup and restore (${testEngine})`, () => {
  test("a snapshot taken while submissions are being sent restores whole submissions, with matching checksums", async () => {
    let sending = true;
    let sent = 0;
    const writer = (async () => {
      while (sending) {
        await submit();
        sent += 1;
      }
    })();
    const folder = path.join(workDir, "snapshot-1");
    const manifest = await writeSnapshot(storeLocationsFromEnv(), folder);
    // Let at least a few submissions land after the snapshot too.
    await new Promise((resolve) => setTimeout(resolve, 50));
    sending = false;
    await writer;
    expect(sent).toBeGreaterThan(0);
    expect(manifest.stores.responses.engine).toBe(testEngine);
    expect(fs.readFileSync(path.join(folder, CHECKSUM_FILE), "utf8")).toMatch(
      /^[0-9a-f]{64} {2}identity\.(sqlite|pgdump)\n[0-9a-f]{64} {2}responses\.(sqlite|pgdump)\n[0-9a-f]{64} {2}manifest\.json\n$/,
    );
    expect(verifySnapshot(folder).created).toBe(manifest.created);

    const target = await emptyStores(workDir, "restored");
    await restoreSnapshot(folder, target);
    const restoredResponses = openStore<Record<string, unknown>>(target.responses);
    const restoredIdentity = openStore<Record<string, unknown>>(target.identity);
    try {
      const responses = await countRows(restoredResponses, "responses");
      // Every submission is whole: as many spent codes as responses, never one without the other.
      expect(await countRows(restoredResponses, "access_codes")).toBe(responses);
      expect(responses).toBeGreaterThanOrEqual(30);
      expect(responses).toBeLessThanOrEqual(30 + sent);
      // The identity store did not change meanwhile: its tables have the same rows.
      expect(await countRows(restoredIdentity, "organisations")).toBe(2);
      for (const table of ["schema_migrations", "organisations", "users"]) {
        expect(await countRows(restoredIdentity, table)).toBe(
          await countRows(getIdentityDb(), table),
        );
      }
      // The restored stores are at the latest migration: the portal would start on them.
      expect(await countRows(restoredResponses, "schema_migrations")).toBe(
        await countRows(getResponseDb(), "schema_migrations"),
      );
    } finally {
      await restoredResponses.destroy();
      await restoredIdentity.destroy();
    }

    // Restoring again into the same place is refused: it is no longer empty.
    await expect(restoreSnapshot(folder, target)).rejects.toThrow(/not empty/);
  });

  test("the restored stores show a campaign's results as the live portal does", async () => {
    // Submissions as the questionnaire stores them (counts and, on PostgreSQL, the holding
    // table); a few still held when the snapshot is taken.
    const campaignId = `results-${randomUUID()}`;
    const send = (i: number) =>
      storeSubmission({
        campaignId,
        templateVersion: 1,
        language: i % 2 ? "sq" : "en",
        respondentMode: "self",
        period: "2026-11",
        choices: { q1: [`c${i % 3}`] },
        freeTexts: [],
        answeredQuestionIds: ["q1"],
      });
    for (let i = 0; i < 12; i += 1) expect(await send(i)).toBe("stored");
    const folder = path.join(workDir, "snapshot-results");
    await writeSnapshot(storeLocationsFromEnv(), folder);
    const target = await emptyStores(workDir, "restored");
    await restoreSnapshot(folder, target);
    const restored = openStore<Record<string, unknown>>(target.responses) as unknown as ResponseDb;
    try {
      // The same counts; their order is the storage's own (shuffled on PostgreSQL, decision 018).
      const sorted = ({ tallies, ...rest }: Awaited<ReturnType<typeof getPublishedResults>>) => ({
        ...rest,
        tallies: tallies.map((t) => JSON.stringify(t)).sort(),
      });
      const live = await getPublishedResults(campaignId, 3);
      expect(live.received).toBe(12);
      expect(sorted(await getPublishedResults(campaignId, 3, restored))).toEqual(sorted(live));
    } finally {
      await restored.destroy();
    }
  });

  test("a snapshot whose file was changed is refused before anything is written", async () => {
    const folder = path.join(workDir, "snapshot-2");
    const manifest = await writeSnapshot(storeLocationsFromEnv(), folder);
    fs.appendFileSync(path.join(folder, manifest.stores.responses.file), "x");
    const target = await emptyStores(workDir, "restored");
    await expect(restoreSnapshot(folder, target)).rejects.toThrow(
      /responses\.(sqlite|pgdump) does not match its checksum/,
    );
    if (target.identity.engine === "sqlite")
      expect(fs.existsSync(target.identity.filename)).toBe(false);
  });

  // scrypt makes each encryption and decryption take about a second on purpose (several under
  // a loaded test run, five times here): the test asks for a lower cost, in the same format.
  test(
    "an encrypted snapshot holds no readable store and opens only with its passphrase",
    {
      timeout: 90_000,
    },
    async () => {
      const folder = path.join(workDir, "snapshot-3");
      const passphrase = "correct horse battery staple";
      const manifest = await writeSnapshot(storeLocationsFromEnv(), folder, {
        passphrase,
        scryptLogN: 12,
      });
      expect(manifest.encrypted).toBe(true);
      expect(fs.readdirSync(folder).sort()).toEqual(
        [
          CHECKSUM_FILE,
          manifest.stores.identity.file,
          "manifest.json",
          manifest.stores.responses.file,
        ].sort(),
      );
      for (const name of ["identity", "responses"] as const) {
        const bytes = fs.readFileSync(path.join(folder, manifest.stores[name].file));
        expect(bytes.subarray(0, 21).toString()).toBe("age-encryption.org/v1");
        expect(bytes.includes("SQLite format 3")).toBe(false);
        expect(bytes.includes("PGDMP")).toBe(false);
        expect(bytes.includes("NGO Tirana")).toBe(false);
      }
      const target = await emptyStores(workDir, "restored");
      await expect(restoreSnapshot(folder, target)).rejects.toThrow(/encrypted/);
      await expect(
        restoreSnapshot(folder, target, { passphrase: "wrong horse battery staple" }),
      ).rejects.toThrow(/passphrase does not open/);
      await restoreSnapshot(folder, target, { passphrase });
      const restoredIdentity = openStore<Record<string, unknown>>(target.identity);
      try {
        expect(await countRows(restoredIdentity, "organisations")).toBe(2);
      } finally {
        await restoredIdentity.destroy();
      }
    },
  );
});
