// npm run bench:survivor (also part of npm run bench) — issue 17: the survivor pages, whole
// respondent flows and submissions, each measured next to the reference server
// (bench/reference-server.ts) started beside the portal and loaded with the same tool
// (harness.ts `load`), the same bodies and the same number of clients, in the same run. The
// ratio is what counts: on a busy machine both figures fall together.
//
// 1. Survivor pages (intro, section 1, review, thanks, code entry, staying safe) at 16 and 64
//    clients against the reference page; the intro also at 1 and 256 (the cost curve).
//    Target: >= 0.06 x the reference at 16 and 64 clients, p99 < 50 ms at 16.
// 2. Whole respondent flows (intro page, every section answered, review, Send) at 1 and 8
//    clients. Target at 8: >= 45 flows/s, p50 < 200 ms.
// 3. Submissions (the Send button's POST, nonces collected beforehand, untimed) at 1, 16 and
//    64 clients against the reference's SQLite writer. Target at 64: >= 0.6 x the reference,
//    p99 < 100 ms; every acknowledged submission stored (counted in both stores afterwards).
//
// Options (command line or environment): --seconds / BENCH_SECONDS (5): each measure's timed
// phase; --submissions / BENCH_SUBMISSIONS (2000): most submissions per concurrency level
// (a tenth at 1 client); --warmup / BENCH_WARMUP_SECONDS (14): untimed traffic to both
// servers before the first measure. Every measure is bounded in count and time.
import path from "node:path";

import sqlite3 from "sqlite3";

import {
  Client,
  decoded,
  load,
  type Load,
  log,
  ms,
  notes,
  option,
  ratio,
  record,
  runBench,
  type Server,
} from "./harness";
import { campaignSlug, DEMO_CODES_TITLE, DEMO_TITLE, type Flow, walkFlow } from "./survivor-flow";

const SECONDS = option("seconds", "BENCH_SECONDS", 5, 600);
const SUBMISSIONS = Math.round(option("submissions", "BENCH_SUBMISSIONS", 2000, 100_000));
/**
 * Untimed traffic before the first measure, shared between the reference page and every
 * survivor page. A portal that has just started spent 3-4 ms of CPU on a section page in its
 * first 5 s of section traffic and 1.5-1.9 ms from about 10 s on (V8 compiling the page's
 * code, the heap growing to its working size); the reference's one template warms in a moment.
 * Without it the first measures of each page compared a cold portal with a warm reference.
 */
const WARMUP_SECONDS = option("warmup", "BENCH_WARMUP_SECONDS", 14, 600);

const PAGE_CLIENTS = [1, 16, 64, 256];
/** Concurrency levels where every survivor page is measured and the targets apply. */
const TARGET_PAGE_CLIENTS = [16, 64];
const FLOW_CLIENTS = [1, 8];
const SUBMIT_CLIENTS = [1, 16, 64];

const TARGET_PAGE_RATIO = 0.06;
const TARGET_PAGE_P99_MS = 50;
const TARGET_FLOWS = 45;
const TARGET_FLOW_P50_MS = 200;
const TARGET_SUBMIT_RATIO = 0.6;
const TARGET_SUBMIT_P99_MS = 100;

