import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { ROOT, servingNodeArgs } from "../../bench/harness";

// Decision 059: the server runs under a heap budget, written once in `npm run serve`; the README's
// systemd unit and the benches must start it the same way.
describe("how the server is started", () => {
  const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };

  it("gives the server its heap budget in npm run serve, which npm start uses", () => {
    expect(servingNodeArgs(ROOT)).toContain("--max-old-space-size=256");
    // Decision 060: full collections a few times less often under load (the survivor pages' p99).
    expect(servingNodeArgs(ROOT)).toContain("--initial-old-space-size=160");
    expect(packageJson.scripts.start).toMatch(/&& npm run serve$/);
  });

  it("starts the systemd unit of the README with the same options", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const execStart = /^ExecStart=\/usr\/bin\/node (.*) server\.js$/m.exec(readme);
    expect(execStart?.[1]?.split(" ")).toEqual(servingNodeArgs(ROOT));
  });

  it("refuses a serve script the benches could not read, rather than measure another server", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serve-test-"));
    try {
      fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ scripts: { serve: "sh start.sh" } }),
      );
      expect(() => servingNodeArgs(dir)).toThrow(/"serve" is not/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
