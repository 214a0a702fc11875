// Runs the Playwright suite against the built server on a free port with a throwaway DATA_DIR,
// so tests never touch ./data and two runs never collide.
//
// `node tests/run-e2e.mjs --postgres [files…]` runs it on a throwaway PostgreSQL cluster
// instead, with a second app instance on another port sharing the same two databases
// (tests/e2e/two-instances.test.ts). The default, and `npm test`, stay on SQLite.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

import pg from "pg";

import { freePort, startCluster, storeDatabasesSql } from "./pg-cluster.mjs";

const args = process.argv.slice(2);
const onPostgres = args.includes("--postgres");
const playwrightArgs = args.filter((arg) => arg !== "--postgres");

const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));

const env = {
  ...process.env,
  E2E_PORT: String(port),
  PORT: String(port),
  DATA_DIR: dataDir,
  NODE_ENV: "production",
  DEMO_PASSWORD: "demo-password-for-tests-only",
  PUBLIC_URL: `http://localhost:${port}`,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
};
delete env.SMTP_URL;
delete env.DATABASE_URL_IDENTITY;
delete env.DATABASE_URL_RESPONSES;

let cluster;
if (onPostgres) {
  cluster = await startCluster();
  const names = {
    identityDb: "portal_identity",
    responsesDb: "portal_responses",
    identityRole: "portal_identity",
    responsesRole: "portal_responses",
    passwords: { identity: "e2e-identity", responses: "e2e-responses" },
  };
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  for (const statement of storeDatabasesSql(names)) await admin.query(statement);
  await admin.end();
  const at = (role, password, database) =>
    `postgres://${role}:${password}@${cluster.host}:${cluster.port}/${database}`;
  env.DATABASE_URL_IDENTITY = at("portal_identity", "e2e-identity", "portal_identity");
  env.DATABASE_URL_RESPONSES = at("portal_responses", "e2e-responses", "portal_responses");
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

const child = spawn("npx", ["playwright", "test", ...playwrightArgs], {
  stdio: "inherit",
  env,
});
child.on("exit", (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  cluster?.stop();
  process.exit(code ?? 1);
});
