import fs from "node:fs";
import path from "node:path";

import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { ENCRYPTED_COLUMNS, UNDER_PERSON_KEYS } from "./encrypted-columns";
import { closeIdentityDb, getIdentityDb, migrateIdentityStore } from "./identity-store";
import { closeResponseDb, getResponseDb, migrateResponseStore } from "./response-store";
import { listSourceFiles, ROOT } from "../tests/unit/source-files";
import { testEngine } from "../tests/unit/test-engine";

/**
 * The registry `npm run rotate-data-key` walks must name every encrypted column: one missed
 * would stay under the old key and be lost when that key is gone.
 */

/** The third argument of every encryptField/decryptField call in `source`, as written. */
export function contextArguments(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\b(?:encryptField|decryptField)\(/g)) {
    let depth = 0;
    let start = match.index + match[0].length;
    const args: string[] = [];
    for (let i = start; i < source.length; i += 1) {
      const char = source[i];
      if (char === "(" || char === "[" || char === "{") depth += 1;
      else if (char === ")" || char === "]" || char === "}") {
        if (depth === 0) {
          args.push(source.slice(start, i).trim());
          break;
        }
        depth -= 1;
      } else if (char === "," && depth === 0) {
        args.push(source.slice(start, i).trim());
        start = i + 1;
      }
    }
    found.push(args[2] ?? "");
  }
  return found;
}

/** The literal start of a context argument: a template's text before `${`, a string, or a
 * constant's value (`const NAME = "..."` / `` `...` `` in the same file). */
export function literalStart(argument: string, source: string): string | null {
  const constant = /^[A-Za-z_$][\w$]*$/.test(argument)
    ? new RegExp(`\\bconst\\s+${argument}\\s*=\\s*([\`"'][^\\n]*)`).exec(source)?.[1]
    : undefined;
  const literal = (constant ?? argument).trim();
  const quoted = /^([`"'])((?:(?!\$\{)[^`"'])*)/.exec(literal);
  return quoted ? quoted[2]! : null;
}

describe("the registry of encrypted columns", () => {
  it("reads the associated data of every call site (the check itself works)", () => {
    const source =
      'const HELD = "held-submission";\n' +
      "encryptField(key, JSON.stringify(f(a, b)), `outbox:${id}`);\n" +
      "decryptField(getConfig().dataKey, row.x, HELD);";
    const args = contextArguments(source);
    expect(args).toEqual(["`outbox:${id}`", "HELD"]);
    expect(args.map((arg) => literalStart(arg, source))).toEqual(["outbox:", "held-submission"]);
  });

  it("names the associated data of every call of encryptField and decryptField", () => {
    const prefixes = [...ENCRYPTED_COLUMNS, ...UNDER_PERSON_KEYS].map(
      (entry) => entry.contextPrefix,
    );
    const unknown: string[] = [];
    const files = listSourceFiles(["app", "db", "scripts"]).filter(
      // The rotation itself takes its contexts from the registry.
      (file) =>
        !/\.test\.tsx?$/.test(file) &&
        !file.endsWith("field-encryption.server.ts") &&
        !file.endsWith("db/data-key-rotation.ts"),
    );
    let calls = 0;
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8");
      if (!source.includes("field-encryption.server")) continue;
      for (const argument of contextArguments(source)) {
        calls += 1;
        const start = literalStart(argument, source);
        if (start === null || !prefixes.some((prefix) => start.startsWith(prefix)))
          unknown.push(`${path.relative(ROOT, file)}: ${argument}`);
      }
    }
    expect(calls).toBeGreaterThanOrEqual(ENCRYPTED_COLUMNS.length);
    expect(unknown).toEqual([]);
  });
});

describe(`the registry against the migrated stores (${testEngine})`, () => {
  beforeAll(async () => {
    await migrateIdentityStore();
    await migrateResponseStore();
  });
  afterAll(async () => {
    await closeIdentityDb();
    await closeResponseDb();
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any store
  async function columnsOf(db: Kysely<any>): Promise<Map<string, string[]>> {
    const tables = await db.introspection.getTables();
    return new Map(tables.map((table) => [table.name, table.columns.map((c) => c.name)]));
  }

  it("lists every column named *_encrypted, and only columns that exist", async () => {
    for (const [store, db] of [
      ["identity", getIdentityDb()],
      ["responses", getResponseDb()],
    ] as const) {
      const columns = await columnsOf(db);
      const registered = ENCRYPTED_COLUMNS.filter((entry) => entry.store === store);
      const personKeyed = UNDER_PERSON_KEYS.filter((entry) => entry.store === store);
      const inSchema = [...columns].flatMap(([table, names]) =>
        names.filter((name) => name.endsWith("_encrypted")).map((name) => `${table}.${name}`),
      );
      expect(inSchema.sort()).toEqual(
        [...registered, ...personKeyed]
          .filter((entry) => entry.column.endsWith("_encrypted"))
          .map((entry) => `${entry.table}.${entry.column}`)
          .sort(),
      );
      for (const entry of registered) {
        expect(columns.get(entry.table), `${store}: ${entry.table}`).toEqual(
          expect.arrayContaining([entry.column, ...entry.key]),
        );
      }
    }
  });
});
