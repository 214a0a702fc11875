import path from "node:path";

import { sql, type Kysely } from "kysely";

import { openStore } from "../../db/open-store";
import { getConfig } from "../platform/config.server";
import { generateDataKey, unwrapDataKey, wrapDataKey } from "../platform/field-encryption.server";

/**
 * Each applicant's (and later each member's) own data key, wrapped by DATA_KEY, kept in a small
 * key store of its own (`DATA_DIR/person-keys.sqlite`), outside the identity and response
 * stores and therefore outside `npm run backup` snapshots (decision 021). Erasing a person
 * deletes their key here: every copy of their fields, in the live store and in every backup,
 * can no longer be decrypted. Like DATA_KEY itself, this file is backed up apart from the
 * snapshots (README, backups), with a retention no longer than the erasure promise.
 */
type KeyDatabase = {
  person_keys: { person_id: string; wrapped_key: string; created_at: string };
};
export type KeyStore = Kysely<KeyDatabase>;

let instance: KeyStore | undefined;
let ready: Promise<void> | undefined;

/** Opens a key store at `filename` and makes its one table. */
export async function openKeyStore(filename: string): Promise<KeyStore> {
  const db = openStore<KeyDatabase>({ engine: "sqlite", filename });
  await prepare(db);
  return db;
}

async function prepare(db: KeyStore) {
  // A deleted key is overwritten on disk, not left in a free page of the file.
  await sql`pragma secure_delete = on`.execute(db);
  await db.schema
    .createTable("person_keys")
    .ifNotExists()
    .addColumn("person_id", "text", (c) => c.primaryKey())
    .addColumn("wrapped_key", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .modifyEnd(sql`without rowid`)
    .execute();
}

/** The server's key store in DATA_DIR. */
export async function getKeyStore(): Promise<KeyStore> {
  if (!instance) {
    instance = openStore<KeyDatabase>({
      engine: "sqlite",
      filename: path.join(getConfig().dataDir, "person-keys.sqlite"),
    });
    ready = prepare(instance);
  }
  await ready;
  return instance;
}

export async function closeKeyStore(): Promise<void> {
  const db = instance;
  instance = undefined;
  ready = undefined;
  await db?.destroy();
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

/** Destroys the data key of `personId` (crypto-shredding). True when there was one. */
export async function destroyPersonKey(personId: string, store?: KeyStore): Promise<boolean> {
  const db = store ?? (await getKeyStore());
  const result = await db
    .deleteFrom("person_keys")
    .where("person_id", "=", personId)
    .executeTakeFirst();
  // Nor left in the write-ahead log.
  await sql`pragma wal_checkpoint(truncate)`.execute(db);
  return Number(result.numDeletedRows) > 0;
}

/**
 * Re-wraps every person key of `store` from `oldKey` to `newKey` (both 32-byte DATA_KEYs), in
 * one transaction, for `npm run rotate-data-key`: the persons' own keys, and so their encrypted
 * fields, do not change. Resumable: a key already wrapped by `newKey` is left as it is. Throws,
 * writing nothing, when a key opens with neither. Returns how many were re-wrapped and how many
 * were already under the new key.
 */
export async function rewrapPersonKeys(
  store: KeyStore,
  oldKey: Buffer,
  newKey: Buffer,
): Promise<{ rewrapped: number; already: number }> {
  return store.transaction().execute(async (trx) => {
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
