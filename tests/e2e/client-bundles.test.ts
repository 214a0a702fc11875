import fs from "node:fs";
import path from "node:path";

import { expect, test } from "./fixtures";
import { DEMO, signInOk } from "./helpers";
import { hydrated } from "./hydration";

// What the browser is sent, read from the build the suite runs against (npm run build), and,
// for the texts, what a signed-in staff page makes the browser fetch.

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

test("Staff pages send zod without its error messages in other languages", () => {
  // `import { z } from "zod"` made esbuild keep the whole of zod for the browser: its error
  // messages in some 40 languages (zod/v4/locales) and its JSON Schema converters, about 450 kB
  // on 56 staff pages. With `import * as z` only what the forms use is sent (about 100 kB;
  // docs/decisions/064). "символов" ("characters") is from zod's Russian messages.
  const carrying = browserScripts()
    .filter(({ text }) => text.includes("символов"))
    .map(({ file }) => file);
  expect(carrying).toEqual([]);
});

test("A staff page's scripts carry one language's texts, and the browser fetches only the page's own", async ({
  page,
}) => {
  // Both languages' texts (about 310 kB) were one chunk every hydrated page loaded. Each
  // language is now a chunk of its own (app/i18n/texts.sq.ts, texts.en.ts), fetched by
  // entry.client.tsx before hydrating. "Hyr" and "Sign in" are the sign-in button in each.
  const sq = /"Hyr"/;
  const en = /"Sign in"/;
  const both = browserScripts()
    .filter(({ text }) => sq.test(text) && en.test(text))
    .map(({ file }) => file);
  expect(both).toEqual([]);

  await signInOk(page, DEMO.coordinator);
  for (const [path, own, other] of [
    ["/en/staff", "texts.en-", "texts.sq-"],
    ["/staff", "texts.sq-", "texts.en-"],
  ] as const) {
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto(path);
    await hydrated(page);
    await expect(page.getByRole("main")).not.toContainText("⟦missing");
    expect(scripts.some((url) => url.includes(own))).toBe(true);
    expect(scripts.filter((url) => url.includes(other))).toEqual([]);
    page.removeAllListeners("request");
  }
});
