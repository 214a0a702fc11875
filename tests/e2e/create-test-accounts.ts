// Creates several staff accounts in one process (tests/e2e/accounts.setup.ts), with the same
// function `npm run user:create` calls: one `tsx` start per account took most of a minute.
// Usage: tsx tests/e2e/create-test-accounts.ts '[{"email":"a@x","role":"reviewer"}]'
// The password comes from PORTAL_PASSWORD. Prints "Created <email>" per account.
import { createStaffAccount } from "../../app/auth/accounts-cli.server";
import { isRole } from "../../app/auth/permissions";
import { migrateAll, stopApplication } from "../../app/platform/startup.server";

const accounts = JSON.parse(process.argv[2] ?? "[]") as { email: string; role: string }[];
const password = process.env.PORTAL_PASSWORD;
if (!password) throw new Error("Set PORTAL_PASSWORD");
await migrateAll();
for (const account of accounts) {
  if (!isRole(account.role)) throw new Error(`Unknown role ${account.role}`);
  const result = await createStaffAccount({
    email: account.email,
    displayName: "Test Person",
    roles: [account.role],
    password,
  });
  console.log(result.message);
}
await stopApplication();
