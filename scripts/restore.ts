// npm run restore -- <snapshot folder> [--yes] [--passphrase-file <file>] — restores a snapshot made by npm run backup
// into empty stores (an empty DATA_DIR, or empty PostgreSQL databases); refuses anything else.
import path from "node:path";
import { createInterface } from "node:readline/promises";

import { passphraseFromArgs } from "./passphrase";
import {
  isEmptyStore,
  keyStoreAdvice,
  keyStoreLocationFromEnv,
  restoreSnapshot,
  storeLocationsFromEnv,
  verifySnapshot,
} from "../db/backup";

const args = process.argv.slice(2);
const passphrase = passphraseFromArgs(args);
const folder = args.find(
  (arg, at) => !arg.startsWith("--") && args[at - 1] !== "--passphrase-file",
);
if (!folder) {
  console.error("Usage: npm run restore -- <snapshot folder> [--yes] [--passphrase-file <file>]");
  process.exit(2);
}
const stores = storeLocationsFromEnv();
const keyStore = keyStoreLocationFromEnv();
const manifest = verifySnapshot(path.resolve(folder));
const where = (name: "identity" | "responses") => {
  const location = stores[name];
  return location.engine === "sqlite" ? location.filename : new URL(location.url).pathname.slice(1);
};
console.log(`Snapshot of ${manifest.created}: checksums match.`);
for (const name of ["identity", "responses"] as const) {
  if (!(await isEmptyStore(stores[name]))) {
    console.error(
      `Nothing restored: ${where(name)} is not empty. Restore only into an empty place.`,
    );
    process.exit(1);
  }
}
console.log(`It will be restored into ${where("identity")} and ${where("responses")}.`);
if (!args.includes("--yes")) {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question('Type "restore" to go on: ');
  prompt.close();
  if (answer.trim() !== "restore") {
    console.log("Nothing restored.");
    process.exit(1);
  }
}
try {
  await restoreSnapshot(path.resolve(folder), stores, { passphrase });
} catch (error) {
  console.error(`Nothing restored: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
console.log(keyStoreAdvice(keyStore, "restore"));
