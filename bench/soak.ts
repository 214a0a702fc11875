// npm run bench:soak — issue 17 "Soak" (not part of npm test or npm run bench): mixed traffic
// on loopback at a steady rate for a fixed time, against the built server (the npm script
// builds first), bounded in count and time:
//
// - survivor pages (intro, a section page, review, thanks, code entry, staying safe),
// - submissions without a code (the Send button's POST, with nonces from the intro pages),
// - whole flows on the demo campaign with access codes, each with a fresh code,
// - staff pages signed in as the coordinator (campaign list, a campaign, its results).
//
// Targets: error rate 0; every acknowledged submission stored (counted in the response store
// after the server stopped, against the count before); the server's memory steady: the median
// RSS of the last minute at most 10 % above that of the minute after the warm-up (1 minute, or a
// third of a shorter run; windows a quarter of the rest when that is under 4 minutes). RSS is
// printed over time, and beside it the V8 heap in use after the full collections of the same two
// windows (bench/heap-probe.mjs, V8's own GC profiler), which tells a leak from a larger heap.
//
// Options (command line or environment): --minutes / BENCH_SOAK_MINUTES (10),
// --rate / BENCH_SOAK_RATE (200 requests/s). Try it briefly: `npm run bench:soak -- --minutes 1`.
import fs from "node:fs";
import path from "node:path";

import {
  Client,
  decoded,
  log,
  notes,
  option,
  percentile,
  record,
  type Reply,
  runBench,
  runSeeder,
  signIn,
  sleep,
} from "./harness";
import { campaignSlug, DEMO_CODES_TITLE, DEMO_TITLE, walkFlow } from "./survivor-flow";

const MINUTES = option("minutes", "BENCH_SOAK_MINUTES", 10, 24 * 60);
const RATE = option("rate", "BENCH_SOAK_RATE", 200, 5000);
const SECONDS = MINUTES * 60;
const WARMUP_SECONDS = Math.min(60, SECONDS / 3);
const TARGET_GROWTH = 0.1;
/** Requests in flight beyond this mean the server is not keeping up: counted as errors. */
const MAX_IN_FLIGHT = 512;
/** One whole coded flow is started for every this many single requests (about 10 % of traffic). */
const REQUESTS_PER_CODED_FLOW = 100;
const SAMPLE_EVERY_MS = 5_000;

type Kind =
  | "intro"
  | "section"
  | "review"
  | "thanks"
  | "safety"
  | "code entry"
  | "submit"
  | "staff list"
  | "staff campaign"
  | "staff results";

/** The mix per 100 single requests (the coded flows come on top, about 10 more). */
const MIX: [Kind, number][] = [
  ["intro", 30],
  ["section", 12],
  ["review", 8],
  ["thanks", 5],
  ["safety", 5],
  ["code entry", 5],
  ["submit", 25],
  ["staff list", 4],
  ["staff campaign", 3],
  ["staff results", 3],
];
/** The mix spread evenly (each kind at regular intervals, not in runs). */
const SCHEDULE: Kind[] = (() => {
  const slots: { kind: Kind; at: number }[] = [];
  for (const [kind, weight] of MIX)
    for (let i = 0; i < weight; i++) slots.push({ kind, at: (i + 0.5) / weight });
  return slots.sort((a, b) => a.at - b.at).map((slot) => slot.kind);
})();

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

