// npm run bench:assessment — measures the assessment issue's performance target against the
// built server (run `npm run build` first; the npm script does). A measurement, not a test: it
// prints a table with PASS/FAIL per target and exits 0 either way (1 only if the bench itself
// broke).
//
// Target: "The history page of a programme with 200 assessments and the organisation comparison
// with 50 programmes each render in under 200 ms." A server starts once on an empty DATA_DIR (it
// seeds the demo accounts) and stops; bench/seed-assessments.ts then adds an organisation with 50
// programmes, one of them with 200 completed assessments, and makes the demo coordinator a
// member; the server starts again and both pages are timed as the coordinator.
//
// Only loopback traffic; every loop is bounded in count and time. Tunables (environment):
// BENCH_PROGRAMMES (50), BENCH_ASSESSMENTS (200), BENCH_ASSESSMENT_RUNS (20);
// BENCH_PROFILE_DIR (unset) to keep a CPU profile of each server.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEMO_PASSWORD = "demo-password-for-tests-only";

const envInt = (name: string, fallback: number, max: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be an integer from 1 to ${max}`);
  }
  return value;
};
const PROGRAMMES = envInt("BENCH_PROGRAMMES", 50, 10_000);
const ASSESSMENTS = envInt("BENCH_ASSESSMENTS", 200, 100_000);
const RUNS = envInt("BENCH_ASSESSMENT_RUNS", 20, 1000);

const TARGET_MEDIAN_MS = 200;

const SEED_LIMIT_MS = 120_000;
const PAGE_PHASE_LIMIT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 30_000;

// ---- Small helpers (as in bench/feedback.ts) --------------------------------------------------

type Row = { label: string; measured: string; target: string; pass: boolean | null };
const rows: Row[] = [];
const notes: string[] = [];

function record(label: string, measured: string, target = "", pass: boolean | null = null) {
  rows.push({ label, measured, target, pass });
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const log = (message: string) => process.stderr.write(`${message}\n`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

function form(fields: [string, string][]): string {
  return new URLSearchParams(fields).toString();
}

// ---- HTTP -------------------------------------------------------------------------------------

type Reply = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent on the wire (compressed when the server compressed it). */
  raw: Buffer;
  ms: number;
};

type RequestOptions = { headers?: Record<string, string>; body?: string };

class Client {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  constructor(readonly port: number) {}

  request(method: string, pathname: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    if (body) {
      headers["Content-Type"] ??= "application/x-www-form-urlencoded";
      headers["Content-Length"] = String(body.length);
    }
    return new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = http.request(
        { host: "127.0.0.1", port: this.port, method, path: pathname, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              raw: Buffer.concat(chunks),
              ms: Number(process.hrtime.bigint() - started) / 1e6,
            }),
          );
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error("request timed out")));
      req.on("error", reject);
      req.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}

function decoded(reply: Reply): string {
  const encoding = reply.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(reply.raw).toString("utf8");
  if (encoding === "gzip") return zlib.gunzipSync(reply.raw).toString("utf8");
  return reply.raw.toString("utf8");
}

const BROWSER = { "Accept-Encoding": "gzip, br", Accept: "text/html" };

// ---- The server under test --------------------------------------------------------------------

type Server = { child: ChildProcess; port: number; client: Client; logFile: string };

async function startServer(dataDir: string, logFile: string): Promise<Server> {
  if (!fs.existsSync(path.join(ROOT, "build", "index.js"))) {
    throw new Error("build/index.js is missing: run `npm run build` first");
  }
  const port = await freePort();
  const logFd = fs.openSync(logFile, "a");
  // BENCH_PROFILE_DIR: write a V8 CPU profile of each server there (open it in Chrome DevTools).
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, "server.js"], {
    cwd: ROOT,
    // Server logs go to a file: a pipe nobody drains fast enough would slow the server down.
    stdio: ["ignore", logFd, logFd],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      NODE_ENV: "production",
      DEMO_PASSWORD,
      FEEDBACK_SUBMISSIONS_PER_HOUR: "0",
      PUBLIC_URL: `http://localhost:${port}`,
      SMTP_URL: "",
    },
  });
  fs.closeSync(logFd);
  let exited = false;
  child.once("exit", () => (exited = true));
  const client = new Client(port);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const reply = await client.request("GET", "/favicon.svg");
      if (reply.status === 200) return { child, port, client, logFile };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  child.kill("SIGKILL");
  throw new Error(`server did not start; last log lines:\n${tail(logFile)}`);
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

async function stopServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.client.close();
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

// ---- Seeding ----------------------------------------------------------------------------------

type Seeded = {
  organisationId: string;
  programmeId: string;
  programmes: number;
  assessments: number;
  total: number;
  seconds: number;
};

/** Child processes (the seeder) to kill if the bench stops early. */
const children = new Set<ChildProcess>();

