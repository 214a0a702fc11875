// Runs the Playwright suite against the built server on a free port with a throwaway DATA_DIR,
// so tests never touch ./data and two runs never collide.
//
// `node tests/run-e2e.mjs --postgres [files…]` runs it on a throwaway PostgreSQL cluster
// instead, with a second app instance on another port sharing the same two databases
// (tests/e2e/two-instances.test.ts). The default, and `npm test`, stay on SQLite.
//
// On SQLite the whole suite runs in two shards at once (files split by measured time) (E2E_SHARDS, default 2 on a full run,
// 1 when files are named): each shard has its own server, port and DATA_DIR, so no test sees
// another shard's accounts, outbox or audit log, and the two cores of a small CI machine are
// both used. Playwright's own workers would share one server and one database instead.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

import pg from "pg";

import { freePort, startCluster, storeDatabasesSql } from "./pg-cluster.mjs";

const args = process.argv.slice(2);
const onPostgres = args.includes("--postgres");
const playwrightArgs = args.filter((arg) => arg !== "--postgres");

const namedFiles = playwrightArgs.some((arg) => !arg.startsWith("-"));
const shards = onPostgres ? 1 : Number(process.env.E2E_SHARDS ?? (namedFiles ? 1 : 2));

/** The environment of one run: its own free port and throwaway DATA_DIR. */
async function runEnv() {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
  const env = {
    ...process.env,
    E2E_PORT: String(port),
    PORT: String(port),
    DATA_DIR: dataDir,
    NODE_ENV: "production",
    DEMO_PASSWORD: "demo-password-for-tests-only",
    // The demo accounts' two-step sign-in key (tests/e2e/helpers.ts; only the demo seed reads it).
    DEMO_TOTP_SECRET: "DEMOTESTSONLYDEMOTESTSONLY234567",
    PUBLIC_URL: `http://localhost:${port}`,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
    E2E_OUTPUT_DIR: path.join(dataDir, "test-results"),
  };
  delete env.SMTP_URL;
  delete env.DATABASE_URL_IDENTITY;
  delete env.DATABASE_URL_RESPONSES;
  delete env.DATABASE_URL_KEYS;
  return { env, dataDir };
}

const { env, dataDir } = await runEnv();

