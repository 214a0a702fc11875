import { sql, type Kysely } from "kysely";

import { isUniqueConstraintError } from "../../db/errors";
import { engineOf, openStore, type StoreLocation } from "../../db/open-store";
import { getConfig } from "../platform/config.server";
import { generateDataKey, unwrapDataKey, wrapDataKey } from "../platform/field-encryption.server";

/**
 * Each applicant's (and later each member's) own data key, wrapped by DATA_KEY, kept in a small
 * key store of its own, outside the identity and response stores and therefore outside
 * `npm run backup` snapshots (decision 021): the SQLite file `DATA_DIR/person-keys.sqlite`, or,
 * with DATABASE_URL_KEYS, a PostgreSQL database of its own that instances on several machines
 * share (decision 047). Erasing a person deletes their key here and rewrites what held it (SQLite:
 * secure_delete and a WAL checkpoint; PostgreSQL: VACUUM FULL of the one table): every copy of
 * their fields, in the live store and in every backup, can no longer be decrypted. Like DATA_KEY
 * itself, the key store is backed up apart from the snapshots (README, backups), with a retention
 * no longer than the erasure promise.
 */
type KeyDatabase = {
  person_keys: { person_id: string; wrapped_key: string; created_at: string };
};
export type KeyStore = Kysely<KeyDatabase>;

let opening: Promise<KeyStore> | undefined;

/**
 * Opens a key store and makes its one table: at `location`, a SQLite file name (as before) or a
 * store location (`{ engine: "postgres", url }` for a key database of its own). The caller
 * destroys it. Throws when the database cannot be reached.
 */
export async function openKeyStore(location: string | StoreLocation): Promise<KeyStore> {
  const db = openStore<KeyDatabase>(
    typeof location === "string" ? { engine: "sqlite", filename: location } : location,
  );
  try {
    await prepare(db);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error;
  }
  return db;
}

/** Where the server's key store is: DATABASE_URL_KEYS, or the file in DATA_DIR. */
export function keyStoreLocation(): StoreLocation {
  const { keysDatabaseUrl, keyStorePath, databasePoolSize } = getConfig();
  return keysDatabaseUrl
    ? { engine: "postgres", url: keysDatabaseUrl, poolSize: databasePoolSize }
    : { engine: "sqlite", filename: keyStorePath };
}

async function prepare(db: KeyStore) {
  if (engineOf(db) === "sqlite") {
    // A deleted key is overwritten on disk, not left in a free page of the file.
    await sql`pragma secure_delete = on`.execute(db);
    await createTable(db)
      .modifyEnd(sql`without rowid`)
      .execute();
    return;
  }
  try {
    await createTable(db).execute();
  } catch (error) {
    // Two instances starting at once: PostgreSQL's IF NOT EXISTS is not atomic, and the one
    // that loses the race gets a unique violation on the catalog, 42P07 (the table exists) or
    // 42710 (its row type exists: `type "person_keys" already exists`). The table is there.
    const code = (error as { code?: unknown }).code;
    if (!isUniqueConstraintError(error) && code !== "42P07" && code !== "42710") throw error;
  }
  // Only the table's owner may VACUUM it; for anyone else PostgreSQL skips it with a mere
  // warning, and destroyed keys would stay in the file (a dump restored by another role, say).
  const { rows } = await sql<{ owner: string; me: string }>`
    select tableowner as owner, current_user as me from pg_tables
    where schemaname = current_schema() and tablename = 'person_keys'`.execute(db);
  if (rows[0] && rows[0].owner !== rows[0].me)
    throw new Error(
      `The person_keys table belongs to ${rows[0].owner}, not to ${rows[0].me}: erasures could not scrub it. ` +
        `As its owner: ALTER TABLE person_keys OWNER TO ${rows[0].me}`,
    );
}

