import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

// @ts-expect-error plain JavaScript helper shared with tests/run-e2e.mjs
import { findPostgresBin } from "./tests/pg-cluster.mjs";

/**
 * Two projects: every unit test on SQLite, and the data-layer and integration tests again on
 * a throwaway PostgreSQL cluster (docs/decisions/017). Without PostgreSQL installed the second
 * project is left out with one line, unless REQUIRE_POSTGRES=1 (CI), which fails instead.
 */
const BOTH_ENGINES = [
  "db/**/*.test.ts",
  "app/auth/audit-retention.test.ts",
  "app/auth/auth.commands.test.ts",
  "app/auth/kept-input.test.ts",
  "app/auth/sessions.test.ts",
  "app/auth/sign-in-throttle.test.ts",
  "app/auth/two-factor.commands.test.ts",
  "app/assessment/assessments.test.ts",
  "app/assessment/good-practices.test.ts",
  "app/feedback/feedback-rules.test.ts",
  "app/feedback/double-submit.test.ts",
  "app/feedback/campaigns.test.ts",
  "app/feedback/free-text-review.test.ts",
  "app/feedback/public-campaign-cache.test.ts",
  "app/feedback/questionnaire.test.ts",
  "app/feedback/submission-order.test.ts",
  "app/board/**/*.test.ts",
  "app/meetings/**/*.test.ts",
  "tests/unit/**/*.engines.test.ts",
];

const hasPostgres = Boolean(findPostgresBin());
if (!hasPostgres) {
  if (process.env.REQUIRE_POSTGRES === "1")
    throw new Error(
      "REQUIRE_POSTGRES=1 but PostgreSQL is not installed (apt-get install postgresql)",
    );
  console.log("PostgreSQL is not installed: the PostgreSQL test suites are skipped.");
}

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    setupFiles: ["tests/unit/setup.ts"],
    // Time is measured by `npm run bench`, not here: on a loaded 2-core CI machine a backup or a
    // PostgreSQL round trip can take far longer than Vitest's 5 s default without being wrong.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one fork fewer than the cores: one on a 2-core CI machine. Many files
    // wait on a database, a backup's scrypt or a child process, so several at once finish
    // sooner: four took 251 s where three took 263-277 s (docs/decisions/036).
    maxWorkers: 4,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: [
            "app/**/*.test.{ts,tsx}",
            "db/**/*.test.ts",
            "tests/unit/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
        },
      },
      ...(hasPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: "postgres",
                include: BOTH_ENGINES,
                exclude: ["db/sqlite3-dialect.test.ts"],
                globalSetup: ["tests/unit/postgres-global-setup.ts"],
                env: { PORTAL_TEST_ENGINE: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
