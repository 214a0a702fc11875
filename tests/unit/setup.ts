import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll } from "vitest";

// Each test file gets its own throwaway DATA_DIR, so stores never touch ./data or each other.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-unit-"));
process.env.DATA_DIR = dataDir;
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET = "unit-test-session-secret-0123456789abcdef";
process.env.DATA_KEY = "0".repeat(63) + "1";
delete process.env.SMTP_URL;

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});
