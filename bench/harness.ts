// Shared by the benches: a results table, a small keep-alive HTTP client, and starting and
// stopping the built server on a free port with a throwaway DATA_DIR.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const DEMO_PASSWORD = "demo-password-for-tests-only";
const REQUEST_TIMEOUT_MS = 30_000;

export const envInt = (name: string, fallback: number, max: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be an integer from 1 to ${max}`);
  }
  return value;
};

// ---- Results table ----------------------------------------------------------------------------

export type Row = { label: string; measured: string; target: string; pass: boolean | null };
export const rows: Row[] = [];
export const notes: string[] = [];

export function record(label: string, measured: string, target = "", pass: boolean | null = null) {
  rows.push({ label, measured, target, pass });
}

export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const log = (message: string) => process.stderr.write(`${message}\n`);

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

export function form(fields: [string, string][]): string {
  return new URLSearchParams(fields).toString();
}

export const BROWSER = { "Accept-Encoding": "gzip, br", Accept: "text/html" };

// ---- HTTP -------------------------------------------------------------------------------------

export type Reply = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as sent on the wire (compressed when the server compressed it). */
  raw: Buffer;
  /** Status line + header bytes, as received. */
  headerBytes: number;
  ms: number;
};

export type RequestOptions = { headers?: Record<string, string>; body?: string };

/** How long the bench's client keeps an unused connection open (ms); the server keeps 65 s. */
const IDLE_SOCKET_MS = 30_000;

export class Client {
  readonly agent: http.Agent;
  constructor(
    readonly port: number,
    maxSockets: number,
  ) {
    // An idle kept-alive connection is closed after IDLE_SOCKET_MS, well before the server's
    // 65 s: otherwise the client may reuse one at the moment the server closes it and get a
    // reset (the soak saw 2 ECONNRESET in 121,200 requests). Browsers and nginx do the same.
    this.agent = new http.Agent({ keepAlive: true, maxSockets, timeout: IDLE_SOCKET_MS });
  }

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
          res.on("end", () => {
            let headerBytes = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`.length + 2;
            for (let i = 0; i < res.rawHeaders.length; i += 2) {
              headerBytes += res.rawHeaders[i]!.length + res.rawHeaders[i + 1]!.length + 4;
            }
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              raw: Buffer.concat(chunks),
              headerBytes,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
            });
          });
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

export function decoded(reply: Reply): string {
  const encoding = reply.headers["content-encoding"];
  if (encoding === "br") return zlib.brotliDecompressSync(reply.raw).toString("utf8");
  if (encoding === "gzip") return zlib.gunzipSync(reply.raw).toString("utf8");
  return reply.raw.toString("utf8");
}

// ---- The server under test --------------------------------------------------------------------

export type Server = { child: ChildProcess; port: number; client: Client; logFile: string };

export async function startServer(
  dataDir: string,
  logFile: string,
  maxSockets = 1,
  /** Added to (or overriding) the server's environment, e.g. DATABASE_URL_* for PostgreSQL. */
  extraEnv: Record<string, string> = {},
): Promise<Server> {
  // BENCH_SERVER_ROOT: another checkout's built server (for example an older commit, to measure
  // "today's rate" in the same run); this checkout's by default.
  const serverRoot = path.resolve(process.env.BENCH_SERVER_ROOT ?? ROOT);
  if (!fs.existsSync(path.join(serverRoot, "build", "index.js"))) {
    throw new Error(`${serverRoot}/build/index.js is missing: run \`npm run build\` first`);
  }
  const port = await freePort();
  const logFd = fs.openSync(logFile, "a");
  // BENCH_PROFILE_DIR: write a V8 CPU profile of each server there (open it in Chrome DevTools).
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const nodeArgs = [
    ...servingNodeArgs(serverRoot),
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : []),
  ];
  const child = spawn(process.execPath, [...nodeArgs, "server.js"], {
    cwd: serverRoot,
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
      ...extraEnv,
    },
  });
  fs.closeSync(logFd);
  let exited = false;
  child.once("exit", () => (exited = true));
  const client = new Client(port, maxSockets);
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

