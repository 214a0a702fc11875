// npm run bench (or tsx bench/capacity.ts after npm run build) — capacity on the two engines,
// measured in the same run on the same machine (issue 14 "Capacity"):
//
// - one instance on SQLite, and two instances sharing one throwaway PostgreSQL cluster, each
//   loaded by 50 concurrent keep-alive clients (split evenly over the two instances) POSTing
//   complete questionnaires to the Send button's address;
// - PostgreSQL again for each pool size in BENCH_POOL_SIZES (DATABASE_POOL_SIZE, per store and
//   instance), on fresh databases;
// - after each run the servers are stopped and the stored responses (and, on PostgreSQL, those
//   still waiting in the holding table) are counted against the acknowledged submissions.
//
// Targets: PostgreSQL (two instances) >= 0.6 x the SQLite submissions/s, p99 < 150 ms, none
// lost. On a 2-core machine the instances, the clients and PostgreSQL share the cores: the
// point is that nothing serialises or collapses, not a gain.
//
// Tunables: BENCH_CAPACITY_SUBMISSIONS (3000 per run), BENCH_CONCURRENCY (50),
// BENCH_POOL_SIZES ("2,10"). Skipped in one line when PostgreSQL is not installed.
import fs from "node:fs";
import path from "node:path";

import pg from "pg";
import sqlite3 from "sqlite3";

import {
  type Client,
  envInt,
  form,
  log,
  ms,
  notes,
  percentile,
  record,
  runBench,
  type Bench,
  type Server,
} from "./harness";
// @ts-expect-error plain JavaScript helper shared with the test runners
import { findPostgresBin, startCluster, storeDatabasesSql } from "../tests/pg-cluster.mjs";

const SUBMISSIONS = envInt("BENCH_CAPACITY_SUBMISSIONS", 3000, 100_000);
const CONCURRENCY = envInt("BENCH_CONCURRENCY", 50, 1000);
const WARMUP = Math.min(300, SUBMISSIONS);
const POOL_SIZES = (process.env.BENCH_POOL_SIZES ?? "2,10")
  .split(",")
  .map((value) => Number(value.trim()))
  .filter((value) => Number.isInteger(value) && value >= 1 && value <= 100);
const TARGET_RATIO = 0.6;
const TARGET_P99_MS = 150;
const PHASE_LIMIT_MS = 180_000;
const DEMO_TITLE = "Feedback on the support you received (demo)";

/** The same secrets for every instance, so a nonce issued by one is valid on the other. */
const SECRETS = {
  SESSION_SECRET: "bench-session-secret-0123456789abcdef0123456789",
  FEEDBACK_SECRET: "bench-feedback-secret-0123456789abcdef012345678",
  DATA_KEY: "ab".repeat(32),
};

type Outcome = { ok: boolean; ms: number };
type RunResult = { label: string; perSecond: number; p99: number; acked: number; stored: number };

function answers(variant: number): [string, string][] {
  const yesNo = ["yes", "no", "not_sure", "prefer_not"];
  return [
    ["a:first_contact_rights_explained", yesNo[variant % 4]!],
    ["a:first_contact_easy_to_talk", yesNo[(variant + 1) % 4]!],
    ["a:referral_consent_signed", yesNo[(variant + 2) % 4]!],
    ["a:closing_anything_else", "The shelter staff were kind to me."],
  ];
}

async function pool<T>(count: number, workers: number, task: (i: number) => Promise<T>) {
  const results: T[] = [];
  const deadline = Date.now() + PHASE_LIMIT_MS;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, count) }, async () => {
      while (next < count && Date.now() < deadline) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return results.filter((result) => result !== undefined);
}

async function demoSlug(client: Client): Promise<string> {
  const home = (await client.request("GET", "/en")).raw.toString("utf8");
  for (const match of home.matchAll(/<a\b[^>]*href="(?:\/en)?\/f\/([a-z0-9]+)"[^>]*>([^<]*)<\/a>/g))
    if (match[2]!.trim() === DEMO_TITLE) return match[1]!;
  throw new Error(`the home page has no link to "${DEMO_TITLE}"`);
}

