import { execFileSync } from "node:child_process";

import { expect, test as setup } from "@playwright/test";

import {
  apiSignIn,
  DEMO,
  DEMO_PASSWORD,
  LONE_COORDINATOR,
  OTHER_COORDINATOR,
  OTHER_ORGANISATION,
} from "./helpers";

// Accounts that tests change (lockout, password change, roles) are their own, made with the
// real command-line tool once the server has seeded the demo, so no test disturbs the demo
// accounts the others use.
const TEST_ACCOUNTS = [
  { email: "lockout@test.example", role: "secretariat" },
  { email: "password-change@test.example", role: "board_member" },
  { email: "roles-change@test.example", role: "reviewer" },
  // Campaigns belong to organisations: a coordinator of another organisation, and one of none.
  { email: OTHER_COORDINATOR, role: "coordinator" },
  { email: LONE_COORDINATOR, role: "coordinator" },
  // A role without required two-step sign-in: that test signs in by hand on two instances.
  { email: "two-instances@test.example", role: "board_member" },
  { email: "reset@test.example", role: "coordinator" },
  { email: "reset-throttle@test.example", role: "reviewer" },
  // Sets up two-step sign-in in tests/e2e/two-factor.test.ts (a required role, none yet).
  { email: "two-factor@test.example", role: "reviewer" },
  // The role matrix (tests/e2e/role-matrix.test.ts): a guest it invites to the demo's coming
  // meeting, and a board member who never signs the confidentiality declaration.
  { email: "guest-matrix@test.example", role: "guest" },
  { email: "unsigned-member@test.example", role: "board_member" },
];

setup("create the test accounts (the first with npm run user:create itself)", () => {
  const env = { ...process.env, PORTAL_PASSWORD: DEMO_PASSWORD };
  const [first, ...others] = TEST_ACCOUNTS;
  const output = [
    execFileSync(
      "npx",
      [
        "tsx",
        "scripts/user-create.ts",
        "--email",
        first!.email,
        "--role",
        first!.role,
        "--name",
        "Test Person",
      ],
      { env, encoding: "utf8" },
    ),
    // The others in one process, with the same account function the command calls.
    execFileSync("npx", ["tsx", "tests/e2e/create-test-accounts.ts", JSON.stringify(others)], {
      env,
      encoding: "utf8",
    }),
  ].join("");
  for (const account of TEST_ACCOUNTS) expect(output).toContain(`Created ${account.email}`);
});

setup(
  "put the other coordinator in an organisation of their own",
  async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Cookie: await apiSignIn(playwright, baseURL, DEMO.admin) },
    });
    const csrfOf = async (url: string) =>
      /name="csrf" value="([^"]+)"/.exec(await (await admin.get(url)).text())?.[1] ?? "";
    const created = await admin.post("/staff/organisations", {
      form: { csrf: await csrfOf("/staff/organisations"), name: OTHER_ORGANISATION, type: "ngo" },
      maxRedirects: 0,
    });
    expect(created.status()).toBe(302);
    const page = created.headers()["location"]!;
    const html = await (await admin.get(page)).text();
    const userId = new RegExp(`<option value="([0-9a-f-]{36})">[^<]*${OTHER_COORDINATOR}`).exec(
      html,
    )?.[1];
    const added = await admin.post(page, {
      form: {
        csrf: await csrfOf(page),
        intent: "membership",
        userId: userId ?? "",
        member: "add",
      },
      maxRedirects: 0,
    });
    expect(added.status()).toBe(302);
    await admin.dispose();
  },
);
