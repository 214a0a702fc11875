import type { Kysely } from "kysely";

import { responseMigrations } from "./migrations/responses";
import { migrateStore, openStore } from "./open-store";
import { getConfig } from "../app/platform/config.server";

/**
 * The response store: anonymous feedback answers and nothing else. Kept in its own file with
 * its own migrations so that no join, log line or backup can put answers next to identities.
 */
export type ResponseDatabase = {
  responses: {
    id: string;
    campaign_id: string;
    template_version: number;
    language: string;
    respondent_mode: string;
    submitted_period: string;
    answers: string;
  };
  answer_tallies: {
    campaign_id: string;
    question_id: string;
    choice: string;
    language: string;
    respondent_mode: string;
    count: number;
  };
  /** What results last showed, encrypted (app/feedback/results.ts, nextPublication). */
  published_results: { campaign_id: string; publication_encrypted: string };
  free_text_answers: {
    id: string;
    campaign_id: string;
    question_id: string;
    language: string;
    text_encrypted: string;
    redacted_encrypted: string | null;
    status: "pending" | "approved" | "rejected";
  };
  access_codes: { code_hash: string; campaign_id: string; used: number };
  /** PostgreSQL only: acknowledged submissions waiting to be moved (db/response-holding.ts). */
  held_submissions: { id: string; campaign_id: string; payload_encrypted: string };
  /** Keyed hashes of used form nonces, shared by every instance (docs/decisions/019). */
  spent_form_nonces: { nonce_hash: string; expires_on: string };
};

export type ResponseDb = Kysely<ResponseDatabase>;

let instance: ResponseDb | undefined;

export function getResponseDb(): ResponseDb {
  // No write-ahead log: it would keep, in commit order, the pages a submission touched (the
  // spent code next to the new response). secure_delete leaves nothing of removed rows.
  const { responseStorePath, responseDatabaseUrl, databasePoolSize } = getConfig();
  instance ??= openStore<ResponseDatabase>(
    responseDatabaseUrl
      ? { engine: "postgres", url: responseDatabaseUrl, poolSize: databasePoolSize }
      : {
          engine: "sqlite",
          filename: responseStorePath,
          options: { journalMode: "DELETE", secureDelete: true },
        },
  );
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
