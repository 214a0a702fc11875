// npm run user:create -- --email X --role admin [--role coordinator] [--name "Full Name"] [--reset-password]
// Creates a staff account (or, with --reset-password, sets a new password for an existing one).
// The password is read from PORTAL_PASSWORD when set (for scripts), otherwise asked for twice
// on the terminal without echoing it.
import { parseArgs } from "node:util";

import { askHidden } from "./ask-hidden";
import { createStaffAccount, resetStaffPassword } from "../app/auth/accounts-cli.server";
import { isRole } from "../app/auth/permissions";
import { migrateAll, stopApplication } from "../app/platform/startup.server";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    role: { type: "string", multiple: true, default: [] },
    name: { type: "string" },
    "reset-password": { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!values.email)
  fail("Give an email: npm run user:create -- --email person@example.org --role admin");
const roles = values.role ?? [];
const unknown = roles.filter((role) => !isRole(role));
if (unknown.length)
  fail(
    `Unknown role(s): ${unknown.join(", ")}. Roles: admin, coordinator, secretariat, reviewer, board_member.`,
  );
if (!values["reset-password"] && roles.length === 0) fail("Give at least one --role.");

let password = process.env.PORTAL_PASSWORD;
if (!password) {
  if (!process.stdin.isTTY)
    fail("Set PORTAL_PASSWORD, or run this in a terminal to type the password.");
  password = await askHidden("Password (at least 12 characters): ");
  const again = await askHidden("Type it again: ");
  if (again !== password) fail("The two passwords do not match.");
}

await migrateAll();
const result = values["reset-password"]
  ? await resetStaffPassword(values.email, password)
  : await createStaffAccount({
      email: values.email,
      displayName: values.name ?? values.email,
      roles: roles.filter(isRole),
      password,
    });
await stopApplication();
if (!result.ok) fail(result.message);
console.log(result.message);