async function seed(dataDir: string): Promise<Seeded> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/seed-assessments.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      BENCH_PROGRAMMES: String(PROGRAMMES),
      BENCH_ASSESSMENTS: String(ASSESSMENTS),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.add(child);
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  const timer = setTimeout(() => child.kill("SIGKILL"), SEED_LIMIT_MS);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  children.delete(child);
  if (code !== 0) throw new Error(`seed-assessments exited with ${code}: ${out}`);
  const result = JSON.parse(out.trim().split("\n").at(-1)!) as Seeded;
  notes.push(
    `seeded ${result.programmes} programmes, ${result.total} completed assessments` +
      ` (${result.assessments} in the big programme) in ${result.seconds} s through saveAssessment`,
  );
  return result;
}

// ---- The pages --------------------------------------------------------------------------------

async function signIn(client: Client): Promise<string> {
  const page = await client.request("GET", "/en/staff/sign-in");
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.raw.toString("utf8"))?.[1];
  if (!csrf) throw new Error(`sign-in page (status ${page.status}) has no csrf field`);
  const reply = await client.request("POST", "/en/staff/sign-in", {
    body: form([
      ["email", "coordinator@demo.example"],
      ["password", DEMO_PASSWORD],
      ["csrf", csrf],
      ["redirectTo", "/en/staff"],
    ]),
  });
  const cookie = [reply.headers["set-cookie"] ?? []].flat()[0]?.split(";")[0];
  if (reply.status !== 302 || !cookie) {
    throw new Error(`sign-in failed: status ${reply.status}`);
  }
  return cookie;
}

/** One untimed GET, then RUNS timed ones; records median/p95 and returns the first page's HTML. */
async function timePage(client: Client, cookie: string, label: string, pathname: string) {
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
    `median < ${TARGET_MEDIAN_MS} ms`,
    median < TARGET_MEDIAN_MS,
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

  const history = await timePage(
    client,
    cookie,
    `History page, ${ASSESSMENTS} assessments`,
    `/en/staff/programmes/${seeded.programmeId}`,
  );
  const historyRows = countLinks(history, "/en/staff/assessments/");
  record(
    "History page lists every assessment",
    `${historyRows} rows`,
    `${ASSESSMENTS} rows`,
    historyRows === ASSESSMENTS,
  );

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

function printTable() {
  const header: Row = { label: "Measure", measured: "Measured", target: "Target", pass: null };
  const all = [header, ...rows];
  const w1 = Math.max(...all.map((r) => r.label.length));
  const w2 = Math.max(...all.map((r) => r.measured.length));
  const w3 = Math.max(...all.map((r) => r.target.length));
  const line = (r: Row, result: string) =>
    `${r.label.padEnd(w1)}  ${r.measured.padEnd(w2)}  ${r.target.padEnd(w3)}  ${result}`;
  const cpu = os.cpus();
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "app", "db", "server.js"], {
      cwd: ROOT,
    }).toString();
    if (dirty.trim()) commit += " + uncommitted changes";
  } catch {
    // not a git checkout
  }
  console.log("");
  console.log(
    `Assessment benchmark: ${new Date().toISOString()}, ${cpu.length} x ${cpu[0]?.model.trim() ?? "cpu"},` +
      ` Node ${process.version}, commit ${commit}`,
  );
  console.log(line(header, "Result"));
  console.log("-".repeat(line(header, "Result").length));
  for (const row of rows)
    console.log(line(row, row.pass === null ? "" : row.pass ? "PASS" : "FAIL"));
  if (notes.length > 0) {
    console.log("");
    for (const note of notes) console.log(`- ${note}`);
  }
  console.log("");
}

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), "assessment-bench-"));
const servers = new Set<Server>();
let broken = false;

async function cleanUp() {
  for (const child of children) child.kill("SIGKILL");
  for (const server of servers) await stopServer(server);
  fs.rmSync(tempRoot, { recursive: true, force: true });
}
process.once("SIGINT", () => {
  void cleanUp().then(() => process.exit(130));
});

try {
  const dataDir = path.join(tempRoot, "data");
  const logFile = path.join(tempRoot, "server.log");

  // The server seeds the demo accounts only into an empty identity store: start it once, stop it.
  log("Assessment bench: starting the server once to seed the demo accounts...");
  const first = await startServer(dataDir, logFile);
  servers.add(first);
  await stopServer(first);
  servers.delete(first);

  log(`Seeding ${PROGRAMMES} programmes, ${ASSESSMENTS} assessments in the big one...`);
  const seeded = await seed(dataDir);

  log("Timing the history and organisation pages...");
  const server = await startServer(dataDir, logFile);
  servers.add(server);
  await pages(server, seeded);
  await stopServer(server);
  servers.delete(server);
} catch (error) {
  broken = true;
  console.error("Assessment bench failed:", error);
  for (const server of servers)
    console.error(`server log (${server.logFile}):\n${tail(server.logFile)}`);
} finally {
  printTable();
  await cleanUp();
}
process.exit(broken ? 1 : 0);
