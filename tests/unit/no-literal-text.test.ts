import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

import { ROOT } from "./source-files";

// Every visible string comes from locales/: the lint rule react/jsx-no-literals (eslint.config.js)
// forbids text written into a component. This test runs it and proves it catches a literal.
describe("components render no literal text", () => {
  const eslint = new ESLint({ cwd: ROOT });

  it("finds no literal text in any component", async () => {
    const results = await eslint.lintFiles(["app/**/*.tsx"]);
    const literals = results.flatMap((result) =>
      result.messages
        .filter((m) => m.ruleId === "react/jsx-no-literals")
        .map((m) => `${result.filePath}:${m.line}`),
    );
    expect(literals).toEqual([]);
  }, 240_000); // the whole lint of app/ takes over a minute on a busy 2-core machine

  it("would catch a component that writes its own text", async () => {
    const [result] = await eslint.lintText(
      "export function Hello() {\n  return <p>Mirë se vini</p>;\n}\n",
      {
        filePath: `${ROOT}/app/ui/hello.tsx`,
      },
    );
    expect(result!.messages.map((m) => m.ruleId)).toContain("react/jsx-no-literals");
  }, 60_000);
});