/**
 * Node's options for the server as production starts it: those of `npm run serve` in the
 * checkout's package.json (`node <options> server.js`, e.g. its heap budget, decision 059), so
 * that every bench measures the server as deployed. None for an older checkout without them.
 */
export function servingNodeArgs(serverRoot: string): string[] {
  const { scripts } = JSON.parse(
    fs.readFileSync(path.join(serverRoot, "package.json"), "utf8"),
  ) as { scripts?: Record<string, string> };
  const serve = /^node((?:\s+--[\w-]+(?:=\S+)?)*)\s+server\.js$/.exec(scripts?.serve ?? "");
  if (!serve)
    throw new Error(`${serverRoot}/package.json: "serve" is not "node [options] server.js"`);
  return serve[1]!.trim().split(/\s+/).filter(Boolean);
}

export function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export async function stopServer(server: Server | undefined): Promise<void> {
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

/** The demo accounts' two-step key in benches (the demo seed reads it; decision 020). */
export const BENCH_TOTP_SECRET = "BENCHONLYBENCHONLYBENCHONLY234567";

const cookieOf = (reply: Reply, name: string) =>
  [reply.headers["set-cookie"] ?? []]
    .flat()
    .map((header) => header.split(";")[0]!)
    .find((value) => value.startsWith(`${name}=`) || value.includes(`_${name}=`));

/**
 * Signs in through the real sign-in form and returns the session cookie ("name=value"). For
 * an account with two-step sign-in (admin, secretariat, reviewer in the demo) the server must
 * have been started with DEMO_TOTP_SECRET = BENCH_TOTP_SECRET; the code is computed from it.
 */
export async function signIn(client: Client, email = "coordinator@demo.example"): Promise<string> {
  const page = await client.request("GET", "/en/staff/sign-in");
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.raw.toString("utf8"))?.[1];
  if (!csrf) throw new Error(`sign-in page (status ${page.status}) has no csrf field`);
  let reply = await client.request("POST", "/en/staff/sign-in", {
    body: form([
      ["email", email],
      ["password", DEMO_PASSWORD],
      ["csrf", csrf],
      ["redirectTo", "/en/staff"],
    ]),
  });
  if (reply.status === 302 && String(reply.headers.location).endsWith("/staff/sign-in/code")) {
    const challenge = cookieOf(reply, "sign_in");
    const { Secret, TOTP } = await import("otpauth");
    const totp = new TOTP({ secret: Secret.fromBase32(BENCH_TOTP_SECRET) });
    // Each code is accepted once per account: try the current step, then the next one.
    for (const steps of [0, 1]) {
      reply = await client.request("POST", "/en/staff/sign-in/code", {
        headers: { Cookie: challenge ?? "" },
        body: form([
          ["code", totp.generate({ timestamp: Date.now() + steps * 30_000 })],
          ["csrf", csrf],
        ]),
      });
      if (reply.status === 302) break;
    }
  }
  const cookie = cookieOf(reply, "session");
  if (reply.status !== 302 || !cookie) {
    throw new Error(`sign-in for ${email} failed: status ${reply.status}`);
  }
  return cookie;
}

/** Signs the confidentiality declaration in force, if not signed yet (board pages need it). */
export async function signDeclaration(client: Client, cookie: string): Promise<void> {
  const page = await client.request("GET", "/en/staff/declaration", {
    headers: { Cookie: cookie },
  });
  const html = page.raw.toString("utf8");
  const version = /name="version" value="(\d+)"/.exec(html)?.[1];
  if (!version) return;
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const reply = await client.request("POST", "/en/staff/declaration", {
    headers: { Cookie: cookie },
    body: form([
      ["csrf", csrf],
      ["version", version],
      ["fullName", "Bench Person"],
      ["confirm", "yes"],
    ]),
  });
  if (reply.status !== 303) throw new Error(`declaration: status ${reply.status}`);
}

