import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough } from "node:stream";

import { createElement } from "react";
import { renderToString } from "react-dom/server";
import type * as ReactDomServer from "react-dom/server";
import { describe, expect, it } from "vitest";

type Renderer = typeof ReactDomServer;
const require = createRequire(import.meta.url);
const reactDom = path.dirname(require.resolve("react-dom/package.json"));
/** The server runs React's production build; tests otherwise get the development one. */
const BUILDS: [string, Renderer][] = [
  [
    "production",
    require(path.join(reactDom, "cjs/react-dom-server.node.production.min.js")) as Renderer,
  ],
  [
    "development",
    require(path.join(reactDom, "cjs/react-dom-server.node.development.js")) as Renderer,
  ],
];

/**
 * Pages are streamed by React (app/entry.server.tsx). React 18.3.1 wrote a whole 2 kB buffer
 * when a character of two or more bytes did not fit at its end, so one NUL byte went out in
 * the middle of the page and the letter beside it read as "�" (react/react#31134). Albanian
 * pages hit it: "ë" and "ç" are two bytes each. patches/react-dom+18.3.1.patch writes only the
 * bytes filled, as React 19 does.
 */
function streamed(
  { renderToPipeableStream }: Renderer,
  element: ReturnType<typeof createElement>,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(element, {
      onAllReady() {
        const body = new PassThrough();
        const chunks: Buffer[] = [];
        body.on("data", (chunk: Buffer) => chunks.push(chunk));
        body.on("end", () => resolve(Buffer.concat(chunks)));
        pipe(body);
      },
      onShellError: reject,
    });
  });
}

describe.each(BUILDS)("a page streamed by React's %s build", (_name, renderer) => {
  it("holds the same bytes as the page rendered at once, wherever an Albanian letter falls", async () => {
    // Many short texts, as a page has; each padding moves the letters across the 2 kB edges.
    for (let padding = 0; padding < 8; padding++) {
      const page = createElement(
        "main",
        null,
        "x".repeat(padding),
        ...Array.from({ length: 300 }, (_, i) =>
          createElement("p", { key: i }, `Përgjigja ${i}: çdo gjë është në rregull.`),
        ),
      );
      const bytes = await streamed(renderer, page);
      expect(bytes.includes(0), `a NUL byte with padding ${padding}`).toBe(false);
      expect(bytes.toString("utf8")).toBe(renderToString(page));
    }
  });
});
