import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";

import {
  closeKeyStore,
  createPersonKey,
  destroyPersonKey,
  getKeyStore,
  getPersonKey,
  getPersonKeys,
  openKeyStore,
  rewrapPersonKeys,
  scrubKeyStore,
  type KeyStore,
} from "./person-keys.server";
import { testEngine } from "../../tests/unit/test-engine";
import { getConfig } from "../platform/config.server";
import { generateDataKey, unwrapDataKey, wrapDataKey } from "../platform/field-encryption.server";

/**
 * An empty key store on this run's engine: a new SQLite file, or the PostgreSQL key database of
 * this test file (DATABASE_URL_KEYS, tests/unit/setup.ts), emptied.
 */
const tempDirs: string[] = [];

async function freshStore(): Promise<KeyStore> {
  if (testEngine === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "person-keys-"));
    tempDirs.push(dir);
    return openKeyStore(path.join(dir, "person-keys.sqlite"));
  }
  const store = await openKeyStore({ engine: "postgres", url: process.env.DATABASE_URL_KEYS! });
  await store.deleteFrom("person_keys").execute();
  return store;
}

afterAll(async () => {
  await closeKeyStore();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe(`rotating DATA_KEY re-wraps the per-person keys (${testEngine})`, () => {
  it("keeps every person's own key, now under the new DATA_KEY, and can be run again", async () => {
    const store = await freshStore();
    const [oldKey, newKey] = [generateDataKey(), generateDataKey()];
    const personKeys = new Map([
      ["a", generateDataKey()],
      ["b", generateDataKey()],
    ]);
    for (const [id, key] of personKeys)
      await store
        .insertInto("person_keys")
        .values({ person_id: id, wrapped_key: wrapDataKey(oldKey, key, id), created_at: "x" })
        .execute();

    expect(await rewrapPersonKeys(store, oldKey, newKey)).toEqual({ rewrapped: 2, already: 0 });
    for (const row of await store.selectFrom("person_keys").selectAll().execute()) {
      expect(unwrapDataKey(newKey, row.wrapped_key, row.person_id)).toEqual(
        personKeys.get(row.person_id),
      );
      expect(() => unwrapDataKey(oldKey, row.wrapped_key, row.person_id)).toThrow();
    }
    // Interrupted and run again: nothing left to do.
    expect(await rewrapPersonKeys(store, oldKey, newKey)).toEqual({ rewrapped: 0, already: 2 });
    // A key under neither: refused, and nothing is written.
    await expect(rewrapPersonKeys(store, generateDataKey(), generateDataKey())).rejects.toThrow(
      /neither/,
    );
    await store.destroy();
  });
});

describe(`reading many persons' keys at once (lists of applications) (${testEngine})`, () => {
  it("answers the same keys as one by one, past 500 ids, and leaves out a destroyed key", async () => {
    const store = await freshStore();
    const ids = Array.from({ length: 503 }, (_, i) => `person-${i}`);
    for (const id of ids) await createPersonKey(id, store);
    await destroyPersonKey("person-501", store);

    const keys = await getPersonKeys([...ids, "nobody"], store);
    expect(keys.size).toBe(502);
    expect(keys.has("person-501")).toBe(false);
    expect(keys.has("nobody")).toBe(false);
    for (const id of ["person-0", "person-500", "person-502"])
      expect(keys.get(id)).toEqual(await getPersonKey(id, store));
    await store.destroy();
  });
});

describe(`the server's key store (${testEngine})`, () => {
  it("is opened again after an opening failed (the key database down, a folder missing)", async () => {
    await closeKeyStore();
    const config = getConfig();
    const { keysDatabaseUrl, keyStorePath } = config;
    try {
      if (testEngine === "postgres") config.keysDatabaseUrl = "postgres://nobody@127.0.0.1:1/none";
      else config.keyStorePath = path.join(config.dataDir, "no-such-folder", "person-keys.sqlite");
      await expect(getKeyStore()).rejects.toThrow();
    } finally {
      config.keysDatabaseUrl = keysDatabaseUrl;
      config.keyStorePath = keyStorePath;
    }
    const key = await createPersonKey("after-a-failed-opening");
    expect(await getPersonKey("after-a-failed-opening")).toEqual(key);
  });
});

describe.runIf(testEngine === "postgres")("the key store in a database of its own", () => {
  const keysUrl = () => process.env.DATABASE_URL_KEYS!;
  /** The keys database as the cluster's superuser, who may read the table's file. */
  const asSuperuser = async () => {
    const url = new URL(inject("postgresAdminUrl"));
    url.pathname = new URL(keysUrl()).pathname;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    return client;
  };
  /** The table's file as it is on disk, after a checkpoint wrote every changed page there. */
  const tableFile = async (): Promise<Buffer> => {
    const admin = await asSuperuser();
    try {
      await admin.query("checkpoint");
      const { rows } = await admin.query<{ bytes: Buffer }>(
        "select pg_read_binary_file(pg_relation_filepath('person_keys')) as bytes",
      );
      return rows[0]!.bytes;
    } finally {
      await admin.end();
    }
  };

  it("is the server's key store with DATABASE_URL_KEYS, and a second pool (another instance) sees the same keys", async () => {
    expect(getConfig().keysDatabaseUrl).toBe(keysUrl());
    const key = await createPersonKey("shared-person");
    const other = await openKeyStore({ engine: "postgres", url: keysUrl() });
    try {
      expect(await getPersonKey("shared-person", other)).toEqual(key);
      // Destroyed through the other instance: gone for this one too.
      expect(await destroyPersonKey("shared-person", other)).toBe(true);
      expect(await getPersonKey("shared-person")).toBeNull();
      const made = await createPersonKey("made-on-the-other", other);
      expect((await getPersonKeys(["made-on-the-other"])).get("made-on-the-other")).toEqual(made);
    } finally {
      await other.destroy();
    }
    // Nothing in DATA_DIR: instances on other machines need no shared folder.
    expect(fs.existsSync(path.join(getConfig().dataDir, "person-keys.sqlite"))).toBe(false);
    // The row is in the keys database, read by its own role with a plain client.
    const client = new pg.Client({ connectionString: keysUrl() });
    await client.connect();
    const { rows } = await client.query(
      "select person_id from person_keys where person_id = 'made-on-the-other'",
    );
    await client.end();
    expect(rows).toHaveLength(1);
  });

  /**
   * The table's file once none of `values` is in it, rewriting the table again (the daily
   * job's `scrubKeyStore`) while one still is, at most ten times: a session that was connecting
   * or in a transaction when the table was rewritten keeps the deleted row in the new file
   * (decision 047), and beside the other test files of a full run that happens.
   */
  const scrubbedFile = async (store: KeyStore, values: string[]): Promise<Buffer> => {
    let file = await tableFile();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      if (!values.some((value) => file.includes(Buffer.from(value)))) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
      await scrubKeyStore(store);
      file = await tableFile();
    }
    return file;
  };

  it("leaves no copy of a destroyed key in the table's file, nor of a key's old wrapping after re-wrapping", async () => {
    const store = await freshStore();
    try {
      for (let i = 0; i < 200; i += 1) await createPersonKey(`person-${i}`, store);
      const wrapped = async (id: string) =>
        (
          await store
            .selectFrom("person_keys")
            .select("wrapped_key")
            .where("person_id", "=", id)
            .executeTakeFirstOrThrow()
        ).wrapped_key;
      // The first and the last inserted: a plain VACUUM left the last one's bytes in the page.
      const victims = ["person-0", "person-100", "person-199"];
      const destroyed = await Promise.all(victims.map(wrapped));
      const before = await tableFile();
      for (const value of destroyed) expect(before.includes(Buffer.from(value))).toBe(true);

      for (const id of victims) expect(await destroyPersonKey(id, store)).toBe(true);
      expect(await destroyPersonKey("person-0", store)).toBe(false);
      const { count } = await store
        .selectFrom("person_keys")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .executeTakeFirstOrThrow();
      expect(Number(count)).toBe(197);
      // Each destroy rewrote the table. A session connecting at that moment (other test files
      // run beside this one) can make PostgreSQL keep the deleted row in the new file; the daily
      // retention job rewrites it again (scrubKeyStore), after which no copy may be left.
      const after = await scrubbedFile(store, destroyed);
      for (const value of destroyed) expect(after.includes(Buffer.from(value))).toBe(false);
      // Every row version the table holds is a live one: no deleted tuple, no dead line pointer
      // (pageinspect, a contrib module that comes with Debian's PostgreSQL; left out without it).
      const admin = await asSuperuser();
      try {
        const available = await admin.query(
          "select 1 from pg_available_extensions where name = 'pageinspect'",
        );
        if (available.rowCount) {
          await admin.query("create extension if not exists pageinspect");
          const { rows } = await admin.query<{ versions: string; notLive: string }>(
            `select count(*) as versions,
                    count(*) filter (where lp_flags <> 1 or t_xmax <> '0') as "notLive"
             from generate_series(0, pg_relation_size('person_keys') / 8192 - 1) as page,
                  heap_page_items(get_raw_page('person_keys', page::int))`,
          );
          expect(Number(rows[0]!.versions)).toBe(197);
          expect(Number(rows[0]!.notLive)).toBe(0);
        }
      } finally {
        await admin.end();
      }

      // Re-wrapped under a new DATA_KEY: the old wrapping of a key is gone from the file too.
      const oldWrapping = await wrapped("person-50");
      const oldKey = getConfig().dataKey;
      const newKey = generateDataKey();
      expect(await rewrapPersonKeys(store, oldKey, newKey)).toEqual({ rewrapped: 197, already: 0 });
      expect((await scrubbedFile(store, [oldWrapping])).includes(Buffer.from(oldWrapping))).toBe(
        false,
      );
      expect(unwrapDataKey(newKey, await wrapped("person-50"), "person-50")).toHaveLength(32);
    } finally {
      await store.destroy();
    }
    // Four cluster-wide checkpoints and five table rewrites: beside the other test files of a
    // full run, a checkpoint flushes every database of the cluster (30 s was not enough in CI).
  }, 180_000);

  it("refuses a key table this role does not own, which it could not scrub", async () => {
    const admin = await asSuperuser();
    try {
      await openKeyStore({ engine: "postgres", url: keysUrl() }).then((store) => store.destroy());
      await admin.query("alter table person_keys owner to postgres");
      await expect(openKeyStore({ engine: "postgres", url: keysUrl() })).rejects.toThrow(
        /belongs to postgres.*OWNER TO/,
      );
    } finally {
      const role = decodeURIComponent(new URL(keysUrl()).username);
      await admin.query(`alter table person_keys owner to "${role}"`);
      await admin.end();
    }
  });

  it("is made once when two instances start at the same time", async () => {
    const client = new pg.Client({ connectionString: keysUrl() });
    await client.connect();
    await client.query("drop table if exists person_keys");
    await client.end();
    await closeKeyStore();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => openKeyStore({ engine: "postgres", url: keysUrl() })),
    );
    await createPersonKey("after-the-race", stores[0]);
    expect(await getPersonKey("after-the-race", stores[3])).not.toBeNull();
    await Promise.all(stores.map((store) => store.destroy()));
    expect(await getKeyStore()).toBeDefined();
  });
});