await runBench(`Soak: ${MINUTES} min at ${RATE} requests/s`, async (bench) => {
  const dataDir = path.join(bench.tempRoot, "soak");
  log("Soak: seeding the demo (first start)...");
  let server = await bench.start(dataDir, "soak-seed.log", 1);
  const slug = await campaignSlug(server.client, DEMO_TITLE);
  const codeSlug = await campaignSlug(server.client, DEMO_CODES_TITLE);
  await bench.stop(server);

  const codedFlows = Math.ceil((RATE * SECONDS) / REQUESTS_PER_CODED_FLOW) + 10;
  log(`Making ${codedFlows} access codes...`);
  const seeded = await runSeeder<{ codes: string[]; stored: Record<string, number> }>(
    "bench/seed-codes.ts",
    {
      DATA_DIR: dataDir,
      BENCH_CODE_SLUG: codeSlug,
      BENCH_CODES: String(codedFlows),
      BENCH_COUNT_SLUGS: `${slug},${codeSlug}`,
    },
    300_000,
  );
  const codes = [...seeded.codes];

  // The heap after each full collection, as V8 reports it, through bench/heap-probe.mjs.
  const probeFile = path.join(bench.tempRoot, "heap-probe.jsonl");
  server = await bench.start(dataDir, "soak.log", 1, {
    HEAP_PROBE_FILE: probeFile,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${path.resolve("bench/heap-probe.mjs")}`,
  });
  const pid = server.child.pid!;
  /**
   * The V8 heap in use (bytes) after each full collection since the last call: the server's
   * probe answers SIGUSR2 with one line (an empty list after a minute without an answer, or
   * when the server has exited).
   */
  const fullCollections = async (): Promise<number[]> => {
    const before = fs.existsSync(probeFile) ? fs.readFileSync(probeFile, "utf8") : "";
    try {
      process.kill(pid, "SIGUSR2");
    } catch {
      return []; // the server has exited: the run reports it
    }
    for (let i = 0; i < 600; i++) {
      await sleep(100);
      const text = fs.existsSync(probeFile) ? fs.readFileSync(probeFile, "utf8") : "";
      if (text.endsWith("\n") && text.length > before.length)
        return (JSON.parse(text.slice(before.length)) as { afterFull: number[] }).afterFull;
    }
    return [];
  };
  const cookie = await signIn(server.client);
  const list = decoded(
    await server.client.request("GET", "/en/staff/feedback", { headers: { Cookie: cookie } }),
  );
  const campaignId = /href="\/en\/staff\/feedback\/([0-9a-f-]{36})"/.exec(list)?.[1];
  if (!campaignId) throw new Error("the coordinator's campaign list links no campaign");
  const sample = await walkFlow(server.client, slug, 0, false);
  const posts = sample.steps.filter((step) => step.method === "POST");
  const send = sample.steps.at(-1)!;
  const sendParams = new URLSearchParams(send.body!);

  const client = new Client(server.port, MAX_IN_FLIGHT);
  const nonces: string[] = [];
  const counts = new Map<string, { ok: number; failed: number; ms: number[] }>();
  const failures: string[] = [];
  let acknowledged = 0;
  let acknowledgedCoded = 0;
  let inFlight = 0;
  let dropped = 0;

  const note = (kind: string, ok: boolean, took: number, detail = "") => {
    const entry = counts.get(kind) ?? { ok: 0, failed: 0, ms: [] };
    if (ok) entry.ok++;
    else {
      entry.failed++;
      if (failures.length < 5) failures.push(`${kind}: ${detail}`);
    }
    if (Number.isFinite(took)) entry.ms.push(took);
    counts.set(kind, entry);
  };
  const isThanks = (reply: Reply) =>
    reply.status === 302 && String(reply.headers.location ?? "").endsWith("/thanks");

  async function one(kind: Kind): Promise<void> {
    let method = "GET";
    let target = `/f/${slug}`;
    let body: string | undefined;
    let headers: Record<string, string> = { Accept: "text/html" };
    let expect: (reply: Reply) => boolean = (reply) => reply.status === 200;
    switch (kind) {
      case "section":
        [method, body] = ["POST", posts[0]!.body];
        break;
      case "review":
        [method, body] = ["POST", posts.at(-2)!.body];
        break;
      case "thanks":
        target = `/f/${slug}/thanks`;
        break;
      case "safety":
        target = "/safety";
        break;
      case "code entry":
        target = `/f/${codeSlug}`;
        break;
      case "submit": {
        const nonce = nonces.pop();
        if (nonce === undefined) return one("intro"); // no nonce yet: fetch a page instead
        sendParams.set("nonce", nonce);
        [method, target, body, expect] = ["POST", send.path, sendParams.toString(), isThanks];
        break;
      }
      case "staff list":
        [target, headers] = ["/en/staff/feedback", { ...headers, Cookie: cookie }];
        break;
      case "staff campaign":
        [target, headers] = [`/en/staff/feedback/${campaignId}`, { ...headers, Cookie: cookie }];
        break;
      case "staff results":
        target = `/en/staff/feedback/${campaignId}/results`;
        headers = { ...headers, Cookie: cookie };
        break;
    }
    try {
      const reply = await client.request(method, target, { headers, body });
      const ok = expect(reply);
      note(kind, ok, reply.ms, `status ${reply.status}`);
      if (kind === "submit" && ok) acknowledged++;
      if (kind === "intro" && ok) {
        const nonce = /name="nonce" value="([^"]+)"/.exec(decoded(reply))?.[1];
        if (nonce && nonces.length < 10_000) nonces.push(nonce);
      }
    } catch (error) {
      note(kind, false, NaN, String(error));
    }
  }

  async function codedFlow(variant: number): Promise<void> {
    const code = codes.pop();
    if (code === undefined) return;
    const t0 = Date.now();
    try {
      const flow = await walkFlow(client, codeSlug, variant, true, code);
      note("coded flow", flow.stored, Date.now() - t0, "Send not answered with /thanks");
      if (flow.stored) acknowledgedCoded++;
    } catch (error) {
      note("coded flow", false, NaN, String(error));
    }
  }

  // RSS over time, every few seconds.
  const started = Date.now();
  // The heap after full collections in the same two windows as RSS below: recording starts
  // at the edge of each window and is read at its end.
  const windowSeconds = Math.min(60, (SECONDS - WARMUP_SECONDS) / 4);
  let earlyHeap: Promise<number[]> = Promise.resolve([]);
  let lateStart: Promise<number[]> = Promise.resolve([]);
  const probes = [
    setTimeout(() => void fullCollections(), WARMUP_SECONDS * 1000),
    setTimeout(() => (earlyHeap = fullCollections()), (WARMUP_SECONDS + windowSeconds) * 1000),
    setTimeout(() => (lateStart = fullCollections()), (SECONDS - windowSeconds) * 1000),
  ];
  const samples: { at: number; rss: number }[] = [{ at: 0, rss: rssOf(pid) }];
  const sampler = setInterval(() => {
    try {
      samples.push({ at: (Date.now() - started) / 1000, rss: rssOf(pid) });
    } catch {
      // the server exited; the run reports it
    }
  }, SAMPLE_EVERY_MS);

  log(`Soak: ${SECONDS} s of mixed traffic at ${RATE} requests/s...`);
  const pending = new Set<Promise<void>>();
  const track = (promise: Promise<void>) => {
    inFlight++;
    const done = promise.finally(() => {
      inFlight--;
      pending.delete(done);
    });
    pending.add(done);
  };
  const total = Math.round(RATE * SECONDS);
  let lastProgress = 0;
  // Open loop: request i is due at i / RATE seconds, whether or not earlier ones were answered.
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 1) await sleep(wait);
    if (Date.now() - started > (SECONDS + 30) * 1000) break; // hard stop, far behind
    if (inFlight >= MAX_IN_FLIGHT) {
      dropped++;
      continue;
    }
    track(one(SCHEDULE[i % SCHEDULE.length]!));
    if (i % REQUESTS_PER_CODED_FLOW === REQUESTS_PER_CODED_FLOW / 2) track(codedFlow(i));
    const elapsed = Math.floor((Date.now() - started) / 60_000);
    if (elapsed > lastProgress) {
      lastProgress = elapsed;
      log(`  ${elapsed} min, RSS ${mb(samples.at(-1)!.rss)}, ${inFlight} in flight`);
    }
  }
  // Let the last requests finish (each has its own 30 s timeout).
  await Promise.race([Promise.all(pending), sleep(60_000)]);
  clearInterval(sampler);
  samples.push({ at: (Date.now() - started) / 1000, rss: rssOf(pid) });
  for (const probe of probes) clearTimeout(probe);
  const heapEarly = await earlyHeap;
  await lateStart;
  const heapLate = await fullCollections();
  const seconds = (Date.now() - started) / 1000;
  client.close();

  // Counts per kind.
  let ok = 0;
  let failed = dropped;
  const all: number[] = [];
  for (const [kind, entry] of counts) {
    ok += entry.ok;
    failed += entry.failed;
    all.push(...entry.ms);
    entry.ms.sort((a, b) => a - b);
    notes.push(
      `${kind}: ${entry.ok} ok, ${entry.failed} failed, p50 ${percentile(entry.ms, 50).toFixed(1)} ms, p99 ${percentile(entry.ms, 99).toFixed(1)} ms`,
    );
  }
  all.sort((a, b) => a - b);
  for (const failure of failures) notes.push(`failure: ${failure}`);
  record(
    "Requests (single requests and coded flows)",
    `${ok + failed} in ${seconds.toFixed(0)} s (${((ok + failed) / seconds).toFixed(0)}/s); p50 ${percentile(all, 50).toFixed(1)} ms, p99 ${percentile(all, 99).toFixed(1)} ms`,
    `${RATE}/s`,
    null,
  );
  record(
    "Error rate",
    `${failed} of ${ok + failed}` +
      (dropped ? ` (${dropped} not sent: ${MAX_IN_FLIGHT} in flight)` : ""),
    "0",
    failed === 0,
  );

  // Memory over time: about a dozen points, then the growth after the warm-up.
  const step = Math.max(1, Math.floor(samples.length / 12));
  const timeline = samples
    .filter((_, i) => i % step === 0 || i === samples.length - 1)
    .map((s) => `${s.at.toFixed(0)} s ${mb(s.rss)}`);
  notes.push(`RSS over time: ${timeline.join(", ")}`);
  // A single sample lands anywhere on the garbage collector's saw-tooth (the V8 heap grows and
  // shrinks by 100 MB and more between full collections at this rate), so the growth compares
  // the median RSS of the window just after the warm-up with that of the last window.
  const median = (values: number[]) =>
    percentile(
      [...values].sort((a, b) => a - b),
      50,
    );
  const medianRss = (from: number, to: number) => {
    const rss = samples.filter((s) => s.at >= from && s.at <= to).map((s) => s.rss);
    return rss.length ? median(rss) : samples.at(-1)!.rss;
  };
  const end = samples.at(-1)!;
  const early = medianRss(WARMUP_SECONDS, WARMUP_SECONDS + windowSeconds);
  const late = medianRss(end.at - windowSeconds, end.at);
  const growth = late / early - 1;
  record(
    "RSS growth after the warm-up",
    `median ${mb(early)} at ${WARMUP_SECONDS.toFixed(0)}-${(WARMUP_SECONDS + windowSeconds).toFixed(0)} s -> ${mb(late)} in the last ${windowSeconds.toFixed(0)} s: ${(100 * growth).toFixed(1)} %`,
    `< ${100 * TARGET_GROWTH} %`,
    growth < TARGET_GROWTH,
  );
  // Not a target of its own: what RSS cannot tell, whether the objects kept alive grow (a leak)
  // or V8 only chose a larger heap for the same live data.
  const [heapBefore, heapAfter] = [median(heapEarly), median(heapLate)];
  record(
    "V8 heap after full collections",
    heapEarly.length && heapLate.length
      ? `median ${mb(heapBefore)} (${heapEarly.length}) in the first window -> ${mb(heapAfter)} (${heapLate.length}) in the last: ${(100 * (heapAfter / heapBefore - 1)).toFixed(1)} %`
      : `${heapEarly.length} and ${heapLate.length} full collections in the two windows`,
    "",
    null,
  );

  // Every acknowledged submission stored: count after a clean shutdown.
  await bench.stop(server);
  const after = await runSeeder<{ stored: Record<string, number> }>(
    "bench/seed-codes.ts",
    {
      DATA_DIR: dataDir,
      BENCH_CODE_SLUG: codeSlug,
      BENCH_CODES: "0",
      BENCH_COUNT_SLUGS: `${slug},${codeSlug}`,
    },
    120_000,
  );
  const open = after.stored[slug]! - seeded.stored[slug]!;
  const coded = after.stored[codeSlug]! - seeded.stored[codeSlug]!;
  record(
    "Acknowledged submissions stored",
    `open campaign ${open} new rows for ${acknowledged} acknowledged; with codes ${coded} for ${acknowledgedCoded}`,
    "rows = acknowledged",
    open === acknowledged && coded === acknowledgedCoded,
  );
});
