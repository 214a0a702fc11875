import fs from "node:fs";
import path from "node:path";

import { sql, type Kysely } from "kysely";

import { ENCRYPTED_COLUMNS } from "./encrypted-columns";
import { engineOf } from "./open-store";
import { decryptField, encryptField } from "../app/platform/field-encryption.server";

/**
 * Rotating DATA_KEY (docs/decisions/025): every value listed in db/encrypted-columns.ts is
 * decrypted with the old key and encrypted again with the new one.
 *
 * - One transaction per store: a store is either wholly under the new key or wholly as it was.
 * - Resumable: a value that already opens with the new key is left alone, so running the same
 *   rotation again (same old and new key) after an interruption between the two stores, or
 *   after a crash, finishes the work and changes nothing else.
 * - Rows are rewritten in primary-key order. The keys are random, so on PostgreSQL the new row
 *   versions (`ctid`) carry no submission order, and all share the rotation's `xmin`.
 * - A value that opens with neither key stops the rotation of that store (nothing written);
 *   the error names the table and column, never a value.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks tables by name
type AnyDb = Kysely<any>;

export type RotationCount = { table: string; column: string; rotated: number; already: number };

const BATCH = 500;

/**
 * Re-encrypts every registered column of one store under `newKey`, in one transaction.
 * `oldKey` and `newKey` are 32-byte keys. `alsoInTransaction`, when given, runs after the
 * re-encryption in the same transaction: what else is derived from DATA_KEY, such as the keyed
 * email lookups (app/board/email-lookups.server.ts), changes with the values or not at all.
 * Returns, per column, how many values were rotated and how many already were under the new
 * key. Throws (rolling back) when a value opens with neither key, or when `alsoInTransaction`
 * throws.
 */
export async function rotateStoreDataKey(
  db: AnyDb,
  store: "identity" | "responses",
  oldKey: Buffer,
  newKey: Buffer,
  alsoInTransaction?: (trx: AnyDb) => Promise<void>,
): Promise<RotationCount[]> {
  if (oldKey.equals(newKey)) throw new Error("The new data key is the same as the old one");
  const columns = ENCRYPTED_COLUMNS.filter((entry) => entry.store === store);
  return db.transaction().execute(async (trx) => {
    const counts: RotationCount[] = [];
    for (const entry of columns) {
      const count = { table: entry.table, column: entry.column, rotated: 0, already: 0 };
      let after: unknown[] | null = null;
      for (;;) {
        let query = trx
          .selectFrom(entry.table)
          .select([...entry.key, entry.column])
          .where(entry.column, "is not", null);
        if (after)
          query = query.where(
            sql`(${sql.join(entry.key.map((k) => sql.ref(k)))})`,
            ">",
            sql`(${sql.join(after)})`,
          );
        for (const k of entry.key) query = query.orderBy(k);
        const rows = (await query.limit(BATCH).execute()) as Record<string, unknown>[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const stored = row[entry.column] as string;
          const context = entry.context(row);
          if (opens(newKey, stored, context)) {
            count.already += 1;
            continue;
          }
          let plaintext: string;
          try {
            plaintext = decryptField(oldKey, stored, context);
          } catch {
            throw new Error(
              `A value in ${entry.table}.${entry.column} opens with neither the old nor the new data key`,
            );
          }
          let update = trx
            .updateTable(entry.table)
            .set({ [entry.column]: encryptField(newKey, plaintext, context) });
          for (const k of entry.key) update = update.where(k, "=", row[k]);
          await update.execute();
          count.rotated += 1;
        }
        const last = rows[rows.length - 1]!;
        after = entry.key.map((k) => last[k]);
      }
      counts.push(count);
    }
    await alsoInTransaction?.(trx);
    return counts;
  });
}

function opens(key: Buffer, stored: string, context: string): boolean {
  try {
    decryptField(key, stored, context);
    return true;
  } catch {
    return false;
  }
}

/**
 * Who else has the store open: running instances keep the old key in memory, so they would
 * write new values under it after the rotation. PostgreSQL: the other client sessions
 * connected to this database (pg_stat_activity; autovacuum and other server processes are not
 * counted). SQLite: the other processes of this machine that hold the
 * file open (Linux /proc; those of other users are not visible unless run as root). Returns a
 * short description of each, empty when the store is free.
 */
export async function otherUsersOfStore(db: AnyDb, sqliteFile?: string): Promise<string[]> {
  if (engineOf(db) === "postgres") {
    const { rows } = await sql<{ pid: number; application_name: string | null }>`
      select pid, application_name from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid()
        and backend_type = 'client backend'`.execute(db);
    return rows.map((row) => `PostgreSQL session ${row.pid} ${row.application_name ?? ""}`.trim());
  }
  return sqliteFile ? processesHoldingFile(sqliteFile) : [];
}

/** Processes other than this one with `file` open (Linux; empty elsewhere). */
export function processesHoldingFile(file: string): string[] {
  const target = path.resolve(file);
  const found: string[] = [];
  let pids: string[];
  try {
    pids = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return found;
  }
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === target) {
          found.push(`process ${pid}`);
          break;
        }
      } catch {
        // The descriptor closed meanwhile.
      }
    }
  }
  return found;
}

/** Keys given as 64 hex characters (DATA_KEY's form) as 32-byte buffers; throws otherwise. */
export function parseDataKey(hex: string, name: string): Buffer {
  const trimmed = hex.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(trimmed)) throw new Error(`${name} must be 64 hex characters`);
  return Buffer.from(trimmed, "hex");
}