export function printTable(title: string) {
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
    `${title}: ${new Date().toISOString()}, ${cpu.length} x ${cpu[0]?.model.trim() ?? "cpu"},` +
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

/** A seeded random generator (mulberry32), so the seeders' data is the same on every run. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return { random, pick };
}

/** Seeders still running, killed if the bench stops early. */
const seeders = new Set<ChildProcess>();

/**
 * Runs a seeder script (through tsx, on the app's source) with `env` added, killed after
 * `limitMs`; returns the JSON of the last line it prints.
 */
export async function runSeeder<T>(
  script: string,
  env: Record<string, string>,
  limitMs: number,
): Promise<T> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  seeders.add(child);
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  seeders.delete(child);
  if (code !== 0) throw new Error(`${script} exited with ${code}: ${out}`);
  return JSON.parse(out.trim().split("\n").at(-1)!) as T;
}

export type Bench = {
  /** A throwaway directory for DATA_DIRs and logs, removed at the end. */
  tempRoot: string;
  /** Starts the reference server (bench/reference-server.ts), stopped at the end. */
  reference(): Promise<Reference>;
  /** Starts a server that is stopped at the end if it is still running. */
  start(
    dataDir: string,
    logName: string,
    maxSockets?: number,
    extraEnv?: Record<string, string>,
  ): Promise<Server>;
  stop(server: Server): Promise<void>;
};

/**
 * Runs a bench: on any failure prints the servers' last log lines; always prints the table,
 * stops the servers and seeders and removes the temp directory (also on Ctrl-C). Exits 1 only
 * if the bench itself broke.
 */
export async function runBench(title: string, body: (bench: Bench) => Promise<void>) {
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  const servers = new Set<Server>();
  const references = new Set<ChildProcess>();
  const cleanUp = async () => {
    for (const child of seeders) child.kill("SIGKILL");
    for (const child of references) await stopChild(child);
    for (const server of servers) await stopServer(server);
    fs.rmSync(tempRoot, { recursive: true, force: true });
  };
  process.once("SIGINT", () => {
    void cleanUp().then(() => process.exit(130));
  });
  const bench: Bench = {
    tempRoot,
    async reference() {
      const reference = await startReference(path.join(tempRoot, "reference"));
      references.add(reference.child);
      return reference;
    },
    async start(dataDir, logName, maxSockets, extraEnv) {
      const server = await startServer(dataDir, path.join(tempRoot, logName), maxSockets, extraEnv);
      servers.add(server);
      return server;
    },
    async stop(server) {
      await stopServer(server);
      servers.delete(server);
    },
  };
  let broken = false;
  try {
    await body(bench);
  } catch (error) {
    broken = true;
    console.error(`${title} failed:`, error);
    for (const server of servers)
      console.error(`server log (${server.logFile}):\n${tail(server.logFile)}`);
  } finally {
    printTable(title);
    await cleanUp();
  }
  process.exit(broken ? 1 : 0);
}

// ---- The reference server and the load tool ---------------------------------------------------

export type Reference = {
  child: ChildProcess;
  port: number;
  /** Bytes of the reference page (about 16 kB). */
  pageBytes: number;
  /** Responses the reference server has stored. */
  stored(): Promise<number>;
};

