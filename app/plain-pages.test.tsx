import fs from "node:fs";
import { createRequire } from "node:module";

import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { describe, expect, it } from "vitest";

import * as entryServer from "./entry.server";
import { testServerBuild } from "../tests/unit/test-build";

/**
 * A page without framework JavaScript (every survivor page) has no router in the browser to
 * hand its loader and action data to. Remix encoded that data (turbo-stream, with a timer) for
 * every page anyway, and RemixServer rendered an empty Suspense boundary for it after
 * `</html>`. Patched to encode it only when read (patches/@remix-run+server-runtime+2.17.5.patch),
 * and the server entry drops it for such pages (decision 051).
 */
const require = createRequire(import.meta.url);
const serverRuntimePath = require.resolve("@remix-run/server-runtime/dist/server.js");
const serverRuntimeDataPath = require.resolve("@remix-run/server-runtime/dist/data.js");

function Page() {
  const { said } = useLoaderData<{ said: string }>();
  return (
    <html lang="en">
      <body>
        <p>{said}</p>
      </body>
    </html>
  );
}

/** A one-route build served by the real server entry, its data read or not. */
function buildWith(
  handle: object,
  seen: { contexts: object[]; requests?: Request[] },
): ServerBuild {
  const entryModule = {
    ...entryServer,
    default: (...args: Parameters<typeof entryServer.default>) => {
      seen.contexts.push(args[3]);
      return entryServer.default(...args);
    },
  };
  return testServerBuild(entryModule, {
    root: {
      path: "",
      module: {
        default: Page,
        handle,
        loader: ({ request }: { request: Request }) => {
          seen.requests?.push(request);
          return { said: "plain" };
        },
        action: async ({ request }: { request: Request }) => {
          seen.requests?.push(request);
          return { sent: (await request.formData()).get("said") };
        },
      },
    },
  });
}

describe("A page without framework JavaScript", () => {
  it("runs the patched Remix server runtime (a failed postinstall would leave pages slower)", () => {
    expect(fs.readFileSync(serverRuntimePath, "utf8")).toContain("lazyServerHandoffStream");
    expect(fs.readFileSync(serverRuntimeDataPath, "utf8")).toContain(
      'has("_routes")) return request',
    );
  });

  it("hands loaders and actions the request itself when there is nothing to strip", async () => {
    const seen = { contexts: [] as object[], requests: [] as Request[] };
    const handler = createRequestHandler(buildWith({ hydrate: false }, seen));
    const sent = () =>
      new Request("http://portal.test/?index", {
        method: "POST",
        body: new URLSearchParams({ said: "kept" }),
      });
    // Remix's own address parameter is still taken away before the action sees it.
    expect((await handler(sent(), { cspNonce: "n" })).status).toBe(200);
    expect(seen.requests.map((request) => request.url)).toEqual([
      "http://portal.test/",
      "http://portal.test/",
    ]);
    // Without one, no copy of the request (its signal, its headers) per loader and action.
    const request = new Request("http://portal.test/", {
      method: "POST",
      body: new URLSearchParams({ said: "kept" }),
    });
    seen.requests.length = 0;
    const response = await handler(request, { cspNonce: "n" });
    expect(response.status).toBe(200);
    expect(seen.requests[0]).toBe(request);
  });

  it("ends with the document: no data for a browser router encoded or rendered", async () => {
    const seen = { contexts: [] as object[] };
    const handler = createRequestHandler(buildWith({ hydrate: false }, seen));
    const response = await handler(new Request("http://portal.test/"), { cspNonce: "n" });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain("<p>plain</p>");
    // The old code rendered `<!--$--><!--/$-->` (the hand-over's Suspense boundary) after it.
    expect(html.endsWith("</body></html>")).toBe(true);
    expect(Reflect.get(seen.contexts[0]!, "serverHandoffStream")).toBeUndefined();
  });

  it("leaves a hydrated page's data to be encoded when the page reads it", async () => {
    const seen = { contexts: [] as object[] };
    const handler = createRequestHandler(buildWith({ hydrate: true }, seen));
    const response = await handler(new Request("http://portal.test/"), { cspNonce: "n" });
    expect(response.status).toBe(200);
    const stream: unknown = Reflect.get(seen.contexts[0]!, "serverHandoffStream");
    expect(stream).toBeInstanceOf(ReadableStream);
    // RemixServer took it to hand the data over after the document.
    expect((stream as ReadableStream).locked).toBe(true);
  });
});
