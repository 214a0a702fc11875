// Runs npm scripts at the same time and fails when any fails: `node tests/run-parallel.mjs a b`.
// npm test uses it for the type check, lint and format check, which do not depend on each other
// (about a minute less on a two-core CI machine), and for the unit tests beside the PostgreSQL
// browser smoke path and the nginx checks, which leave a core partly idle on their own (the unit
// tests keep about 1.3 of 2 busy; docs/decisions/036). Running the unit tests beside the type
// check gained nothing measurable. Each script's output is printed whole, in order, once all
// have finished.
import { spawn } from "node:child_process";

const scripts = process.argv.slice(2);
const results = await Promise.all(
  scripts.map(
    (script) =>
      new Promise((resolve) => {
        const child = spawn("npm", ["run", "--silent", script], { env: process.env });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("close", (code) => resolve({ script, code: code ?? 1, output }));
      }),
  ),
);
for (const { script, code, output } of results) {
  process.stdout.write(`> ${script}: ${code === 0 ? "ok" : `failed (exit ${code})`}\n${output}`);
}
process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
