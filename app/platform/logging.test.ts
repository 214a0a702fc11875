import { afterEach, expect, test, vi } from "vitest";

import { logDatabaseUnavailable } from "./logging.server";

afterEach(() => vi.restoreAllMocks());

test("a database that is down is logged as one line with the driver's code and never the message", () => {
  const lines: string[] = [];
  vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
  const error = Object.assign(
    new Error("connect ECONNREFUSED 10.0.0.5:5432 for portal_identity@db.internal"),
    { code: "ECONNREFUSED" },
  );
  logDatabaseUnavailable("request", new Error("wrapped", { cause: error }));
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]!)).toEqual({
    level: "error",
    where: "request",
    name: "DatabaseUnavailable",
    code: "ECONNREFUSED",
  });
  expect(lines[0]).not.toMatch(/10\.0\.0\.5|portal_identity|db\.internal/);
});
