// npm test's PostgreSQL browser smoke path: the feedback path, the two-instance checks and the
// databases stopping while the portal runs, on a throwaway cluster (tests/run-e2e.mjs --postgres), after the SQLite suite has built the app.
// Without PostgreSQL installed it says so in one line and passes, unless REQUIRE_POSTGRES=1
// (CI), which fails instead.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

import { findPostgresBin } from "./pg-cluster.mjs";

if (!findPostgresBin()) {
  if (process.env.REQUIRE_POSTGRES === "1") {
    console.error(
      "REQUIRE_POSTGRES=1 but PostgreSQL is not installed (apt-get install postgresql)",
    );
    process.exit(1);
  }
  console.log("PostgreSQL is not installed: the PostgreSQL browser smoke path is skipped.");
  process.exit(0);
}
if (!fs.existsSync("build/index.js")) {
  console.error("No production build: run npm run build first.");
  process.exit(1);
}
const run = spawnSync(
  process.execPath,
  [
    "tests/run-e2e.mjs",
    "--postgres",
    "tests/e2e/postgres-smoke.test.ts",
    "tests/e2e/two-instances.test.ts",
    "tests/e2e/database-down.test.ts",
  ],
  { stdio: "inherit" },
);
process.exit(run.status ?? 1);