/** Loads the servers together: nonces first (untimed), a warm-up, then the timed phase. */
async function load(servers: Server[], slug: string) {
  const total = WARMUP + SUBMISSIONS;
  const nonces = await pool(total, CONCURRENCY, async (i) => {
    const reply = await servers[i % servers.length]!.client.request("GET", `/f/${slug}`);
    const nonce = /name="nonce" value="([^"]+)"/.exec(reply.raw.toString("utf8"))?.[1];
    if (!nonce) throw new Error(`intro page (status ${reply.status}) has no nonce`);
    return nonce;
  });
  const submit = async (i: number): Promise<Outcome> => {
    const body = form([
      ["page", "review"],
      ["nav", "submit"],
      ["nonce", nonces[i]!],
      ...answers(i),
    ]);
    try {
      // Round robin over the instances: each gets about CONCURRENCY / n of the clients.
      const reply = await servers[i % servers.length]!.client.request("POST", `/f/${slug}/send`, {
        body,
      });
      const ok = reply.status === 302 && String(reply.headers.location).endsWith("/thanks");
      return { ok, ms: reply.ms };
    } catch {
      return { ok: false, ms: NaN };
    }
  };
  const warm = await pool(WARMUP, CONCURRENCY, submit);
  const started = process.hrtime.bigint();
  const timed = await pool(SUBMISSIONS, CONCURRENCY, (i) => submit(WARMUP + i));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const latencies = timed
    .map((o) => o.ms)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const ok = timed.filter((o) => o.ok).length;
  return {
    perSecond: ok / seconds,
    p99: percentile(latencies, 99),
    p50: percentile(latencies, 50),
    acked: ok + warm.filter((o) => o.ok).length,
    failed: timed.length - ok,
  };
}

function sqliteCount(file: string, query: string, params: unknown[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => {
      if (error) return reject(error);
      db.get(query, params, (err, row: { n: number } | undefined) => {
        db.close();
        if (err) reject(err);
        else resolve(Number(row?.n ?? 0));
      });
    });
  });
}

async function onSqlite(bench: Bench): Promise<RunResult> {
  const dataDir = path.join(bench.tempRoot, "sqlite");
  fs.mkdirSync(dataDir);
  const server = await bench.start(dataDir, "sqlite.log", CONCURRENCY, SECRETS);
  const slug = await demoSlug(server.client);
  log(`  SQLite, 1 instance: ${WARMUP} + ${SUBMISSIONS} submissions...`);
  const run = await load([server], slug);
  await bench.stop(server);
  const campaignId = await new Promise<string>((resolve, reject) => {
    const db = new sqlite3.Database(path.join(dataDir, "identity.sqlite"), sqlite3.OPEN_READONLY);
    db.get(
      "SELECT id FROM feedback_campaigns WHERE slug = ?",
      [slug],
      (error, row: { id: string }) => {
        db.close();
        if (error || !row) reject(error ?? new Error("campaign not found"));
        else resolve(row.id);
      },
    );
  });
  const stored = await sqliteCount(
    path.join(dataDir, "responses.sqlite"),
    "SELECT count(*) AS n FROM responses WHERE campaign_id = ?",
    [campaignId],
  );
  return report("SQLite, 1 instance", run, stored);
}

/** A connection error after the cluster stopped is no reason to crash the bench. */
function quiet(client: pg.Client): pg.Client {
  client.on("error", () => {});
  return client;
}

type Cluster = { adminUrl: string; host: string; port: number; stop(): void };