const HTML = { Accept: "text/html" };
const rate = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)}/s`;
const failedNote = (run: Load) => (run.failed ? `, ${run.failed} failed` : "");

type Page = { name: string; method: "GET" | "POST"; path: string; body?: string };

/** One survivor page requested as a browser would, by `clients` clients for `seconds`. */
function loadPage(port: number, page: Page, clients: number, seconds: number): Promise<Load> {
  return load({
    port,
    method: page.method,
    path: page.path,
    headers: HTML,
    body: page.body === undefined ? undefined : () => page.body,
    clients,
    seconds,
  });
}

// ---- 2. Flows ---------------------------------------------------------------------------------

async function flows(port: number, slug: string, clients: number) {
  const client = new Client(port, clients);
  const durations: number[] = [];
  let stored = 0;
  let failed = 0;
  let requests = 0;
  const failures: string[] = [];
  const started = process.hrtime.bigint();
  const deadline = Date.now() + SECONDS * 1000;
  let variant = 1;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const t0 = process.hrtime.bigint();
        let flow: Flow | undefined;
        try {
          flow = await walkFlow(client, slug, variant++);
        } catch (error) {
          if (failures.length < 3) failures.push(String(error));
        }
        if (flow?.stored) {
          stored++;
          requests += flow.steps.length;
          durations.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } else failed++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  client.close();
  durations.sort((a, b) => a - b);
  const p50 = durations[Math.floor(durations.length / 2)] ?? NaN;
  return { perSecond: stored / seconds, stored, failed, p50, requests, failures };
}

// ---- 3. Nonces for the submissions -------------------------------------------------------------

async function collectNonces(client: Client, slug: string, count: number): Promise<string[]> {
  const nonces: string[] = [];
  const deadline = Date.now() + 300_000;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (nonces.length < count && Date.now() < deadline) {
        const reply = await client.request("GET", `/f/${slug}`, { headers: HTML });
        const nonce = /name="nonce" value="([^"]+)"/.exec(decoded(reply))?.[1];
        if (!nonce) throw new Error(`intro page (status ${reply.status}) has no nonce`);
        nonces.push(nonce);
      }
    }),
  );
  return nonces;
}

function countStored(dataDir: string, slug: string): Promise<number> {
  const open = (file: string) =>
    new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(path.join(dataDir, file), sqlite3.OPEN_READONLY, (e) =>
        e ? reject(e) : resolve(db),
      );
    });
  const get = <T>(db: sqlite3.Database, sql: string, params: unknown[]) =>
    new Promise<T>((resolve, reject) =>
      db.get(sql, params, (e, row) => (e ? reject(e) : resolve(row as T))),
    ).finally(() => db.close());
  return (async () => {
    const campaign = await get<{ id: string } | undefined>(
      await open("identity.sqlite"),
      "SELECT id FROM feedback_campaigns WHERE slug = ?",
      [slug],
    );
    const row = await get<{ n: number }>(
      await open("responses.sqlite"),
      "SELECT count(*) AS n FROM responses WHERE campaign_id = ?",
      [campaign?.id],
    );
    return row.n;
  })();
}

// ---- Main -------------------------------------------------------------------------------------

await runBench("Survivor pages, flows and submissions against the reference", async (bench) => {
  log("Starting the reference server and the portal...");
  const reference = await bench.reference();
  const dataDir = path.join(bench.tempRoot, "portal");
  const server: Server = await bench.start(dataDir, "portal.log", 8);
  const slug = await campaignSlug(server.client, DEMO_TITLE);
  const codeSlug = await campaignSlug(server.client, DEMO_CODES_TITLE);
  notes.push(
    `reference: plain node:http, a ${(reference.pageBytes / 1000).toFixed(1)} kB template-string page; ` +
      "SQLite with the response store's settings and group commit (bench/reference-server.ts). " +
      `Each measure: ${SECONDS} s timed after a short warm-up; pages requested with Accept: text/html, no compression asked.`,
  );

  // The bodies a browser sends, learnt by walking the questionnaire once (Send not pressed).
  const sample = await walkFlow(server.client, slug, 0, false);
  const post = sample.steps.filter((step) => step.method === "POST");
  const pages: Page[] = [
    { name: "intro", method: "GET", path: `/f/${slug}` },
    { name: "section 1", method: "POST", path: `/f/${slug}`, body: post[0]!.body },
    { name: "review", method: "POST", path: `/f/${slug}`, body: post.at(-2)!.body },
    { name: "thanks", method: "GET", path: `/f/${slug}/thanks` },
    { name: "code entry", method: "GET", path: `/f/${codeSlug}` },
    { name: "staying safe", method: "GET", path: "/safety" },
  ];
  const send = sample.steps.at(-1)!;
  notes.push(
    `a whole flow is ${sample.steps.length} requests (intro, ${post.length - 2} section and closing pages, review, Send); ` +
      `the Send body is ${send.body!.length} bytes urlencoded, posted to ${send.path.replace(slug, "<slug>")}`,
  );

  // 0. Warm-up: every page and the reference, untimed, at 16 clients.
  log(`0. warming up both servers for ${WARMUP_SECONDS} s (untimed)...`);
  const warmShare = WARMUP_SECONDS / (pages.length + 1);
  await load({ port: reference.port, path: "/page", clients: 16, seconds: warmShare });
  for (const page of pages) await loadPage(server.port, page, 16, warmShare);
  notes.push(
    `before the first measure both servers were warmed up for ${WARMUP_SECONDS} s in all ` +
      "(the reference page and each survivor page in turn, 16 clients, untimed; --warmup / BENCH_WARMUP_SECONDS)",
  );

  // 1. Pages
  for (const clients of PAGE_CLIENTS) {
    log(`1. pages at ${clients} clients...`);
    const ref = await load({ port: reference.port, path: "/page", clients, seconds: SECONDS });
    record(
      `1 Reference page, ${clients} clients`,
      `${rate(ref.perSecond)}, p50 ${ms(ref.p50)}, p99 ${ms(ref.p99)}${failedNote(ref)}`,
    );
    const targeted = TARGET_PAGE_CLIENTS.includes(clients);
    for (const page of targeted ? pages : pages.slice(0, 1)) {
      const run = await loadPage(server.port, page, clients, SECONDS);
      const share = run.perSecond / ref.perSecond;
      const p99Applies = clients === 16;
      record(
        `1 ${page.name}, ${clients} clients`,
        `${rate(run.perSecond)}, p50 ${ms(run.p50)}, p99 ${ms(run.p99)}${failedNote(run)}; ` +
          `${ratio(run.perSecond, ref.perSecond)} reference`,
        targeted
          ? `>= ${TARGET_PAGE_RATIO} x` + (p99Applies ? `, p99 < ${TARGET_PAGE_P99_MS} ms` : "")
          : "",
        targeted
          ? share >= TARGET_PAGE_RATIO &&
              run.failed === 0 &&
              (!p99Applies || run.p99 < TARGET_PAGE_P99_MS)
          : null,
      );
      for (const failure of run.failures.slice(0, 2)) notes.push(`${page.name}: ${failure}`);
    }
  }

  // 2. Flows
  let acked = 0;
  for (const clients of FLOW_CLIENTS) {
    log(`2. whole flows at ${clients} clients...`);
    const ref = await load({ port: reference.port, path: "/page", clients, seconds: SECONDS });
    const run = await flows(server.port, slug, clients);
    acked += run.stored;
    // The reference's page rate divided by the requests in a flow: the same number of requests.
    const refFlows = ref.perSecond / sample.steps.length;
    const targeted = clients === 8;
    record(
      `2 Whole flows, ${clients} clients`,
      `${rate(run.perSecond)}, p50 ${ms(run.p50)}${run.failed ? `, ${run.failed} failed` : ""}; ` +
        `${ratio(run.perSecond, refFlows)} reference (${rate(refFlows)} as ${sample.steps.length} reference pages)`,
      targeted ? `>= ${TARGET_FLOWS}/s, p50 < ${TARGET_FLOW_P50_MS} ms` : "",
      targeted
        ? run.perSecond >= TARGET_FLOWS && run.p50 < TARGET_FLOW_P50_MS && run.failed === 0
        : null,
    );
    for (const failure of run.failures) notes.push(`flow: ${failure}`);
  }

  // 3. Submissions against concurrency
  const plan = SUBMIT_CLIENTS.map((clients) => {
    const most = clients === 1 ? Math.max(20, Math.round(SUBMISSIONS / 10)) : SUBMISSIONS;
    return { clients, warmup: Math.min(200, 2 * clients), most };
  });
  const needed = plan.reduce((sum, level) => sum + level.warmup + level.most, 0);
  log(`3. collecting ${needed} nonces (untimed)...`);
  const nonces = await collectNonces(server.client, slug, needed);
  const params = new URLSearchParams(send.body!);
  const bodyWith = (nonce: string) => {
    params.set("nonce", nonce);
    return params.toString();
  };
  const isThanks = (reply: { status: number; headers: Record<string, unknown> }) =>
    reply.status === 302 && String(reply.headers.location ?? "").endsWith("/thanks");
  let referenceAcked = 0;
  let offset = 0;
  for (const level of plan) {
    log(`3. submissions at ${level.clients} clients...`);
    const from = offset;
    offset += level.warmup + level.most;
    const common = {
      method: "POST",
      clients: level.clients,
      seconds: SECONDS,
      warmup: level.warmup,
      maxRequests: level.most,
      body: (i: number) => bodyWith(nonces[from + i] ?? "missing"),
      ok: isThanks,
    };
    const ref = await load({ ...common, port: reference.port, path: "/submit" });
    referenceAcked += ref.ok + ref.warmupOk;
    const run = await load({ ...common, port: server.port, path: send.path });
    acked += run.ok + run.warmupOk;
    const targeted = level.clients === 64;
    record(
      `3 Submissions, ${level.clients} clients`,
      `${rate(run.perSecond)}, p50 ${ms(run.p50)}, p99 ${ms(run.p99)}${failedNote(run)}; ` +
        `reference ${rate(ref.perSecond)}, p99 ${ms(ref.p99)}: ${ratio(run.perSecond, ref.perSecond)}`,
      targeted ? `>= ${TARGET_SUBMIT_RATIO} x, p99 < ${TARGET_SUBMIT_P99_MS} ms` : "",
      targeted
        ? run.perSecond >= TARGET_SUBMIT_RATIO * ref.perSecond &&
            run.p99 < TARGET_SUBMIT_P99_MS &&
            run.failed === 0
        : null,
    );
    for (const failure of run.failures.slice(0, 2)) notes.push(`submission: ${failure}`);
  }

  // Every acknowledged submission stored: count after a clean shutdown.
  const referenceStored = await reference.stored();
  await bench.stop(server);
  const stored = await countStored(dataDir, slug);
  record(
    "3 Acknowledged submissions stored",
    `portal ${stored} rows for ${acked} acknowledged (flows and submissions); reference ${referenceStored} for ${referenceAcked}`,
    "rows = acknowledged",
    stored === acked && referenceStored === referenceAcked,
  );
});
