import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { loadConfig, sameDatabase } from "./config.server";
import { keyStoreAdvice, keyStoreLocationFromEnv } from "../../db/backup";

const dirs: string[] = [];
const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-config-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("configuration", () => {
  it("generates separate secrets once and reads the same ones on the next start", () => {
    const DATA_DIR = freshDir();
    const first = loadConfig({ DATA_DIR });
    expect(first.feedbackSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(first.feedbackSecret).not.toBe(first.sessionSecret);
    expect(fs.statSync(path.join(DATA_DIR, "feedback-secret")).mode & 0o777).toBe(0o600);
    const again = loadConfig({ DATA_DIR });
    expect(again.feedbackSecret).toBe(first.feedbackSecret);
    expect(again.dataKey.equals(first.dataKey)).toBe(true);
  });

  it("keeps the access-code key when the session secret is rotated", () => {
    const DATA_DIR = freshDir();
    const before = loadConfig({ DATA_DIR, SESSION_SECRET: "a".repeat(40) });
    const after = loadConfig({ DATA_DIR, SESSION_SECRET: "b".repeat(40) });
    expect(after.sessionSecret).not.toBe(before.sessionSecret);
    expect(after.feedbackSecret).toBe(before.feedbackSecret);
  });

  it("reads the calendar in Europe/Tirane unless told otherwise, and refuses unknown zones", () => {
    const DATA_DIR = freshDir();
    expect(loadConfig({ DATA_DIR }).timeZone).toBe("Europe/Tirane");
    expect(loadConfig({ DATA_DIR, TIME_ZONE: "Europe/Belgrade" }).timeZone).toBe("Europe/Belgrade");
    expect(() => loadConfig({ DATA_DIR, TIME_ZONE: "Mars/Olympus" })).toThrow(/TIME_ZONE/);
  });

  it("puts the board's person keys in DATABASE_URL_KEYS only beside two PostgreSQL stores, and never in one of them", () => {
    const DATA_DIR = freshDir();
    const stores = {
      DATA_DIR,
      DATABASE_URL_IDENTITY: "postgres://portal_identity:a@db.example:5432/portal_identity",
      DATABASE_URL_RESPONSES: "postgres://portal_responses:b@db.example/portal_responses",
    };
    const keys = "postgres://portal_keys:c@db.example/portal_keys";
    const config = loadConfig({ ...stores, DATABASE_URL_KEYS: keys });
    expect(config.keysDatabaseUrl).toBe(keys);
    // Unset beside PostgreSQL: the file in DATA_DIR, as on SQLite (a warning at start).
    expect(loadConfig(stores).keysDatabaseUrl).toBeUndefined();
    expect(loadConfig(stores).keyStorePath).toBe(path.join(DATA_DIR, "person-keys.sqlite"));
    expect(() => loadConfig({ DATA_DIR, DATABASE_URL_KEYS: keys })).toThrow(/DATABASE_URL_KEYS/);
    expect(() => loadConfig({ ...stores, DATABASE_URL_KEYS: "mysql://x/y" })).toThrow(/postgres/);
    // The identity database under another role is still the identity database.
    expect(() =>
      loadConfig({
        ...stores,
        DATABASE_URL_KEYS: "postgres://portal_keys:c@DB.example:5432/portal_identity",
      }),
    ).toThrow(/database of its own/);
    expect(() =>
      loadConfig({
        ...stores,
        DATABASE_URL_KEYS: "postgres://portal_keys:c@db.example/portal_responses",
      }),
    ).toThrow(/database of its own/);
    expect(sameDatabase(keys, "postgres://other@db.example:5433/portal_keys")).toBe(false);
  });

  it("tells the scripts where the key store is and what a snapshot leaves out for each kind", () => {
    const DATA_DIR = freshDir();
    const file = keyStoreLocationFromEnv({ DATA_DIR });
    expect(file).toEqual({ engine: "sqlite", filename: path.join(DATA_DIR, "person-keys.sqlite") });
    expect(keyStoreAdvice(file, "backup")).toContain(path.join(DATA_DIR, "person-keys.sqlite"));
    const database = keyStoreLocationFromEnv({
      DATA_DIR,
      DATABASE_URL_IDENTITY: "postgres://i@h/identity",
      DATABASE_URL_RESPONSES: "postgres://r@h/responses",
      DATABASE_URL_KEYS: "postgres://k:secret@h/portal_keys",
    });
    expect(database).toEqual({ engine: "postgres", url: "postgres://k:secret@h/portal_keys" });
    const backup = keyStoreAdvice(database, "backup");
    expect(backup).toMatch(/person-key database \(portal_keys, DATABASE_URL_KEYS\).*pg_dump/);
    expect(backup).not.toContain("secret@");
    expect(backup).not.toContain("person-keys.sqlite");
    expect(keyStoreAdvice(database, "restore")).toMatch(/^Restored\..*portal_keys/);
    expect(() =>
      keyStoreLocationFromEnv({ DATA_DIR, DATABASE_URL_KEYS: "postgres://k@h/portal_keys" }),
    ).toThrow(/DATABASE_URL_KEYS/);
  });
});
