// npm run rotate-data-key — re-encrypts every encrypted field under a new DATA_KEY
// (README "Rotating DATA_KEY", docs/decisions/025). Stop every portal instance first.
//
// Where the keys come from:
// - DATA_KEY set in the environment: the new key is NEW_DATA_KEY (make one with
//   `openssl rand -hex 32`); afterwards put it in place of DATA_KEY and start the portal.
// - No DATA_KEY (the key lives in DATA_DIR/data-key): a new key is made into
//   DATA_DIR/data-key.new before anything changes, and replaces data-key at the end.
// Interrupted? Run the same command again: it finishes and changes nothing twice.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { sealMemberAccounts } from "../app/auth/account-keys.server";
import { recomputeEmailLookups } from "../app/board/email-lookups.server";
import { moveMembersToOwnKeys } from "../app/board/member-data-keys.server";
import { openKeyStore, rewrapPersonKeys, type KeyStore } from "../app/board/person-keys.server";
import { moveStayInformedToOwnKeys } from "../app/board/stay-informed.server";
import { keyStoreLocationFromEnv, storeLocationsFromEnv } from "../db/backup";
import { otherUsersOfStore, parseDataKey, rotateStoreDataKey } from "../db/data-key-rotation";
import type { IdentityDb } from "../db/identity-store";
import { identityMigrations } from "../db/migrations/identity";
import { responseMigrations } from "../db/migrations/responses";
import { migrateStore, openStore } from "../db/open-store";

const env = process.env;
const dataDir = path.resolve(env.DATA_DIR || "./data");
const keyFile = path.join(dataDir, "data-key");
const newKeyFile = path.join(dataDir, "data-key.new");
const keyInEnv = Boolean(env.DATA_KEY);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let oldKey: Buffer;
let newKey: Buffer;
if (keyInEnv) {
  if (!env.NEW_DATA_KEY)
    fail(
      "DATA_KEY is set: give the new key as NEW_DATA_KEY (make one with: openssl rand -hex 32).",
    );
  oldKey = parseDataKey(env.DATA_KEY!, "DATA_KEY");
  newKey = parseDataKey(env.NEW_DATA_KEY, "NEW_DATA_KEY");
} else {
  if (!fs.existsSync(keyFile)) fail(`No DATA_KEY and no ${keyFile}: nothing is encrypted yet.`);
  oldKey = parseDataKey(fs.readFileSync(keyFile, "utf8"), keyFile);
  if (fs.existsSync(newKeyFile)) {
    newKey = parseDataKey(fs.readFileSync(newKeyFile, "utf8"), newKeyFile);
    console.log(`Resuming with the new key already in ${newKeyFile}.`);
  } else {
    newKey = env.NEW_DATA_KEY ? parseDataKey(env.NEW_DATA_KEY, "NEW_DATA_KEY") : randomBytes(32);
  }
  // Written before any store changes, so an interruption never leaves data under a lost key.
  if (!fs.existsSync(newKeyFile))
    fs.writeFileSync(newKeyFile, `${newKey.toString("hex")}\n`, { mode: 0o600, flag: "wx" });
}
if (oldKey.equals(newKey)) fail("The new data key is the same as the old one.");

const locations = storeLocationsFromEnv(env);
// The board's per-person keys (docs/decisions/021, 047): DATA_DIR/person-keys.sqlite, or the
// database of DATABASE_URL_KEYS.
const keyLocation = keyStoreLocationFromEnv(env);
const stores = (["identity", "responses"] as const).map((store) => ({
  store,
  location: locations[store],
  db: openStore(locations[store]),
}));
let keyStore: KeyStore | undefined;
try {
  keyStore = await openKeyStore(keyLocation);
  // Every store is checked before any changes.
  for (const { store, location, db } of [
    ...stores,
    { store: "person-key", location: keyLocation, db: keyStore },
  ]) {
    const others = await otherUsersOfStore(
      db,
      location.engine === "sqlite" ? location.filename : undefined,
    );
    if (others.length > 0)
      fail(
        `The ${store} store is in use (${others.join(", ")}). Stop every portal instance ` +
          "(systemctl stop portal) and run this again.",
      );
  }
  for (const { store, db } of stores) {
    // The same schema as the portal of this version, so every registered column exists.
    await migrateStore(db, store === "identity" ? identityMigrations : responseMigrations, store);
    // Board members' fields and kept addresses still under the old DATA_KEY move under their
    // own keys first (decisions 035, 043); the rotation does not walk them. The identity store's keyed email
    // lookups (decisions 025, 043) are recomputed in the rotation's own transaction.
    const keys = store === "identity" ? keyStore : undefined;
    let lookups = { applications: 0, stayInformed: 0, accounts: 0 };
    if (keys) {
      const moved = await moveMembersToOwnKeys(db as IdentityDb, keys, oldKey);
      if (moved) console.log(`board members: ${moved} moved under their own keys`);
      const sealed = await sealMemberAccounts(db as IdentityDb, keys, oldKey);
      if (sealed) console.log(`board members' accounts: ${sealed} sealed under their own keys`);
      const kept = await moveStayInformedToOwnKeys(db as IdentityDb, keys, oldKey);
      if (kept) console.log(`kept addresses: ${kept} moved under their own keys`);
    }
    const counts = await rotateStoreDataKey(
      db,
      store,
      oldKey,
      newKey,
      keys
        ? async (trx) => {
            lookups = await recomputeEmailLookups(trx as IdentityDb, keys, oldKey, newKey);
          }
        : undefined,
    );
    if (store === "identity")
      console.log(
        `email lookups: ${lookups.applications} of applications, ` +
          `${lookups.stayInformed} of kept addresses, ${lookups.accounts} of accounts recomputed`,
      );
    for (const count of counts)
      console.log(
        `${store}: ${count.table}.${count.column}: ${count.rotated} re-encrypted` +
          (count.already ? `, ${count.already} already under the new key` : ""),
      );
  }
  // The per-person keys are wrapped by DATA_KEY too: re-wrapped, so every application stays
  // readable; their fields keep their own keys.
  const { rewrapped, already } = await rewrapPersonKeys(keyStore, oldKey, newKey);
  console.log(
    `person keys (${keyLocation.engine === "sqlite" ? keyLocation.filename : "DATABASE_URL_KEYS"}): ${rewrapped} re-wrapped` +
      (already ? `, ${already} already under the new key` : ""),
  );
} finally {
  await keyStore?.destroy();
  for (const { db } of stores) await db.destroy();
}

if (keyInEnv) {
  console.log("Done. Put the value of NEW_DATA_KEY in place of DATA_KEY, then start the portal.");
} else {
  fs.renameSync(newKeyFile, keyFile);
  console.log(`Done. ${keyFile} holds the new key; start the portal.`);
}
