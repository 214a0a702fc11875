import fs from "node:fs";
import path from "node:path";

import ts from "typescript";
import { describe, expect, it } from "vitest";

import { listSourceFiles, ROOT } from "./source-files";

/**
 * The audit log page names each detail of an entry by `audit.detailKeys.<key>`
 * (locales/*\/staff.json); a key without a label showed as ⟦missing:…⟧ on the admin's page (the
 * minutes' comparison and print entries did). Every `details: { … }` written in app/ is read
 * from the source, so a new detail cannot land without its label.
 */
function detailKeysInSource(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of listSourceFiles(["app"], [".ts", ".tsx"])) {
    if (file.endsWith(".test.ts") || file.endsWith(".test.tsx")) continue;
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
    const visit = (node: ts.Node) => {
      if (
        ts.isPropertyAssignment(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === "details" &&
        ts.isObjectLiteralExpression(node.initializer)
      )
        for (const property of node.initializer.properties)
          if (
            (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) &&
            ts.isIdentifier(property.name)
          )
            keys.set(property.name.text, path.relative(ROOT, file));
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return keys;
}

describe("the audit log's detail labels", () => {
  it("name every detail an audit entry is written with, in both languages", () => {
    const found = detailKeysInSource();
    expect(found.size).toBeGreaterThan(30);
    for (const lang of ["sq", "en"]) {
      const staff = JSON.parse(
        fs.readFileSync(path.join(ROOT, "locales", lang, "staff.json"), "utf8"),
      ) as { audit: { detailKeys: Record<string, string> } };
      const missing = [...found].filter(([key]) => !(key in staff.audit.detailKeys));
      expect(missing.map(([key, file]) => `${lang}: ${key} (${file})`)).toEqual([]);
    }
  });
});
