// npm run bench:board (also part of npm run bench) — the advisory board's targets (issue 15,
// "Performance"), against the built server (run `npm run build` first; the npm script does):
//
// - encrypting and decrypting one application (every field on its own, AES-256-GCM under a
//   person key): under 2 ms, timed in the seeder's process (bench/seed-board.ts);
// - the review list of a call with 500 applications, as the demo reviewer: under 300 ms
//   (median);
// - the members page of the demo board (Tirana), as the secretariat: under 100 ms (median).
//
// The server seeds the demo on a fresh DATA_DIR (with a known two-step key for the demo
// accounts), is stopped, bench/seed-board.ts fills the demo call through storeApplication, and
// the server starts again. Options: --applications / BENCH_APPLICATIONS (500),
// --runs / BENCH_BOARD_RUNS (20 timed GETs per page). Bounded: seeding 600 s, pages 60 s each.
import path from "node:path";

import {
  BENCH_TOTP_SECRET,
  BROWSER,
  decoded,
  kb,
  log,
  ms,
  notes,
  option,
  percentile,
  record,
  runBench,
  runSeeder,
  type Server,
  signDeclaration,
  signIn,
} from "./harness";

const APPLICATIONS = Math.round(option("applications", "BENCH_APPLICATIONS", 500, 10_000));
const RUNS = Math.round(option("runs", "BENCH_BOARD_RUNS", 20, 1000));

const TARGET_CRYPTO_MS = 2;
const TARGET_REVIEW_MS = 300;
const TARGET_MEMBERS_MS = 100;

type Seeded = {
  callId: string;
  membersBoardId: string;
  applications: number;
  cryptoMs: { p50: number; p99: number };
  seconds: number;
};

/** One untimed and RUNS timed GETs of `pathname`; returns the first page's HTML. */
async function timePage(
  server: Server,
  cookie: string,
  label: string,
  pathname: string,
  target: number,
): Promise<string> {
  const get = () =>
    server.client.request("GET", pathname, { headers: { ...BROWSER, Cookie: cookie } });
  const first = await get();
  if (first.status !== 200) throw new Error(`${label}: status ${first.status}`);
  const times: number[] = [];
  const deadline = Date.now() + 60_000;
  for (let i = 0; i < RUNS && Date.now() < deadline; i++) {
    const reply = await get();
    if (reply.status !== 200) throw new Error(`${label}: status ${reply.status}`);
    times.push(reply.ms);
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 50);
  record(
    label,
    `median ${ms(median)}, p95 ${ms(percentile(times, 95))} (${times.length} GETs)`,
    `median < ${target} ms`,
    median < target,
  );
  notes.push(`${label}: ${kb(first.raw.length)} ${first.headers["content-encoding"] ?? ""}`);
  return decoded(first);
}

await runBench("Advisory board benchmark", async (bench) => {
  const dataDir = path.join(bench.tempRoot, "board");
  const env = { DEMO_TOTP_SECRET: BENCH_TOTP_SECRET };
  log("Board bench: seeding the demo (first start)...");
  await bench.stop(await bench.start(dataDir, "board-seed.log", 1, env));

  log(`Filling the demo call with ${APPLICATIONS} applications...`);
  const seeded = await runSeeder<Seeded>(
    "bench/seed-board.ts",
    { DATA_DIR: dataDir, BENCH_APPLICATIONS: String(APPLICATIONS) },
    600_000,
  );
  notes.push(`seeded ${seeded.applications} applications in ${seeded.seconds} s`);
  record(
    "Encrypt + decrypt one application",
    `p50 ${ms(seeded.cryptoMs.p50)}, p99 ${ms(seeded.cryptoMs.p99)} (1000 round trips)`,
    `< ${TARGET_CRYPTO_MS} ms`,
    seeded.cryptoMs.p50 < TARGET_CRYPTO_MS,
  );

  const server = await bench.start(dataDir, "board.log", 1, env);
  log("Review list as the reviewer...");
  const reviewer = await signIn(server.client, "reviewer@demo.example");
  await signDeclaration(server.client, reviewer);
  const review = await timePage(
    server,
    reviewer,
    `Review list, ${APPLICATIONS} applications`,
    `/en/staff/review/${seeded.callId}`,
    TARGET_REVIEW_MS,
  );
  const listed = new Set(
    [
      ...review.matchAll(
        new RegExp(`href="/en/staff/review/${seeded.callId}/([0-9a-f-]{36})"`, "g"),
      ),
    ].map((m) => m[1]),
  );
  // The reviewer never sees an application their organisation nominated (demo: one).
  record(
    "Review list shows the applications",
    `${listed.size} linked`,
    `>= ${APPLICATIONS - 1}`,
    listed.size >= APPLICATIONS - 1,
  );

  log("Members page as the secretariat...");
  const secretariat = await signIn(server.client, "secretariat@demo.example");
  await signDeclaration(server.client, secretariat);
  await timePage(
    server,
    secretariat,
    "Members page (demo board)",
    `/en/staff/board/${seeded.membersBoardId}/members`,
    TARGET_MEMBERS_MS,
  );
  await bench.stop(server);
});
