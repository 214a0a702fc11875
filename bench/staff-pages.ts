// npm run bench:staff — the staff pages of issue 17: the campaign list, a campaign's page and a
// programme's self-assessment history, each requested by 16 keep-alive clients signed in as the
// demo coordinator, for BENCH_SECONDS (5) after a warm-up, beside the reference page.
//
// Target: "at least 2x today's rate", today being commit c779dab (when the issue was written).
// This machine's speed moves by tens of percent between runs, so "today" is measured in the same
// run: with BENCH_BASELINE_ROOT pointing at a built checkout of c779dab (bench/README.md says how
// to make one), the same pages are loaded on that build and on this one, one after the other,
// each on a fresh demo DATA_DIR, and each page's rate is compared with its own baseline. Without
// it, the rates are printed with no PASS/FAIL.
//
// Only loopback traffic; every loop is bounded in count and time.
import path from "node:path";

import {
  type Bench,
  type Client,
  decoded,
  load,
  ms,
  notes,
  option,
  ratio,
  record,
  runBench,
  signIn,
} from "./harness";

const SECONDS = option("seconds", "BENCH_SECONDS", 5, 600);
const CLIENTS = 16;
const HTML = { Accept: "text/html" };

const TARGET_FACTOR = 2;
const BASELINE_ROOT = process.env.BENCH_BASELINE_ROOT;

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** The first `/en/staff/<kind>/<uuid>` link of a page. */
async function firstLink(client: Client, cookie: string, from: string, kind: string) {
  const reply = await client.request("GET", from, { headers: { ...HTML, Cookie: cookie } });
  const id = new RegExp(`href="/en/staff/${kind}/(${UUID})"`).exec(decoded(reply))?.[1];
  if (!id) throw new Error(`${from} (status ${reply.status}) links no ${kind}`);
  return `/en/staff/${kind}/${id}`;
}

type Measured = Map<string, { perSecond: number; failed: number; text: string }>;

/** Starts a server (this build, or the one under `root`), signs in, and loads each page. */
async function measure(bench: Bench, label: string, root?: string): Promise<Measured> {
  if (root) process.env.BENCH_SERVER_ROOT = root;
  const server = await bench.start(path.join(bench.tempRoot, label), `${label}.log`, CLIENTS);
  delete process.env.BENCH_SERVER_ROOT;
  const cookie = await signIn(server.client);
  const organisation = await firstLink(
    server.client,
    cookie,
    "/en/staff/organisations",
    "organisations",
  );
  const pages = [
    { name: "campaign list", path: "/en/staff/feedback" },
    {
      name: "a campaign's page",
      path: await firstLink(server.client, cookie, "/en/staff/feedback", "feedback"),
    },
    {
      name: "a programme's history",
      path: await firstLink(server.client, cookie, organisation, "programmes"),
    },
  ];
  const out: Measured = new Map();
  for (const page of pages) {
    const run = await load({
      port: server.port,
      path: page.path,
      headers: { ...HTML, Cookie: cookie },
      clients: CLIENTS,
      seconds: SECONDS,
    });
    out.set(page.name, {
      perSecond: run.perSecond,
      failed: run.failed,
      text:
        `${run.perSecond.toFixed(0)}/s, p50 ${ms(run.p50)}, p99 ${ms(run.p99)}` +
        `${run.failed ? `, ${run.failed} failed` : ""}`,
    });
    for (const failure of run.failures.slice(0, 2)) notes.push(`${label} ${page.name}: ${failure}`);
  }
  await bench.stop(server);
  return out;
}

await runBench("Staff pages against c779dab and the reference", async (bench) => {
  const reference = await bench.reference();
  const ref = await load({
    port: reference.port,
    path: "/page",
    clients: CLIENTS,
    seconds: SECONDS,
  });
  record(
    `Reference page, ${CLIENTS} clients`,
    `${ref.perSecond.toFixed(0)}/s, p50 ${ms(ref.p50)}, p99 ${ms(ref.p99)}`,
  );
  const baseline = BASELINE_ROOT ? await measure(bench, "baseline", BASELINE_ROOT) : undefined;
  const now = await measure(bench, "portal");
  for (const [name, run] of now) {
    const before = baseline?.get(name);
    const factor = before ? run.perSecond / before.perSecond : Number.NaN;
    record(
      `${name}, ${CLIENTS} clients`,
      `${run.text}; ${ratio(run.perSecond, ref.perSecond)} reference` +
        (before ? `; c779dab ${before.text}: ${factor.toFixed(2)} x` : ""),
      before ? `>= ${TARGET_FACTOR} x c779dab` : "",
      before ? factor >= TARGET_FACTOR && run.failed === 0 : null,
    );
  }
  notes.push(
    "signed in as coordinator@demo.example, each build on a fresh demo DATA_DIR; " +
      `reference: plain node:http, a ${(reference.pageBytes / 1000).toFixed(1)} kB page` +
      (BASELINE_ROOT
        ? `; c779dab built in ${BASELINE_ROOT}`
        : "; no BENCH_BASELINE_ROOT: no c779dab figures"),
  );
});
