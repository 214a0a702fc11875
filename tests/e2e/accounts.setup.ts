import { execFileSync } from "node:child_process";

import { expect, test as setup } from "@playwright/test";

import { DEMO_PASSWORD } from "./helpers";

// Accounts that tests change (lockout, password change, roles) are their own, made with the
// real command-line tool once the server has seeded the demo, so no test disturbs the demo
// accounts the others use.
const TEST_ACCOUNTS = [
  { email: "lockout@test.example", role: "secretariat" },
  { email: "password-change@test.example", role: "board_member" },
  { email: "roles-change@test.example", role: "reviewer" },
  { email: "reset@test.example", role: "coordinator" },
  { email: "reset-throttle@test.example", role: "reviewer" },
];

setup("create the test accounts with npm run user:create", () => {
  for (const account of TEST_ACCOUNTS) {
    const output = execFileSync(
      "npx",
      [
        "tsx",
        "scripts/user-create.ts",
        "--email",
        account.email,
        "--role",
        account.role,
        "--name",
        "Test Person",
      ],
      { env: { ...process.env, PORTAL_PASSWORD: DEMO_PASSWORD }, encoding: "utf8" },
    );
    expect(output).toContain(`Created ${account.email}`);
  }
});
