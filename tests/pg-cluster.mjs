// A throwaway PostgreSQL 15 cluster for the test runs: initdb into a temporary folder, started
// on a free port on 127.0.0.1 (as the `postgres` user when we are root: PostgreSQL refuses to
// run as root), stopped and removed at the end. Plain JavaScript so that Vitest's global set-up,
// tests/run-e2e.mjs and the benches can all use it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** Debian installs each major version under /usr/lib/postgresql/NN/bin; the newest wins. */
function installedBinDirs() {
  try {
    return fs
      .readdirSync("/usr/lib/postgresql")
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a))
      .map((name) => `/usr/lib/postgresql/${name}/bin`);
  } catch {
    return [];
  }
}

/** The folder holding initdb and pg_ctl, or undefined when PostgreSQL is not installed. */
export function findPostgresBin() {
  if (process.env.PG_BIN && fs.existsSync(path.join(process.env.PG_BIN, "initdb")))
    return process.env.PG_BIN;
  return installedBinDirs().find((dir) => fs.existsSync(path.join(dir, "initdb")));
}

/** A TCP port nobody listens on right now, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function asPostgres(bin, args, options = {}) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const [command, commandArgs] = isRoot
    ? ["runuser", ["-u", "postgres", "--", bin, ...args]]
    : [bin, args];
  return execFileSync(command, commandArgs, { stdio: "pipe", ...options });
}

/**
 * Starts a cluster and returns { port, host, adminUrl, bin, dir, stop(), pause(), resume() }.
 * `pause` and `resume` stop and start the same cluster (for "database down" tests).
 * Throws when PostgreSQL is not installed.
 */
export async function startCluster() {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed (no initdb under /usr/lib/postgresql)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-pg-"));
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot) execFileSync("chown", ["postgres:postgres", dir]);
  fs.chmodSync(dir, 0o700);
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "log");
  const port = await freePort();
  asPostgres(path.join(bin, "initdb"), [
    "-D",
    dataDir,
    "-A",
    "trust",
    "-U",
    "postgres",
    "-E",
    "UTF8",
    "--no-locale",
  ]);
  const ctl = (...args) => asPostgres(path.join(bin, "pg_ctl"), ["-D", dataDir, ...args]);
  const start = () =>
    ctl(
      "-o",
      // fsync stays on: tests of durability must see the real thing. No WAL archiving.
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      "-l",
      logFile,
      "-w",
      "start",
    );
  start();
  let running = true;
  const stopServer = () => {
    if (!running) return;
    ctl("-m", "fast", "-w", "stop");
    running = false;
  };
  return {
    bin,
    dir,
    host: "127.0.0.1",
    port,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pause() {
      stopServer();
    },
    resume() {
      if (running) return;
      start();
      running = true;
    },
    stop() {
      try {
        stopServer();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The SQL that makes the two stores' databases, each owned by its own login role that cannot
 * connect to the other (README "PostgreSQL"), and with `keysDb`, `keysRole` and
 * `passwords.keys` a third one for the board's person keys (DATABASE_URL_KEYS,
 * docs/decisions/047), whose role has no rights on the other two nor they on it. Used by the
 * tests exactly as the README shows it.
 */
export function storeDatabasesSql({
  identityDb,
  responsesDb,
  keysDb,
  identityRole,
  responsesRole,
  keysRole,
  passwords,
}) {
  const q = (name) => `"${name.replaceAll('"', '""')}"`;
  const lit = (value) => `'${value.replaceAll("'", "''")}'`;
  const stores = [
    [identityDb, identityRole, passwords.identity],
    [responsesDb, responsesRole, passwords.responses],
    ...(keysDb ? [[keysDb, keysRole, passwords.keys]] : []),
  ];
  return [
    ...stores.map(([, role, password]) => `CREATE ROLE ${q(role)} LOGIN PASSWORD ${lit(password)}`),
    ...stores.map(
      ([db, role]) =>
        `CREATE DATABASE ${q(db)} OWNER ${q(role)} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
    ),
    ...stores.map(([db]) => `REVOKE ALL ON DATABASE ${q(db)} FROM PUBLIC`),
  ];
}
