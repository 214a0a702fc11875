import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { loadConfig } from "./config.server";

const dirs: string[] = [];
const freshDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-config-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("configuration", () => {
  it("generates separate secrets once and reads the same ones on the next start", () => {
    const DATA_DIR = freshDir();
    const first = loadConfig({ DATA_DIR });
    expect(first.feedbackSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(first.feedbackSecret).not.toBe(first.sessionSecret);
    expect(fs.statSync(path.join(DATA_DIR, "feedback-secret")).mode & 0o777).toBe(0o600);
    const again = loadConfig({ DATA_DIR });
    expect(again.feedbackSecret).toBe(first.feedbackSecret);
    expect(again.dataKey.equals(first.dataKey)).toBe(true);
  });

  it("keeps the access-code key when the session secret is rotated", () => {
    const DATA_DIR = freshDir();
    const before = loadConfig({ DATA_DIR, SESSION_SECRET: "a".repeat(40) });
    const after = loadConfig({ DATA_DIR, SESSION_SECRET: "b".repeat(40) });
    expect(after.sessionSecret).not.toBe(before.sessionSecret);
    expect(after.feedbackSecret).toBe(before.feedbackSecret);
  });

  it("reads the calendar in Europe/Tirane unless told otherwise, and refuses unknown zones", () => {
    const DATA_DIR = freshDir();
    expect(loadConfig({ DATA_DIR }).timeZone).toBe("Europe/Tirane");
    expect(loadConfig({ DATA_DIR, TIME_ZONE: "Europe/Belgrade" }).timeZone).toBe("Europe/Belgrade");
    expect(() => loadConfig({ DATA_DIR, TIME_ZONE: "Mars/Olympus" })).toThrow(/TIME_ZONE/);
  });
});
