import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import pg from "pg";
import { inject } from "vitest";

import { testEngine } from "./test-engine";
import { storeLocationsFromEnv, type StoreLocations } from "../../db/backup";

/**
 * Fresh, empty stores of the engine under test, to restore a backup into: on SQLite a new
 * DATA_DIR under `parentDir`, on PostgreSQL two new databases in the throwaway cluster (named
 * `<prefix>_identity_…` and `<prefix>_responses_…`).
 */
export async function emptyStores(parentDir: string, prefix: string): Promise<StoreLocations> {
  if (testEngine === "sqlite")
    return storeLocationsFromEnv({ DATA_DIR: fs.mkdtempSync(path.join(parentDir, `${prefix}-`)) });
  const adminUrl = inject("postgresAdminUrl");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const at = async (store: string) => {
    const name = `${prefix}_${store}_${randomBytes(4).toString("hex")}`;
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const urls = { identity: await at("identity"), responses: await at("responses") };
  await admin.end();
  return storeLocationsFromEnv({
    DATABASE_URL_IDENTITY: urls.identity,
    DATABASE_URL_RESPONSES: urls.responses,
  });
}
