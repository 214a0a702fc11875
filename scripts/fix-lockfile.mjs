// The registry this project is installed from lacks some platform-specific optional builds
// (rollup, esbuild for other systems), so `npm install` here drops them from package-lock.json
// and a later `npm ci` refuses the lock ("Missing: ... from lock file"). This adds a placeholder
// entry (version, optional) for each missing optional dependency. Run after every npm install.
import fs from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));
const packages = lock.packages;
let added = 0;

for (const [location, entry] of Object.entries({ ...packages })) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(location, name)) continue;
    packages[`node_modules/${name}`] = { version: spec.replace(/^[\^~=]/, ""), optional: true };
    added += 1;
  }
}

function resolves(location, name) {
  let base = location;
  for (;;) {
    if (packages[`${base ? `${base}/` : ""}node_modules/${name}`]) return true;
    if (!base) return false;
    const index = base.lastIndexOf("/node_modules/");
    base = index < 0 ? "" : base.slice(0, index);
  }
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`fix-lockfile: added ${added} placeholder entries`);
