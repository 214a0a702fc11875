import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { Decrypter, Encrypter } from "age-encryption";
import pg from "pg";
import sqlite3 from "sqlite3";

import type { StoreLocation } from "./open-store";

const run = promisify(execFile);

/** The two stores, by the names used for their files in a snapshot. */
export const STORE_NAMES = ["identity", "responses"] as const;
export type StoreName = (typeof STORE_NAMES)[number];
export type StoreLocations = Record<StoreName, StoreLocation>;

/** What `manifest.json` in a snapshot folder says (format 1). */
export type SnapshotManifest = {
  format: 1;
  /** ISO-8601 UTC, when the snapshot began. */
  created: string;
  stores: Record<StoreName, { engine: StoreLocation["engine"]; file: string }>;
  /** True when the store files are age-encrypted with a passphrase (files end in .age). */
  encrypted?: boolean;
};

export type SnapshotOptions = {
  /** When the snapshot began (the folder's date); now by default. */
  now?: Date;
  /** Encrypts each store file with age (scrypt passphrase, the age-encryption library). */
  passphrase?: string;
  /**
   * The scrypt cost as log2(N), for tests only: age's default (18, about a second of work per
   * file on purpose) is kept unless this is given. The file format is the same either way; the
   * reader takes the cost from the file's header.
   */
  scryptLogN?: number;
};

export const CHECKSUM_FILE = "SHA256SUMS";
const MANIFEST_FILE = "manifest.json";

/**
 * Where the stores live, read from the environment as the server reads it (DATA_DIR, default
 * ./data; DATABASE_URL_IDENTITY and DATABASE_URL_RESPONSES for PostgreSQL) but without
 * app/platform/config.server.ts, which would create secret files in an empty DATA_DIR.
 */
export function storeLocationsFromEnv(
  env: Record<string, string | undefined> = process.env,
): StoreLocations {
  const identityUrl = env.DATABASE_URL_IDENTITY;
  const responsesUrl = env.DATABASE_URL_RESPONSES;
  if (Boolean(identityUrl) !== Boolean(responsesUrl))
    throw new Error("Set both DATABASE_URL_IDENTITY and DATABASE_URL_RESPONSES, or neither");
  if (identityUrl && responsesUrl)
    return {
      identity: { engine: "postgres", url: identityUrl },
      responses: { engine: "postgres", url: responsesUrl },
    };
  const dataDir = path.resolve(env.DATA_DIR || "./data");
  return {
    identity: { engine: "sqlite", filename: path.join(dataDir, "identity.sqlite") },
    responses: { engine: "sqlite", filename: path.join(dataDir, "responses.sqlite") },
  };
}

/**
 * Where the board's person-key store is (docs/decisions/021, 047), read from the environment
 * like `storeLocationsFromEnv`: the PostgreSQL database of DATABASE_URL_KEYS (only with the two
 * stores on PostgreSQL; throws otherwise), or the file `DATA_DIR/person-keys.sqlite`. It is
 * never part of a snapshot; scripts use this to name it and to re-wrap its keys.
 */
export function keyStoreLocationFromEnv(
  env: Record<string, string | undefined> = process.env,
): StoreLocation {
  const stores = storeLocationsFromEnv(env);
  if (env.DATABASE_URL_KEYS) {
    if (stores.identity.engine !== "postgres")
      throw new Error(
        "DATABASE_URL_KEYS needs the two stores on PostgreSQL too (DATABASE_URL_IDENTITY and DATABASE_URL_RESPONSES)",
      );
    return { engine: "postgres", url: env.DATABASE_URL_KEYS };
  }
  return {
    engine: "sqlite",
    filename: path.join(path.resolve(env.DATA_DIR || "./data"), "person-keys.sqlite"),
  };
}

/**
 * The sentence `npm run backup` (after: "backup") or `npm run restore` (after: "restore") prints
 * about what a snapshot leaves out on purpose: the secret files and the key store at
 * `keyStore` (a file, or the database of DATABASE_URL_KEYS), copied apart (README, Backups).
 */
