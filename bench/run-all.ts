// npm run bench — runs every benchmark in turn against the built server (the npm script builds
// first). Each bench prints its own table and exits 0 whether or not its targets are met; this
// runner exits 1 only if a bench itself broke.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Every bench, in the order they run. Add new ones here. */
const BENCHES = [
  "bench/survivor.ts",
  "bench/feedback.ts",
  "bench/assessment.ts",
  "bench/staff-pages.ts",
  "bench/board.ts",
  "bench/capacity.ts",
  "bench/minutes.ts",
];

let broken = 0;
for (const bench of BENCHES) {
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", bench], {
      cwd: ROOT,
      stdio: "inherit",
    });
    child.once("exit", resolve);
  });
  if (code !== 0) {
    console.error(`${bench} broke (exit ${code})`);
    broken++;
  }
}
process.exit(broken > 0 ? 1 : 0);
