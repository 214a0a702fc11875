// npm run backup [-- --out <folder>] [--passphrase-file <file>] — a consistent snapshot of both stores, taken while the
// portal keeps serving, into <folder>/<date and time>/ with SHA256SUMS (README "Backups").
import path from "node:path";

import { passphraseFromArgs } from "./passphrase";
import {
  keyStoreAdvice,
  keyStoreLocationFromEnv,
  storeLocationsFromEnv,
  writeSnapshot,
} from "../db/backup";

const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const out = path.resolve(outAt >= 0 && args[outAt + 1] ? args[outAt + 1]! : "./backups");
const now = new Date();
const folder = path.join(
  out,
  now
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-"),
);

await import("node:fs").then((fs) => fs.mkdirSync(out, { recursive: true, mode: 0o700 }));
const keyStore = keyStoreLocationFromEnv();
const manifest = await writeSnapshot(storeLocationsFromEnv(), folder, {
  now,
  passphrase: passphraseFromArgs(args),
});
console.log(
  `Snapshot written to ${folder} (identity: ${manifest.stores.identity.engine}, responses: ${manifest.stores.responses.engine}).`,
);
if (manifest.encrypted) console.log("The store files are encrypted with the passphrase (age).");
console.log(keyStoreAdvice(keyStore, "backup"));
