import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import pg from "pg";
import { afterAll, inject } from "vitest";

// @ts-expect-error plain JavaScript helper shared with tests/run-e2e.mjs
import { storeDatabasesSql } from "../pg-cluster.mjs";

// Each test file gets its own throwaway DATA_DIR, so stores never touch ./data or each other.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-unit-"));
process.env.DATA_DIR = dataDir;
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET = "unit-test-session-secret-0123456789abcdef";
process.env.DATA_KEY = "0".repeat(63) + "1";
delete process.env.SMTP_URL;
delete process.env.DATABASE_URL_IDENTITY;
delete process.env.DATABASE_URL_RESPONSES;
delete process.env.DATABASE_URL_KEYS;

// In the "postgres" project each test file gets its own three databases and roles in the
// throwaway cluster (tests/unit/postgres-global-setup.ts), made with the README's SQL: the two
// stores and the board's person keys (DATABASE_URL_KEYS, docs/decisions/047).
if (process.env.PORTAL_TEST_ENGINE === "postgres") {
  const adminUrl = inject("postgresAdminUrl");
  const suffix = randomBytes(6).toString("hex");
  const names = {
    identityDb: `identity_${suffix}`,
    responsesDb: `responses_${suffix}`,
    keysDb: `keys_${suffix}`,
    identityRole: `portal_identity_${suffix}`,
    responsesRole: `portal_responses_${suffix}`,
    keysRole: `portal_keys_${suffix}`,
    passwords: { identity: `pw-${suffix}-i`, responses: `pw-${suffix}-r`, keys: `pw-${suffix}-k` },
  };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  for (const statement of storeDatabasesSql(names) as string[]) await admin.query(statement);
  await admin.end();
  const at = (role: string, password: string, database: string) => {
    const url = new URL(adminUrl);
    url.username = role;
    url.password = password;
    url.pathname = `/${database}`;
    return url.toString();
  };
  process.env.DATABASE_URL_IDENTITY = at(
    names.identityRole,
    names.passwords.identity,
    names.identityDb,
  );
  process.env.DATABASE_URL_RESPONSES = at(
    names.responsesRole,
    names.passwords.responses,
    names.responsesDb,
  );
  process.env.DATABASE_URL_KEYS = at(names.keysRole, names.passwords.keys, names.keysDb);
}

afterAll(async () => {
  // Open PostgreSQL pools would keep the worker alive after its last file: Vitest then waits,
  // and stops it by force ("Timeout terminating forks worker").
  const [{ shutDownIdentityStore }, { shutDownResponseStore }, { closeKeyStore }] =
    await Promise.all([
      import("../../app/platform/identity-lifecycle.server"),
      import("../../app/platform/response-lifecycle.server"),
      import("../../app/board/person-keys.server"),
    ]);
  await Promise.all([shutDownIdentityStore(), shutDownResponseStore(), closeKeyStore()]);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
