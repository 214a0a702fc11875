// npm run bench:assessment — measures the assessment issue's performance target against the
// built server (run `npm run build` first; the npm script does). A measurement, not a test: it
// prints a table with PASS/FAIL per target and exits 0 either way (1 only if the bench itself
// broke).
//
// Targets: issue 4, "the organisation comparison with 50 programmes renders in under 200 ms";
// issue 17, "the history of a programme with 1,000 assessments under 300 ms with paging" (the
// first page, the newest, and the last, the oldest). A server starts once on an empty DATA_DIR
// (it seeds the demo accounts) and stops; bench/seed-assessments.ts then adds an organisation
// with 50 programmes, one of them with 1,000 completed assessments, and makes the demo
// coordinator a member; the server starts again and the pages are timed as the coordinator.
//
// Only loopback traffic; every loop is bounded in count and time. Tunables (environment):
// BENCH_PROGRAMMES (50), BENCH_ASSESSMENTS (1000), BENCH_ASSESSMENT_RUNS (20);
// BENCH_PROFILE_DIR (unset) to keep a CPU profile of each server.
import path from "node:path";

import {
  BROWSER,
  type Client,
  decoded,
  envInt,
  kb,
  log,
  ms,
  notes,
  percentile,
  record,
  runBench,
  runSeeder,
  type Server,
  signIn,
} from "./harness";

const PROGRAMMES = envInt("BENCH_PROGRAMMES", 50, 10_000);
const ASSESSMENTS = envInt("BENCH_ASSESSMENTS", 1000, 100_000);
const RUNS = envInt("BENCH_ASSESSMENT_RUNS", 20, 1000);

const TARGET_MEDIAN_MS = 200;
const TARGET_HISTORY_MEDIAN_MS = 300;
/** Assessments on one page of the history (HISTORY_PAGE_SIZE in app/assessment). */
const HISTORY_PAGE_SIZE = 50;

const SEED_LIMIT_MS = 300_000;
const PAGE_PHASE_LIMIT_MS = 60_000;

// ---- Seeding ----------------------------------------------------------------------------------

type Seeded = {
  organisationId: string;
  programmeId: string;
  programmes: number;
  assessments: number;
  total: number;
  seconds: number;
};

async function seed(dataDir: string): Promise<Seeded> {
  const result = await runSeeder<Seeded>(
    "bench/seed-assessments.ts",
    {
      DATA_DIR: dataDir,
      BENCH_PROGRAMMES: String(PROGRAMMES),
      BENCH_ASSESSMENTS: String(ASSESSMENTS),
    },
    SEED_LIMIT_MS,
  );
  notes.push(
    `seeded ${result.programmes} programmes, ${result.total} completed assessments` +
      ` (${result.assessments} in the big programme) in ${result.seconds} s through saveAssessment`,
  );
  return result;
}

// ---- The pages --------------------------------------------------------------------------------

/** One untimed GET, then RUNS timed ones; records median/p95 and returns the first page's HTML. */
async function timePage(
  client: Client,
  cookie: string,
  label: string,
  pathname: string,
  target = TARGET_MEDIAN_MS,
) {
  const get = () => client.request("GET", pathname, { headers: { ...BROWSER, Cookie: cookie } });
  const first = await get();
  if (first.status !== 200) throw new Error(`${label} (${pathname}): status ${first.status}`);
  const html = decoded(first);
  const times: number[] = [];
  const deadline = Date.now() + PAGE_PHASE_LIMIT_MS;
  for (let i = 0; i < RUNS && Date.now() < deadline; i++) {
    const reply = await get();
    if (reply.status !== 200) throw new Error(`${label}: status ${reply.status}`);
    times.push(reply.ms);
  }
  times.sort((a, b) => a - b);
  const median = percentile(times, 50);
  record(
    label,
    `median ${ms(median)}, p95 ${ms(percentile(times, 95))} (${times.length} GETs; first ${ms(first.ms)})`,
    `median < ${target} ms`,
    median < target,
  );
  if (times.length < RUNS) notes.push(`${label}: cut short after ${times.length} of ${RUNS} GETs`);
  notes.push(
    `${label}: ${kb(first.raw.length)} ${first.headers["content-encoding"] ?? "identity"}` +
      ` (${kb(html.length)} raw)`,
  );
  return html;
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

function countLinks(html: string, prefix: string): number {
  const ids = [...html.matchAll(new RegExp(`href="${prefix}(${UUID})"`, "g"))].map((m) => m[1]);
  return new Set(ids).size;
}

async function pages(server: Server, seeded: Seeded) {
  const { client } = server;
  const cookie = await signIn(client);

  const pageCount = Math.ceil(ASSESSMENTS / HISTORY_PAGE_SIZE);
  const expected = Math.min(ASSESSMENTS, HISTORY_PAGE_SIZE);
  for (const page of [1, pageCount]) {
    const history = await timePage(
      client,
      cookie,
      `History page ${page} of ${pageCount}, ${ASSESSMENTS} assessments`,
      `/en/staff/programmes/${seeded.programmeId}${page > 1 ? `?page=${page}` : ""}`,
      TARGET_HISTORY_MEDIAN_MS,
    );
    const rows = countLinks(history, "/en/staff/assessments/");
    const lastRows = ASSESSMENTS - (pageCount - 1) * HISTORY_PAGE_SIZE;
    const want = page === pageCount ? lastRows : expected;
    const says = pageCount === 1 || history.includes(`Page ${page} of ${pageCount}`);
    record(
      `History page ${page} lists its assessments and its place`,
      `${rows} rows${says ? `, "Page ${page} of ${pageCount}"` : ", no page count"}`,
      `${want} rows`,
      rows === want && says,
    );
  }

  const comparison = await timePage(
    client,
    cookie,
    `Organisation comparison, ${PROGRAMMES} programmes`,
    `/en/staff/organisations/${seeded.organisationId}`,
  );
  const programmeRows = countLinks(comparison, "/en/staff/programmes/");
  record(
    "Organisation page lists every programme",
    `${programmeRows} programmes`,
    `${PROGRAMMES} programmes`,
    programmeRows === PROGRAMMES,
  );
}

// ---- Main -------------------------------------------------------------------------------------

await runBench("Assessment benchmark", async (bench) => {
  const dataDir = path.join(bench.tempRoot, "data");

  // The server seeds the demo accounts only into an empty identity store: start it once, stop it.
  log("Assessment bench: starting the server once to seed the demo accounts...");
  await bench.stop(await bench.start(dataDir, "server.log"));

  log(`Seeding ${PROGRAMMES} programmes, ${ASSESSMENTS} assessments in the big one...`);
  const seeded = await seed(dataDir);

  log("Timing the history and organisation pages...");
  const server = await bench.start(dataDir, "server.log");
  await pages(server, seeded);
  await bench.stop(server);
});
