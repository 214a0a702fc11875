import fs from "node:fs";

import { defineConfig, devices } from "@playwright/test";

// Started by tests/run-e2e.mjs, which picks a free port and a throwaway DATA_DIR.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;

// Debian's chromium-headless-shell is the browser Playwright itself uses for headless runs: it
// lacks the full browser's window and GPU machinery and used about a fifth less CPU per test
// file here (docs/decisions/036). The full /usr/bin/chromium is the fallback; CHROMIUM_PATH
// overrides both (a headed debugging run, say).
const headlessShell = "/usr/lib/chromium/chromium-headless-shell";
const executablePath =
  process.env.CHROMIUM_PATH ?? (fs.existsSync(headlessShell) ? headlessShell : "/usr/bin/chromium");

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  // tests/run-e2e.mjs gives each shard its own folder (inside its throwaway DATA_DIR).
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  use: {
    baseURL,
    trace: "off",
    launchOptions: {
      executablePath,
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        // One renderer process for every page and context instead of a new process for each:
        // the tests open hundreds of short-lived pages on one site (localhost), and starting a
        // renderer for each was a tenth of the suite's CPU on a 2-core machine (docs/decisions/036).
        // Contexts still keep their own cookies and storage.
        "--renderer-process-limit=1",
        "--disable-site-isolation-trials",
        "--disable-features=site-per-process,IsolateOrigins",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: /accounts\.setup\.ts/ },
    {
      name: "chromium",
      testMatch: "**/*.test.ts",
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"] },
    },
  ],
  webServer: [
    {
      command: "node server.js",
      url: `${baseURL}/favicon.svg`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    // On PostgreSQL (node tests/run-e2e.mjs --postgres) a second instance shares the databases
    // (tests/e2e/two-instances.test.ts) but not DATA_DIR, as on another machine (its own
    // folder, E2E_DATA_DIR_B); it does not seed the demo, the first one does.
    ...(process.env.E2E_PORT_B
      ? [
          {
            command: "node server.js",
            url: `http://localhost:${process.env.E2E_PORT_B}/favicon.svg`,
            env: {
              PORT: process.env.E2E_PORT_B,
              DEMO_SEED: "false",
              ...(process.env.E2E_DATA_DIR_B ? { DATA_DIR: process.env.E2E_DATA_DIR_B } : {}),
            },
            reuseExistingServer: false,
            timeout: 60_000,
            stdout: "ignore" as const,
            stderr: "pipe" as const,
          },
        ]
      : []),
  ],
});
