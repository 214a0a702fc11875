import type { Kysely } from "kysely";

import { responseMigrations } from "./migrations/responses";
import { migrateStore, openStore } from "./open-store";
import { getConfig } from "../app/platform/config.server";

/**
 * The response store: anonymous feedback answers and nothing else. Kept in its own file with
 * its own migrations so that no join, log line or backup can put answers next to identities.
 */
// Tables are added by the feedback feature's migrations.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type ResponseDatabase = {};

export type ResponseDb = Kysely<ResponseDatabase>;

let instance: ResponseDb | undefined;

export function getResponseDb(): ResponseDb {
  instance ??= openStore<ResponseDatabase>(getConfig().responseStorePath);
  return instance;
}

export function migrateResponseStore(db: ResponseDb = getResponseDb()): Promise<string[]> {
  return migrateStore(db as Kysely<unknown>, responseMigrations, "response");
}

export async function closeResponseDb(): Promise<void> {
  const db = instance;
  instance = undefined;
  await db?.destroy();
}