function createTable(db: KeyStore) {
  return db.schema
    .createTable("person_keys")
    .ifNotExists()
    .addColumn("person_id", "text", (c) => c.primaryKey())
    .addColumn("wrapped_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull());
}

/**
 * The server's key store (keyStoreLocation), opened once and kept. A failed opening (the key
 * database down) is not kept: the next call tries again.
 */
export function getKeyStore(): Promise<KeyStore> {
  if (opening) return opening;
  const attempt: Promise<KeyStore> = openKeyStore(keyStoreLocation()).catch((error: unknown) => {
    if (opening === attempt) opening = undefined;
    throw error;
  });
  opening = attempt;
  return attempt;
}

/** Closes the server's key store (its pool on PostgreSQL); the next use opens it again. */
export async function closeKeyStore(): Promise<void> {
  const db = await opening?.catch(() => undefined);
  opening = undefined;
  await db?.destroy();
}

/**
 * Makes what a deleted or replaced wrapped key occupied unreadable in the live database: on
 * SQLite (secure_delete already zeroed the freed cells) the WAL is checkpointed and truncated;
 * on PostgreSQL the table is rewritten by VACUUM FULL (a plain VACUUM leaves the bytes of a
 * removed row in the page's free space; decision 047 has the measurements). Not inside a
 * transaction: PostgreSQL refuses VACUUM there.
 */
async function scrub(db: KeyStore): Promise<void> {
  if (engineOf(db) === "sqlite") await sql`pragma wal_checkpoint(truncate)`.execute(db);
  else await sql`vacuum full person_keys`.execute(db);
}

/**
 * The scrub of `scrub` again, for the daily board retention job. On PostgreSQL, VACUUM FULL
 * keeps a deleted row that a session still running at that moment might see (one that was
 * connecting or in a transaction): the destroyed key then stays in the table's file until the
 * next rewrite. Seen under parallel tests; decision 047. Not inside a transaction.
 */
export async function scrubKeyStore(store?: KeyStore): Promise<void> {
  await scrub(store ?? (await getKeyStore()));
}

/** Makes, stores (wrapped) and returns a new data key for `personId`. */
export async function createPersonKey(personId: string, store?: KeyStore): Promise<Buffer> {
  const db = store ?? (await getKeyStore());
  const key = generateDataKey();
  await db
    .insertInto("person_keys")
    .values({
      person_id: personId,
      wrapped_key: wrapDataKey(getConfig().dataKey, key, personId),
      created_at: new Date().toISOString(),
    })
    .execute();
  return key;
}

/** The data key of `personId`, or null once it has been destroyed. */
export async function getPersonKey(personId: string, store?: KeyStore): Promise<Buffer | null> {
  const db = store ?? (await getKeyStore());
  const row = await db
    .selectFrom("person_keys")
    .select("wrapped_key")
    .where("person_id", "=", personId)
    .executeTakeFirst();
  return row ? unwrapDataKey(getConfig().dataKey, row.wrapped_key, personId) : null;
}

/**
 * The data keys of many persons in a few queries (500 ids each): person id → key. Ids whose key
 * was destroyed are absent. For lists; `getPersonKey` for one person.
 */
export async function getPersonKeys(
  personIds: readonly string[],
  store?: KeyStore,
): Promise<Map<string, Buffer>> {
  const db = store ?? (await getKeyStore());
  const keys = new Map<string, Buffer>();
  const { dataKey } = getConfig();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom("person_keys")
      .select(["person_id", "wrapped_key"])
      .where("person_id", "in", personIds.slice(i, i + 500))
      .execute();
    for (const row of rows)
      keys.set(row.person_id, unwrapDataKey(dataKey, row.wrapped_key, row.person_id));
  }
  return keys;
}

/**
 * Destroys the data key of `personId` (crypto-shredding), then rewrites what held it (`scrub`:
 * on PostgreSQL a VACUUM FULL of the key table, a few milliseconds for a thousand keys, during
 * which other readers of the key store wait). True when there was one. `store` must not be a
 * transaction.
 */
export async function destroyPersonKey(personId: string, store?: KeyStore): Promise<boolean> {
  const db = store ?? (await getKeyStore());
  const result = await db
    .deleteFrom("person_keys")
    .where("person_id", "=", personId)
    .executeTakeFirst();
  const destroyed = Number(result.numDeletedRows) > 0;
  if (destroyed) await scrub(db);
  return destroyed;
}

/**
 * Re-wraps every person key of `store` from `oldKey` to `newKey` (both 32-byte DATA_KEYs), in
 * one transaction, for `npm run rotate-data-key`: the persons' own keys, and so their encrypted
 * fields, do not change. Resumable: a key already wrapped by `newKey` is left as it is. Throws,
 * writing nothing, when a key opens with neither. Returns how many were re-wrapped and how many
 * were already under the new key. Afterwards the old versions of the rows (wrapped by `oldKey`)
 * are scrubbed as after a destruction.
 */
export async function rewrapPersonKeys(
  store: KeyStore,
  oldKey: Buffer,
  newKey: Buffer,
): Promise<{ rewrapped: number; already: number }> {
  const counts = await store.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("person_keys").select(["person_id", "wrapped_key"]).execute();
    let rewrapped = 0;
    let already = 0;
    for (const row of rows) {
      try {
        unwrapDataKey(newKey, row.wrapped_key, row.person_id);
        already += 1;
        continue;
      } catch {
        // not yet re-wrapped
      }
      let personKey: Buffer;
      try {
        personKey = unwrapDataKey(oldKey, row.wrapped_key, row.person_id);
      } catch {
        throw new Error("A person key opens with neither the old nor the new data key");
      }
      await trx
        .updateTable("person_keys")
        .set({ wrapped_key: wrapDataKey(newKey, personKey, row.person_id) })
        .where("person_id", "=", row.person_id)
        .execute();
      rewrapped += 1;
    }
    return { rewrapped, already };
  });
  if (counts.rewrapped > 0) await scrub(store);
  return counts;
}

/**
 * Every person key of `store`, each unwrapped by whichever of `dataKeys` (32-byte DATA_KEYs)
 * opens it: person id → key. For `npm run rotate-data-key`, which recomputes the email lookups
 * before the keys are re-wrapped, and again on a rerun after they were. Throws when a key opens
 * with none of them.
 */
export async function readAllPersonKeys(
  store: KeyStore,
  dataKeys: readonly Buffer[],
): Promise<Map<string, Buffer>> {
  const rows = await store.selectFrom("person_keys").select(["person_id", "wrapped_key"]).execute();
  const keys = new Map<string, Buffer>();
  for (const row of rows) {
    for (const dataKey of dataKeys) {
      try {
        keys.set(row.person_id, unwrapDataKey(dataKey, row.wrapped_key, row.person_id));
        break;
      } catch {
        // try the next key
      }
    }
    if (!keys.has(row.person_id))
      throw new Error("A person key opens with none of the data keys given");
  }
  return keys;
}
