import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

import { ROOT } from "./source-files";

// Every visible string comes from locales/: the lint rule react/jsx-no-literals (eslint.config.js)
// forbids text written into a component. This test runs it and proves it catches a literal.
describe("components render no literal text", () => {
  const eslint = new ESLint({ cwd: ROOT });
  // The project's configuration, running that one rule: `npm run lint` runs all of them, and
  // all of them took most of a minute on a busy 2-core machine.
  const literalsOnly = new ESLint({
    cwd: ROOT,
    ruleFilter: ({ ruleId }) => ruleId === "react/jsx-no-literals",
  });

  it("finds no literal text in any component", async () => {
    const results = await literalsOnly.lintFiles(["app/**/*.tsx"]);
    const literals = results.flatMap((result) =>
      result.messages
        .filter((m) => m.ruleId === "react/jsx-no-literals")
        .map((m) => `${result.filePath}:${m.line}`),
    );
    expect(literals).toEqual([]);
  }, 240_000);

  it("would catch a component that writes its own text", async () => {
    for (const linter of [eslint, literalsOnly]) {
      const [result] = await linter.lintText(
        "export function Hello() {\n  return <p>Mirë se vini</p>;\n}\n",
        {
          filePath: `${ROOT}/app/ui/hello.tsx`,
        },
      );
      expect(result!.messages.map((m) => m.ruleId)).toContain("react/jsx-no-literals");
    }
  }, 60_000);
});
