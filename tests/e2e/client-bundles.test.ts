import fs from "node:fs";
import path from "node:path";

import { expect, test } from "@playwright/test";

// What the browser is sent, read from the build the suite runs against (npm run build). No
// browser is needed, so this file uses Playwright's plain `test`.

/** Every JavaScript file the server can send to a browser, with its path under public/build. */
function browserScripts(): { file: string; text: string }[] {
  const root = path.join("public", "build");
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((file) => file.endsWith(".js"))
    .map((file) => ({ file, text: fs.readFileSync(path.join(root, file), "utf8") }));
}

test("The meeting pages send no public-holiday data to the browser: the notice rule is counted on the server", () => {
  // date-holidays carries every country's rules (about 1.5 MB with moment-timezone). It reached
  // the board's and meetings' pages through a constant a component imported from the module
  // that counts working days (docs/decisions/061). "easter -48" is one of its rules (the start
  // of Orthodox Lent); "Date-Holidays" its own name in its code.
  const scripts = browserScripts();
  expect(scripts.length).toBeGreaterThan(10);
  const carrying = scripts
    .filter(({ text }) => text.includes("easter -48") || /date-holidays/i.test(text))
    .map(({ file }) => file);
  expect(carrying).toEqual([]);
});