let cluster;
if (onPostgres) {
  cluster = await startCluster();
  const names = {
    identityDb: "portal_identity",
    responsesDb: "portal_responses",
    keysDb: "portal_keys",
    identityRole: "portal_identity",
    responsesRole: "portal_responses",
    keysRole: "portal_keys",
    passwords: { identity: "e2e-identity", responses: "e2e-responses", keys: "e2e-keys" },
  };
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  for (const statement of storeDatabasesSql(names)) await admin.query(statement);
  await admin.end();
  const at = (role, password, database) =>
    `postgres://${role}:${password}@${cluster.host}:${cluster.port}/${database}`;
  env.DATABASE_URL_IDENTITY = at("portal_identity", "e2e-identity", "portal_identity");
  env.DATABASE_URL_RESPONSES = at("portal_responses", "e2e-responses", "portal_responses");
  // The board's person keys in a database of their own (docs/decisions/047), so the two
  // instances share them without sharing DATA_DIR.
  env.DATABASE_URL_KEYS = at("portal_keys", "e2e-keys", "portal_keys");
  // The second instance has a DATA_DIR of its own, as on another machine: everything the two
  // share is in the databases, and the secrets come from the environment, the same for both.
  for (const name of ["DATA_KEY", "SESSION_SECRET", "FEEDBACK_SECRET"])
    env[name] = randomBytes(32).toString("hex");
  env.E2E_DATA_DIR_B = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-b-"));
  env.E2E_PORT_B = String(await freePort());
  // The "database down" test (tests/e2e/database-down.test.ts) stops and starts the cluster
  // through this local endpoint: POST /pause, POST /resume.
  const control = http.createServer((req, res) => {
    try {
      if (req.method === "POST" && req.url === "/pause") cluster.pause();
      else if (req.method === "POST" && req.url === "/resume") cluster.resume();
      else return res.writeHead(404).end();
      res.writeHead(204).end();
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  const controlPort = await freePort();
  await new Promise((resolve) => control.listen(controlPort, "127.0.0.1", resolve));
  control.unref();
  env.E2E_PG_CONTROL = `http://127.0.0.1:${controlPort}`;
}

/** Runs Playwright once; resolves with its exit code and removes its DATA_DIR. */
function runPlaywright(runEnvironment, extraArgs, label) {
  return new Promise((resolve) => {
    const child = spawn("npx", ["playwright", "test", ...playwrightArgs, ...extraArgs], {
      stdio: label ? ["ignore", "pipe", "pipe"] : "inherit",
      env: runEnvironment.env,
    });
    if (label) {
      for (const stream of [child.stdout, child.stderr]) {
        let rest = "";
        stream.on("data", (chunk) => {
          const lines = (rest + chunk).split("\n");
          rest = lines.pop() ?? "";
          for (const line of lines) process.stdout.write(`${label} ${line}\n`);
        });
        stream.on("end", () => rest && process.stdout.write(`${label} ${rest}\n`));
      }
    }
    child.on("exit", (code) => {
      fs.rmSync(runEnvironment.dataDir, { recursive: true, force: true });
      resolve(code ?? 1);
    });
  });
}

/**
 * Seconds each browser test file took on this machine (measured 2026-11-30 at 05:45, two shards at once, quiet machine; minutes, meetings, board-review and declaration raised by estimate at 14:50 for the steps added then), to split the files
 * into shards of about equal time; Playwright's own --shard balances test counts, and the role
 * matrix's many short tests would then leave one shard with most of the work. A file not listed
 * counts as 40 s.
 */
const FILE_SECONDS = {
  "xss-payloads": 100,
  "board-apply": 90,
  "feedback-survivor": 88,
  "feedback-coordinator": 81,
  "error-summary": 80,
  campaigns: 78,
  invitations: 76,
  "session-end": 75,
  assessment: 70,
  "survivor-phone-layout": 67,
  "board-members": 66,
  "assessment-drafts": 59,
  "board-review": 62,
  "good-practice": 51,
  "public-pages": 50,
  "two-factor": 46,
  meetings: 55,
  "meeting-change": 40,
  "password-reset": 43,
  "feedback-redaction": 36,
  "staff-sign-in": 36,
  "staff-layout": 27,
  minutes: 45,
  wording: 26,
  "action-items": 25,
  "questionnaire-history": 24,
  declaration: 28,
  "feedback-results": 18,
  "member-data": 16,
  "forgiving-addresses": 16,
  "role-matrix": 14,
  "request-logs": 1,
  "client-bundles": 5,
  // Skipped on SQLite (they need --postgres).
  "database-down": 1,
  "postgres-smoke": 1,
  "two-instances": 1,
};

/** The test files split into `count` groups of about equal time (largest first, greedy). */
function splitFiles(count) {
  const files = fs
    .readdirSync(path.join("tests", "e2e"))
    .filter((name) => name.endsWith(".test.ts"))
    .map((name) => ({ name, seconds: FILE_SECONDS[name.replace(/\.test\.ts$/, "")] ?? 40 }))
    .sort((a, b) => b.seconds - a.seconds || a.name.localeCompare(b.name));
  const groups = Array.from({ length: count }, () => ({ seconds: 0, files: [] }));
  for (const file of files) {
    const lightest = groups.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    lightest.files.push(path.join("tests", "e2e", file.name));
    lightest.seconds += file.seconds;
  }
  return groups.map((group) => group.files);
}

let codes;
if (shards > 1) {
  const environments = [{ env, dataDir }];
  while (environments.length < shards) environments.push(await runEnv());
  const groups = splitFiles(shards);
  codes = await Promise.all(
    environments.map((environment, i) =>
      runPlaywright(environment, groups[i], `[${i + 1}/${shards}]`),
    ),
  );
} else {
  codes = [await runPlaywright({ env, dataDir }, [], "")];
}
cluster?.stop();
if (env.E2E_DATA_DIR_B) fs.rmSync(env.E2E_DATA_DIR_B, { recursive: true, force: true });
process.exit(codes.every((code) => code === 0) ? 0 : 1);
