import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";

import { hashAccessCode } from "./access-codes.server";
import {
  createAccessCodes,
  getPublishedResults,
  MOVE_GAP_FACTOR,
  MOVE_MIN_GAP_MS,
  MOVE_TIMING,
  settleHeldSubmissions,
  storeSubmission,
} from "./responses.server";
import { acceptSubmissions, MOVE_LOCK } from "../../db/response-holding";
import { getResponseDb, migrateResponseStore } from "../../db/response-store";
import { testEngine } from "../../tests/unit/test-engine";
import { getConfig } from "../platform/config.server";
import { decryptField } from "../platform/field-encryption.server";

/**
 * Anonymity on PostgreSQL (docs/decisions/018): someone who can read the response database and
 * knows when one person answered must not find that person's rows by their transaction id
 * (xmin), their place in the table (ctid) or the order `select *` returns them in.
 */

/** Spearman's rank correlation; 0 when either side has no spread (nothing to read off). */
export function spearman(xs: number[], ys: number[]): number {
  const rank = (values: number[]) => {
    const order = values
      .map((value, index) => ({ value, index }))
      .sort((a, b) => a.value - b.value);
    const ranks = new Array<number>(values.length);
    for (let start = 0; start < order.length;) {
      let end = start;
      while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end += 1;
      for (let i = start; i <= end; i += 1) ranks[order[i]!.index] = (start + end) / 2;
      start = end + 1;
    }
    return ranks;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i += 1) {
    sxy += (rx[i]! - mx) * (ry[i]! - my);
    sxx += (rx[i]! - mx) ** 2;
    syy += (ry[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

type Physical = { xmin: string; ctid: string; position: number; row: Record<string, unknown> };

/** Every row of a table with its system columns, in the order a plain `select *` gives. */
async function physicalRows(table: string): Promise<Physical[]> {
  const { rows } = await sql<
    Record<string, unknown>
  >`select xmin::text as "__xmin", ctid::text as "__ctid", * from ${sql.table(table)}`.execute(
    getResponseDb(),
  );
  return rows.map((row, position) => ({
    xmin: String(row.__xmin),
    ctid: String(row.__ctid),
    position,
    row,
  }));
}

/** ctid "(block,offset)" as one sortable number. */
const ctidOrder = (ctid: string) => {
  const [block, offset] = ctid.replace(/[()]/g, "").split(",").map(Number);
  return block! * 100_000 + offset!;
};

/** |rho| between submission order and each of xmin, ctid and row order. */
function orderSignals(rows: { submitted: number; physical: Physical }[]) {
  const submitted = rows.map((r) => r.submitted);
  return {
    xmin: Math.abs(
      spearman(
        submitted,
        rows.map((r) => Number(r.physical.xmin)),
      ),
    ),
    ctid: Math.abs(
      spearman(
        submitted,
        rows.map((r) => ctidOrder(r.physical.ctid)),
      ),
    ),
    rowOrder: Math.abs(
      spearman(
        submitted,
        rows.map((r) => r.physical.position),
      ),
    ),
  };
}

// Not a multiple of 10: the last look at results (every tenth) is followed by a move.
const SUBMISSIONS = 245;
/**
 * The largest |rho| that still reads as "no order": 0.3, as issue 14 asks. For a random order
 * of 240 rows rho is about normal with standard deviation 1/sqrt(239) = 0.065, so 0.3 is 4.6
 * deviations: a random order fails one of the twelve checks below about once in 25,000 runs
 * (with 48 rows, as before, 0.3 failed about one run in seven by chance alone). Any order left
 * by the storage shows as more than 0.95 (the control), and so does one kept by batch or by
 * page.
 */
const NO_ORDER = 0.3;

describe.skipIf(testEngine !== "postgres")("submission order on PostgreSQL", () => {
  beforeAll(async () => {
    await migrateResponseStore();
  });

  it("the measure itself sees the order of plain inserts (control)", async () => {
    const db = getResponseDb();
    await sql`create table order_probe (id text primary key, n integer not null)`.execute(db);
    for (let n = 0; n < SUBMISSIONS; n += 1)
      await sql`insert into order_probe values (${crypto.randomUUID()}, ${n})`.execute(db);
    const rows = (await physicalRows("order_probe")).map((physical) => ({
      submitted: Number(physical.row.n),
      physical,
    }));
    const signals = orderSignals(rows);
    expect(signals.xmin).toBeGreaterThan(0.95);
    expect(signals.ctid).toBeGreaterThan(0.95);
    expect(signals.rowOrder).toBeGreaterThan(0.95);
  });

  it(
    `${SUBMISSIONS} submissions sent one by one leave no readable order in any response table`,
    { timeout: 60_000 },
    async () => {
      const { feedbackSecret, dataKey } = getConfig();
      const campaignId = "order-campaign";
      const codes = await createAccessCodes(campaignId, SUBMISSIONS);
      for (let i = 0; i < SUBMISSIONS; i += 1) {
        const result = await storeSubmission({
          campaignId,
          templateVersion: 1,
          language: i % 2 ? "sq" : "en",
          respondentMode: "self",
          period: "2026-11-29",
          choices: { q: [`c${i}`] },
          freeTexts: [{ questionId: "t", text: `text ${i}` }],
          answeredQuestionIds: ["q", "t"],
          accessCode: codes[i]!,
        });
        expect(result).toBe("stored");
        // Coordinators look at results now and then: the publication is rewritten too.
        if (i % 10 === 9) await getPublishedResults(campaignId, 3);
      }
      await settleHeldSubmissions();

      const held = await getResponseDb()
        .selectFrom("held_submissions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(held.n).toBe(0);

      const byCode = new Map(codes.map((code, i) => [hashAccessCode(code, feedbackSecret), i]));
      const tables: Record<string, { submitted: number; physical: Physical }[]> = {
        responses: (await physicalRows("responses")).map((physical) => ({
          submitted: Number(
            (JSON.parse(String(physical.row.answers)) as { q: string[] }).q[0]!.slice(1),
          ),
          physical,
        })),
        answer_tallies: (await physicalRows("answer_tallies"))
          .filter(
            (physical) => physical.row.question_id === "q" && physical.row.choice !== "__answered",
          )
          .map((physical) => ({
            submitted: Number(String(physical.row.choice).slice(1)),
            physical,
          })),
        free_text_answers: (await physicalRows("free_text_answers")).map((physical) => ({
          submitted: Number(
            decryptField(
              dataKey,
              String(physical.row.text_encrypted),
              `free-text:${String(physical.row.id)}`,
            ).slice(5),
          ),
          physical,
        })),
        access_codes: (await physicalRows("access_codes")).map((physical) => ({
          submitted: byCode.get(String(physical.row.code_hash))!,
          physical,
        })),
      };
      for (const [table, rows] of Object.entries(tables)) {
        expect(rows.length, table).toBe(SUBMISSIONS);
        const signals = orderSignals(rows);
        expect(signals.xmin, `${table} xmin`).toBeLessThan(NO_ORDER);
        expect(signals.ctid, `${table} ctid`).toBeLessThan(NO_ORDER);
        expect(signals.rowOrder, `${table} row order`).toBeLessThan(NO_ORDER);
      }
      // The publication: one row per campaign, rewritten with the rest (one xmin for all rows).
      const publication = await physicalRows("published_results");
      expect(publication.length).toBe(1);
      const xmins = new Set([
        ...Object.values(tables)
          .flat()
          .map((r) => r.physical.xmin),
        publication[0]!.xmin,
      ]);
      expect(xmins.size).toBe(1);

      // And the results count every acknowledged submission.
      const results = await getPublishedResults(campaignId, 3);
      expect(results.received).toBe(SUBMISSIONS);
    },
  );
});

/** Stores a submission of one answer (choice i mod 3) to question "q" of `campaignId`. */
function storeOneChoice(campaignId: string, i: number) {
  return storeSubmission({
    campaignId,
    templateVersion: 1,
    language: "sq",
    respondentMode: "self",
    period: "2026-11-30",
    choices: { q: [`c${i % 3}`] },
    freeTexts: [],
    answeredQuestionIds: ["q"],
  });
}

describe.skipIf(testEngine !== "postgres")("moves under load on PostgreSQL", () => {
  beforeAll(async () => {
    await migrateResponseStore();
  });

  it(
    "while another instance is moving, submissions keep being acknowledged and none waits on the move",
    { timeout: 60_000 },
    async () => {
      // Another instance in the middle of a long move holds the move lock.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const otherInstance = getResponseDb()
        .transaction()
        .execute(async (trx) => {
          await sql`select pg_advisory_xact_lock(${MOVE_LOCK})`.execute(trx);
          locked();
          await released;
        });
      await isLocked;
      const campaignId = "load-campaign";
      // More than the pool's connections (10): a move queued behind the lock after every few
      // submissions (as before) held one each, until no submission could be written.
      const count = 30;
      const timedOut = Symbol("timed out");
      for (let i = 0; i < count; i += 1) {
        const result = await Promise.race([
          storeOneChoice(campaignId, i),
          new Promise((resolve) => setTimeout(() => resolve(timedOut), 5_000)),
        ]);
        expect(result, `submission ${i}`).toBe("stored");
      }
      const { rows } = await sql<{
        n: string;
      }>`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`.execute(
        getResponseDb(),
      );
      expect(Number(rows[0]!.n)).toBe(0);
      release();
      await otherInstance;
      // Once the other move is over, everything held is moved and counted.
      await settleHeldSubmissions();
      const results = await getPublishedResults(campaignId, 3);
      expect(results.received).toBe(count);
    },
  );
});

describe.skipIf(testEngine !== "postgres")("moves wait for a pause in the submissions", () => {
  beforeAll(async () => {
    await migrateResponseStore();
  });

  it("a burst is held until it pauses, then moved by itself", { timeout: 60_000 }, async () => {
    const quiet = MOVE_TIMING.quietMs;
    // Long enough that a slow machine cannot pause by accident between two submissions.
    MOVE_TIMING.quietMs = 2_000;
    try {
      // Out of the gap after the last move of this file, so only the pause can hold a move back.
      const started = Date.now();
      await settleHeldSubmissions();
      const took = Date.now() - started;
      await new Promise((r) => setTimeout(r, Math.max(MOVE_MIN_GAP_MS, took * MOVE_GAP_FACTOR)));
      const campaignId = "burst-campaign";
      const db = getResponseDb();
      const held = async () =>
        Number(
          (
            await sql<{
              n: string;
            }>`select count(*) as n from held_submissions where campaign_id = ${campaignId}`.execute(
              db,
            )
          ).rows[0]!.n,
        );
      // Twelve, more than the five that used to start a move at once.
      for (let i = 0; i < 12; i += 1) expect(await storeOneChoice(campaignId, i)).toBe("stored");
      await new Promise((r) => setTimeout(r, 500));
      expect(await held()).toBe(12);
      // The pause: the move runs by itself, and every submission is counted.
      await expect.poll(held, { timeout: 20_000, interval: 200 }).toBe(0);
      expect((await getPublishedResults(campaignId, 3)).received).toBe(12);
    } finally {
      MOVE_TIMING.quietMs = quiet;
    }
  });

  it("a submission counts the held rows only up to what it needs to know", async () => {
    const db = getResponseDb();
    const items = Array.from({ length: 7 }, () => ({ campaignId: "count-campaign", payload: "x" }));
    const noWrite = async () => {};
    await db
      .transaction()
      .execute(async (trx) => {
        const acceptance = { write: noWrite, hold: (item: (typeof items)[number]) => item };
        expect(await acceptSubmissions(trx, items, acceptance, { countUpTo: 5 })).toEqual({
          held: 5,
        });
        expect(await acceptSubmissions(trx, [], acceptance, { countUpTo: 5 })).toEqual({
          held: 0,
        });
        throw new Error("roll back");
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error) || error.message !== "roll back") throw error;
      });
  });
});