async function onPostgres(bench: Bench, cluster: Cluster, poolSize: number): Promise<RunResult> {
  const suffix = `p${poolSize}`;
  const names = {
    identityDb: `identity_${suffix}`,
    responsesDb: `responses_${suffix}`,
    keysDb: `keys_${suffix}`,
    identityRole: `identity_${suffix}`,
    responsesRole: `responses_${suffix}`,
    keysRole: `keys_${suffix}`,
    passwords: {
      identity: `bench-i-${suffix}`,
      responses: `bench-r-${suffix}`,
      keys: `bench-k-${suffix}`,
    },
  };
  const admin = quiet(new pg.Client({ connectionString: cluster.adminUrl }));
  await admin.connect();
  for (const statement of storeDatabasesSql(names) as string[]) await admin.query(statement);
  await admin.end();
  const at = (role: string, password: string, database: string) =>
    `postgres://${role}:${password}@${cluster.host}:${cluster.port}/${database}`;
  const env = {
    ...SECRETS,
    DATABASE_URL_IDENTITY: at(names.identityRole, names.passwords.identity, names.identityDb),
    DATABASE_URL_RESPONSES: at(names.responsesRole, names.passwords.responses, names.responsesDb),
    // As deployed on several machines: the board's person keys in their own database (047).
    DATABASE_URL_KEYS: at(names.keysRole, names.passwords.keys, names.keysDb),
    DATABASE_POOL_SIZE: String(poolSize),
  };
  const dataDir = path.join(bench.tempRoot, `pg-${suffix}`);
  fs.mkdirSync(dataDir);
  // The first instance seeds the demo; the second finds it there.
  const a = await bench.start(dataDir, `pg-${suffix}-a.log`, CONCURRENCY, env);
  const b = await bench.start(dataDir, `pg-${suffix}-b.log`, CONCURRENCY, {
    ...env,
    DEMO_SEED: "false",
  });
  const slug = await demoSlug(a.client);
  log(`  PostgreSQL, 2 instances, pool ${poolSize}: ${WARMUP} + ${SUBMISSIONS} submissions...`);
  const run = await load([a, b], slug);
  await bench.stop(a);
  await bench.stop(b);
  const identity = quiet(new pg.Client({ connectionString: env.DATABASE_URL_IDENTITY }));
  await identity.connect();
  const { rows } = await identity.query<{ id: string }>(
    "SELECT id FROM feedback_campaigns WHERE slug = $1",
    [slug],
  );
  await identity.end();
  const responses = quiet(new pg.Client({ connectionString: env.DATABASE_URL_RESPONSES }));
  await responses.connect();
  // Acknowledged = in the response tables, or waiting (encrypted) in the holding table.
  const counted = await responses.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM responses WHERE campaign_id = $1)
          + (SELECT count(*) FROM held_submissions WHERE campaign_id = $1) AS n`,
    [rows[0]?.id],
  );
  await responses.end();
  return report(`PostgreSQL, 2 instances, pool ${poolSize}`, run, Number(counted.rows[0]?.n));
}

function report(label: string, run: Awaited<ReturnType<typeof load>>, stored: number): RunResult {
  record(
    `${label}: submissions/s`,
    `${run.perSecond.toFixed(0)}/s, p50 ${ms(run.p50)}, p99 ${ms(run.p99)}` +
      (run.failed ? `, ${run.failed} failed` : ""),
  );
  record(
    `${label}: acknowledged stored`,
    `${stored} stored for ${run.acked} acknowledged`,
    "none lost",
    stored === run.acked,
  );
  return { label, perSecond: run.perSecond, p99: run.p99, acked: run.acked, stored };
}

await runBench("Capacity: SQLite vs PostgreSQL", async (bench) => {
  if (!findPostgresBin()) {
    notes.push("PostgreSQL is not installed: the capacity bench is skipped.");
    return;
  }
  const sqliteRun = await onSqlite(bench);
  const cluster = (await startCluster()) as Cluster;
  try {
    for (const poolSize of POOL_SIZES) {
      const run = await onPostgres(bench, cluster, poolSize);
      record(
        `PostgreSQL pool ${poolSize} vs SQLite`,
        `${(run.perSecond / sqliteRun.perSecond).toFixed(2)} x`,
        `>= ${TARGET_RATIO} x, p99 < ${TARGET_P99_MS} ms`,
        run.perSecond >= TARGET_RATIO * sqliteRun.perSecond && run.p99 < TARGET_P99_MS,
      );
    }
  } finally {
    cluster.stop();
  }
  notes.push(
    `${CONCURRENCY} clients in all (split over the instances), ${SUBMISSIONS} timed submissions per run after ${WARMUP} warm-up; ` +
      "instances, PostgreSQL and the clients share this machine's cores.",
  );
});