export function keyStoreAdvice(keyStore: StoreLocation, after: "backup" | "restore"): string {
  const keys =
    keyStore.engine === "sqlite"
      ? { what: `the board's person keys (${keyStore.filename})`, how: "a copy of the file" }
      : {
          what: `the board's person-key database (${new URL(keyStore.url).pathname.slice(1)}, DATABASE_URL_KEYS)`,
          how: "the key database's own pg_dump",
        };
  return after === "backup"
    ? `The secret files (data-key, feedback-secret, session-secret) and ${keys.what} are not in it, on purpose: copy them apart, the person keys as ${keys.how}, kept 7 days at most (README, Backups).`
    : `Restored. Put back the same data-key and feedback-secret and, unless it survived, ${keys.what} from the newest copy (${keys.how}), before starting the portal.`;
}

/**
 * Writes a consistent snapshot of both stores into `folder` (created; must not exist) while
 * the portal keeps serving: SQLite through its online backup API (one step, under a read
 * lock, so the copy is one committed state), PostgreSQL through `pg_dump --format=custom`
 * (one repeatable-read transaction). Each store is consistent in itself; the two are taken one
 * after the other. Then `manifest.json` and `SHA256SUMS` (the format of `sha256sum`, so
 * `sha256sum -c SHA256SUMS` checks it by hand). Secret files are never part of a snapshot.
 * With a passphrase each store file is encrypted with age (`<file>.age`, readable with the `age`
 * command too); the plain copy exists only inside the new 0700 folder until it is encrypted.
 * Throws when a store cannot be read; a half-written folder is then removed.
 */