/** Starts bench/reference-server.ts on a free port, its SQLite file in `dataDir`. */
export async function startReference(dataDir: string): Promise<Reference> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(ROOT, "bench", "reference-server.ts"), dataDir],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("reference server did not start")), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (out.includes("\n")) {
        clearTimeout(timer);
        resolve(out.split("\n")[0]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`reference server exited with ${code}`)));
  });
  const { port, pageBytes } = JSON.parse(first) as { port: number; pageBytes: number };
  return {
    child,
    port,
    pageBytes,
    async stored() {
      const client = new Client(port, 1);
      try {
        const reply = await client.request("GET", "/count");
        return (JSON.parse(reply.raw.toString("utf8")) as { responses: number }).responses;
      } finally {
        client.close();
      }
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

export type Load = {
  /** Requests answered as `ok` says, per second of the timed phase. */
  perSecond: number;
  ok: number;
  /** Requests answered otherwise, or not at all. */
  failed: number;
  /** Warm-up requests answered as `ok` says (not in the figures; counted for "none lost"). */
  warmupOk: number;
  p50: number;
  p99: number;
  seconds: number;
  /** The first few failures, for the notes. */
  failures: string[];
};

export type LoadSpec = {
  port: number;
  method?: string;
  /** The path of request `i` (the same for every request if a string). */
  path: string | ((i: number) => string);
  headers?: Record<string, string>;
  /** The body of request `i`; undefined for none. */
  body?: (i: number) => string | undefined;
  /** Concurrent keep-alive clients, each sending its next request when the last is answered. */
  clients: number;
  /** The timed phase ends after this long… */
  seconds: number;
  /** …or after this many requests, whichever comes first. */
  maxRequests?: number;
  /** Untimed requests first, to warm the server up (default: 2 per client, at most 200). */
  warmup?: number;
  /** What counts as answered (default: status 200). */
  ok?: (reply: Reply) => boolean;
};

/**
 * The one load tool every bench uses for the portal and the reference alike: `clients`
 * closed-loop workers on one keep-alive agent, bounded in time and count. Latencies are
 * measured by the client, per request, in ms.
 */
export async function load(spec: LoadSpec): Promise<Load> {
  const client = new Client(spec.port, spec.clients);
  const pathOf = typeof spec.path === "string" ? () => spec.path as string : spec.path;
  const ok = spec.ok ?? ((reply: Reply) => reply.status === 200);
  const failures: string[] = [];
  let index = 0;
  const one = async () => {
    const i = index++;
    try {
      const reply = await client.request(spec.method ?? "GET", pathOf(i), {
        headers: spec.headers,
        body: spec.body?.(i),
      });
      if (ok(reply)) return reply.ms;
      if (failures.length < 5) failures.push(`status ${reply.status}`);
    } catch (error) {
      if (failures.length < 5) failures.push(String(error));
    }
    return NaN;
  };
  try {
    const warmup = spec.warmup ?? Math.min(200, 2 * spec.clients);
    let warmupOk = 0;
    await Promise.all(
      Array.from({ length: Math.min(spec.clients, warmup) }, async (_, w) => {
        for (let j = w; j < warmup; j += spec.clients) if (Number.isFinite(await one())) warmupOk++;
      }),
    );
    const latencies: number[] = [];
    let failed = 0;
    const max = spec.maxRequests ?? Infinity;
    let sent = 0;
    const started = process.hrtime.bigint();
    const deadline = Date.now() + spec.seconds * 1000;
    await Promise.all(
      Array.from({ length: spec.clients }, async () => {
        while (sent < max && Date.now() < deadline) {
          sent++;
          const took = await one();
          if (Number.isFinite(took)) latencies.push(took);
          else failed++;
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    return {
      perSecond: latencies.length / seconds,
      ok: latencies.length,
      failed,
      warmupOk,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      seconds,
      failures,
    };
  } finally {
    client.close();
  }
}

/** "0.07 x" */
export const ratio = (portal: number, reference: number) =>
  `${(portal / reference).toFixed(reference / portal > 100 ? 4 : 3)} x`;

/** A number from the command line (`--name 3` or `--name=3`), else the environment, else the default. */
export function option(name: string, envName: string, fallback: number, max: number): number {
  const args = process.argv.slice(2);
  const at = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (at >= 0) {
    const raw = args[at]!.includes("=") ? args[at]!.split("=")[1] : args[at + 1];
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0 || value > max)
      throw new Error(`--${name} must be a number above 0 and at most ${max}`);
    return value;
  }
  const value = Number(process.env[envName] ?? fallback);
  if (!Number.isFinite(value) || value <= 0 || value > max)
    throw new Error(`${envName} must be a number above 0 and at most ${max}`);
  return value;
}
