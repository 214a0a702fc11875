import fs from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { listSourceFiles, ROOT } from "./source-files";

/** Which of the two store modules a source file imports (static or dynamic imports). */
export function storesImportedBy(source: string): Set<"identity" | "responses"> {
  const stores = new Set<"identity" | "responses">();
  const specifiers = [
    ...source.matchAll(/\bfrom\s+["']([^"']+)["']/g),
    ...source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
    ...source.matchAll(/^\s*import\s+["']([^"']+)["']/gm),
  ].map((match) => match[1] ?? "");
  for (const specifier of specifiers) {
    if (/(^|\/)db\/identity-store$/.test(specifier) || specifier === "./identity-store")
      stores.add("identity");
    if (/(^|\/)db\/response-store$/.test(specifier) || specifier === "./response-store")
      stores.add("responses");
  }
  return stores;
}

describe("identity and response stores stay apart", () => {
  it("detects a module that imports both (the check itself works)", () => {
    const offending = `import { getIdentityDb } from "../../db/identity-store";\nimport { getResponseDb } from "../../db/response-store";`;
    expect([...storesImportedBy(offending)].sort()).toEqual(["identity", "responses"]);
    expect([...storesImportedBy(`const m = await import("../db/response-store");`)]).toEqual([
      "responses",
    ]);
  });

  it("no module in the project imports both stores", () => {
    const files = listSourceFiles(
      ["app", "db", "scripts", "bench", "tests", "server.js"].filter((d) => d !== "server.js"),
    );
    files.push(path.join(ROOT, "server.js"));
    const offenders = files
      // Tests may open both stores: that is how they prove the two stay apart. So may their
      // helper modules (`*test-helpers.ts`), which the portal's own code never imports (checked
      // below; tests and benches do).
      .filter((file) => !/(\.test|test-helpers)\.tsx?$/.test(file))
      .filter((file) => storesImportedBy(fs.readFileSync(file, "utf8")).size > 1)
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toEqual([]);
  });

  it("no code the portal runs imports a test helper module (those may open both stores)", () => {
    const importers = listSourceFiles(["app", "db", "scripts"])
      .filter((file) => !/(\.test|test-helpers)\.tsx?$/.test(file))
      .filter((file) => /test-helpers["']/.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(ROOT, file));
    expect(importers).toEqual([]);
  });

  it("the stores are separate files with separate migrations", () => {
    const identity = fs.readFileSync(path.join(ROOT, "db/identity-store.ts"), "utf8");
    const responses = fs.readFileSync(path.join(ROOT, "db/response-store.ts"), "utf8");
    expect(identity).toContain("identityStorePath");
    expect(identity).toContain("migrations/identity");
    expect(responses).toContain("responseStorePath");
    expect(responses).toContain("migrations/responses");
  });
});