export async function writeSnapshot(
  stores: StoreLocations,
  folder: string,
  { now = new Date(), passphrase, scryptLogN }: SnapshotOptions = {},
): Promise<SnapshotManifest> {
  fs.mkdirSync(folder, { recursive: false, mode: 0o700 });
  try {
    const manifest: SnapshotManifest = {
      format: 1,
      created: now.toISOString(),
      stores: {} as SnapshotManifest["stores"],
      ...(passphrase ? { encrypted: true } : {}),
    };
    for (const name of STORE_NAMES) {
      const location = stores[name];
      const plain = location.engine === "sqlite" ? `${name}.sqlite` : `${name}.pgdump`;
      const target = path.join(folder, plain);
      if (location.engine === "sqlite") await sqliteOnlineBackup(location.filename, target);
      else
        await run("pg_dump", [
          "--format=custom",
          "--no-owner",
          "--no-privileges",
          `--file=${target}`,
          `--dbname=${location.url}`,
        ]);
      fs.chmodSync(target, 0o600);
      let file = plain;
      if (passphrase) {
        const encrypter = new Encrypter();
        encrypter.setPassphrase(passphrase);
        if (scryptLogN !== undefined) encrypter.setScryptWorkFactor(scryptLogN);
        file = `${plain}.age`;
        fs.writeFileSync(
          path.join(folder, file),
          await encrypter.encrypt(fs.readFileSync(target)),
          {
            mode: 0o600,
          },
        );
        fs.rmSync(target);
      }
      manifest.stores[name] = { engine: location.engine, file };
    }
    fs.writeFileSync(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, {
      mode: 0o600,
    });
    const files = [...STORE_NAMES.map((name) => manifest.stores[name].file), MANIFEST_FILE];
    const sums = files.map((file) => `${sha256File(path.join(folder, file))}  ${file}\n`);
    fs.writeFileSync(path.join(folder, CHECKSUM_FILE), sums.join(""), { mode: 0o600 });
    return manifest;
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Checks every file listed in the snapshot's SHA256SUMS and returns its manifest. Throws
 * naming the first file that is missing or differs.
 */
export function verifySnapshot(folder: string): SnapshotManifest {
  const listing = fs.readFileSync(path.join(folder, CHECKSUM_FILE), "utf8");
  const listed = new Set<string>();
  for (const line of listing.split("\n").filter(Boolean)) {
    const match = /^([0-9a-f]{64}) {2}([\w.-]+)$/.exec(line);
    if (!match) throw new Error(`${CHECKSUM_FILE} has a line it cannot read`);
    const [, expected, file] = match as unknown as [string, string, string];
    const at = path.join(folder, file);
    if (!fs.existsSync(at)) throw new Error(`${file} is missing from the snapshot`);
    if (sha256File(at) !== expected) throw new Error(`${file} does not match its checksum`);
    listed.add(file);
  }
  const manifest = JSON.parse(
    fs.readFileSync(path.join(folder, MANIFEST_FILE), "utf8"),
  ) as SnapshotManifest;
  for (const name of STORE_NAMES)
    if (!listed.has(manifest.stores[name]?.file ?? "") || !listed.has(MANIFEST_FILE))
      throw new Error(`${CHECKSUM_FILE} does not cover the ${name} store`);
  return manifest;
}

/**
 * Restores a verified snapshot into empty stores: a SQLite file that does not exist yet, or a
 * PostgreSQL database with no tables (pg_restore in one transaction, so a failure leaves it
 * empty). Refuses, before writing anything, a target that is not empty, an engine other than
 * the snapshot's, a snapshot whose checksums do not match, and an encrypted snapshot without
 * its passphrase (or with a wrong one).
 */
export async function restoreSnapshot(
  folder: string,
  stores: StoreLocations,
  { passphrase }: { passphrase?: string } = {},
): Promise<void> {
  const manifest = verifySnapshot(folder);
  if (manifest.encrypted && !passphrase)
    throw new Error("The snapshot is encrypted: give its passphrase (--passphrase-file)");
  for (const name of STORE_NAMES) {
    const location = stores[name];
    if (manifest.stores[name].engine !== location.engine)
      throw new Error(
        `The snapshot's ${name} store is ${manifest.stores[name].engine}, the target is ${location.engine}`,
      );
    if (!(await isEmptyStore(location)))
      throw new Error(`The ${name} store is not empty: restore only into an empty one`);
  }
  // Decrypted copies live in a private temporary folder, removed whatever happens.
  const plainDir = manifest.encrypted
    ? fs.mkdtempSync(path.join(os.tmpdir(), "portal-restore-"))
    : undefined;
  try {
    const sources = {} as Record<StoreName, string>;
    for (const name of STORE_NAMES) {
      sources[name] = path.join(folder, manifest.stores[name].file);
      if (!plainDir) continue;
      const decrypter = new Decrypter();
      decrypter.addPassphrase(passphrase ?? "");
      const plain = await decrypter.decrypt(fs.readFileSync(sources[name])).catch(() => {
        throw new Error("The passphrase does not open this snapshot");
      });
      sources[name] = path.join(plainDir, manifest.stores[name].file.replace(/\.age$/, ""));
      fs.writeFileSync(sources[name], plain, { mode: 0o600 });
    }
    await restoreFiles(sources, stores);
  } finally {
    if (plainDir) fs.rmSync(plainDir, { recursive: true, force: true });
  }
}

async function restoreFiles(
  sources: Record<StoreName, string>,
  stores: StoreLocations,
): Promise<void> {
  for (const name of STORE_NAMES) {
    const location = stores[name];
    const source = sources[name];
    if (location.engine === "sqlite") {
      fs.mkdirSync(path.dirname(location.filename), { recursive: true, mode: 0o700 });
      fs.copyFileSync(source, location.filename, fs.constants.COPYFILE_EXCL);
      fs.chmodSync(location.filename, 0o600);
    } else {
      await run("pg_restore", [
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        `--dbname=${location.url}`,
        source,
      ]);
    }
  }
}

/** True when the store holds nothing: no SQLite file (or an empty one), or no tables. */
export async function isEmptyStore(location: StoreLocation): Promise<boolean> {
  if (location.engine === "sqlite") {
    return !fs.existsSync(location.filename) || fs.statSync(location.filename).size === 0;
  }
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      "select count(*) as count from pg_catalog.pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
    );
    return Number(rows[0]?.count) === 0;
  } finally {
    await client.end();
  }
}

function sha256File(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** node-sqlite3's backup API (lib/sqlite3.js), which its type declarations leave out. */
type SqliteWithBackup = {
  backup(
    filename: string,
    callback: (error: Error | null) => void,
  ): {
    step(pages: number, callback: (error: Error | null) => void): void;
    finish(callback: (error: Error | null) => void): void;
  };
};

/** SQLite's online backup of a whole database file, in one step (one consistent state). */
async function sqliteOnlineBackup(source: string, target: string): Promise<void> {
  if (!fs.existsSync(source)) throw new Error(`No database at ${source}`);
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened = new sqlite3.Database(source, sqlite3.OPEN_READWRITE, (error) =>
      error ? reject(error) : resolve(opened),
    );
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const backup = (db as unknown as SqliteWithBackup).backup(target, (error) => {
        if (error) return reject(error);
        backup.step(-1, (stepError) => {
          if (stepError) return reject(stepError);
          backup.finish((finishError) => (finishError ? reject(finishError) : resolve()));
        });
      });
    });
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}
