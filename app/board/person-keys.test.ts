import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import {
  createPersonKey,
  destroyPersonKey,
  getPersonKey,
  getPersonKeys,
  openKeyStore,
  rewrapPersonKeys,
} from "./person-keys.server";
import { generateDataKey, unwrapDataKey, wrapDataKey } from "../platform/field-encryption.server";

describe("rotating DATA_KEY re-wraps the per-person keys", () => {
  it("keeps every person's own key, now under the new DATA_KEY, and can be run again", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "person-keys-"));
    const store = await openKeyStore(path.join(dir, "person-keys.sqlite"));
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

describe("reading many persons' keys at once (lists of applications)", () => {
  it("answers the same keys as one by one, past 500 ids, and leaves out a destroyed key", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "person-keys-"));
    const store = await openKeyStore(path.join(dir, "person-keys.sqlite"));
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
