import http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";

import { testServerBuild } from "../../tests/unit/test-build";

/**
 * The Express adapter turns each Node request into a web Request and the Response back. These
 * check what Remix and the browser see: address and proxy headers, headers, the signal aborted
 * when the client goes away, repeated Set-Cookie, HEAD, streamed bodies, form bodies.
 */

type Loader = (args: { request: Request }) => Response | Promise<Response>;
const deferred = <T = void>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
};

/** A build with one resource route answering every address ("*"). */
function buildWith(loader: Loader, action?: Loader): ServerBuild {
  return testServerBuild(
    { default: () => new Response("no documents here", { status: 500 }) },
    {
      root: { path: "", module: {} },
      any: { path: "*", parentId: "root", module: action ? { loader, action } : { loader } },
    },
  );
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** An Express app as server.js sets it up around the adapter; resolves to its port. */
async function serve(
  build: ServerBuild,
  trustProxy?: string,
  onClose?: () => void,
): Promise<number> {
  const app = express();
  // After every "close" listener, the adapter's included.
  if (onClose) app.use((_req, res, next) => (res.on("close", () => setImmediate(onClose)), next()));
  if (trustProxy) app.set("trust proxy", trustProxy);
  app.use(compression());
  app.all(
    "*",
    (_req, res, next) => {
      res.setHeader("Cache-Control", "no-store");
      next();
    },
    createRequestHandler({ build, mode: "production" }),
  );
  const server = http.createServer(app);
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return (server.address() as AddressInfo).port;
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; raw: string[]; body: string };
function ask(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string | string[]> },
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port, agent: false, path: "/", ...options },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            raw: response.rawHeaders,
            body: text,
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const echo: Loader = async ({ request }) =>
  Response.json({
    url: request.url,
    method: request.method,
    headers: [...request.headers],
    form: request.method === "POST" ? [...(await request.formData())] : null,
  });

// What the portal relies on in @remix-run/express (decision 054 tried a patch of it and did not
// keep it): an upgrade that changed any of this would show here.
describe("The Express adapter", () => {
  it("gives Remix the address, method and headers the Node request had", async () => {
    const port = await serve(buildWith(echo));
    const answer = await ask(port, {
      path: "/f/some-where?x=1&y=%C3%AB",
      headers: { Host: "portal.test:8080", Cookie: ["a=1", "b=2"], "X-Empty": "", Accept: "*/*" },
    });
    const seen = JSON.parse(answer.body) as { url: string; method: string; headers: string[][] };
    expect(seen.url).toBe("http://portal.test:8080/f/some-where?x=1&y=%C3%AB");
    expect(seen.method).toBe("GET");
    // Node joins repeated cookies with "; "; an empty header is left out, as before.
    expect(seen.headers).toEqual([
      ["accept", "*/*"],
      ["connection", "close"],
      ["cookie", "a=1; b=2"],
      ["host", "portal.test:8080"],
    ]);
  });

  it("believes X-Forwarded-Host only from a trusted proxy, and takes its port", async () => {
    const headers = { Host: "127.0.0.1:3000", "X-Forwarded-Host": "portal.example:8443" };
    const direct = await serve(buildWith(echo));
    expect(JSON.parse((await ask(direct, { path: "/a", headers })).body).url).toBe(
      "http://127.0.0.1:8443/a",
    );
    const proxied = await serve(buildWith(echo), "loopback");
    const answer = await ask(proxied, {
      path: "/a",
      headers: { ...headers, "X-Forwarded-Proto": "https" },
    });
    expect(JSON.parse(answer.body).url).toBe("https://portal.example:8443/a");
  });

  it("hands an action the form sent", async () => {
    const port = await serve(buildWith(echo, echo));
    const form = "said=p%C3%ABrsh%C3%ABndetje&said=two&other=3";
    const answer = await ask(
      port,
      {
        method: "POST",
        path: "/f/x",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      },
      form,
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).form).toEqual([
      ["said", "përshëndetje"],
      ["said", "two"],
      ["other", "3"],
    ]);
  });

  it("aborts the request's signal, and the copies Remix makes, when the client goes away", async () => {
    const started = deferred();
    const aborted = deferred<boolean[]>();
    const port = await serve(
      buildWith(async ({ request }) => {
        // Remix's copies of a request (stripIndexParam, the loaders' GET after an action)
        // pass `signal: request.signal` on.
        const copy = new Request(request.url, { signal: request.signal });
        started.resolve();
        await new Promise((done) => copy.signal.addEventListener("abort", done));
        aborted.resolve([request.signal.aborted, copy.signal.aborted]);
        return new Response("too late");
      }),
    );
    const client = http.request({ host: "127.0.0.1", port, agent: false, path: "/slow" });
    client.on("error", () => {});
    client.end();
    await started.promise;
    client.destroy();
    expect(await aborted.promise).toEqual([true, true]);
  });

  it("leaves the signal alone once the response was sent", async () => {
    const requests: Request[] = [];
    const closed = deferred();
    const port = await serve(
      buildWith(({ request }) => {
        requests.push(request);
        return new Response("done");
      }),
      undefined,
      closed.resolve,
    );
    expect((await ask(port, { path: "/d" })).body).toBe("done");
    await closed.promise;
    expect(requests[0]!.signal.aborted).toBe(false);
  });

  it("sends every header, repeated Set-Cookie apart, after those set before", async () => {
    const port = await serve(
      buildWith(() => {
        const headers = new Headers({ "Content-Type": "text/plain", "X-One": "1" });
        headers.append("Set-Cookie", "a=1; Path=/; HttpOnly");
        headers.append("Set-Cookie", "b=2; Path=/; Secure");
        headers.append("Cache-Control", "private");
        return new Response("cookies", { status: 201, statusText: "Made", headers });
      }),
    );
    const answer = await ask(port, { path: "/c" });
    expect(answer.status).toBe(201);
    expect(answer.body).toBe("cookies");
    expect(answer.headers["set-cookie"]).toEqual(["a=1; Path=/; HttpOnly", "b=2; Path=/; Secure"]);
    expect(answer.headers["cache-control"]).toBe("no-store, private");
    // Express adds the charset, as before.
    expect(answer.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(answer.headers["x-one"]).toBe("1");
  });

  it("answers HEAD with the headers and no body", async () => {
    const port = await serve(
      buildWith(() => new Response("a body", { headers: { "X-Page": "yes" } })),
    );
    const answer = await ask(port, { method: "HEAD", path: "/h" });
    expect(answer.status).toBe(200);
    expect(answer.headers["x-page"]).toBe("yes");
    expect(answer.body).toBe("");
  });

  it("sends a redirect with its location and no body", async () => {
    const port = await serve(
      buildWith(() => new Response(null, { status: 303, headers: { Location: "/next" } })),
    );
    const answer = await ask(port, { path: "/r" });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe("/next");
    expect(answer.body).toBe("");
  });

  it("sends a body held whole, compressed when asked", async () => {
    const page = "<!DOCTYPE html><p>faqe e thjeshtë</p>".repeat(500);
    const port = await serve(
      buildWith(
        () =>
          new Response(new TextEncoder().encode(page), {
            headers: { "Content-Type": "text/html" },
          }),
      ),
    );
    const answer = await ask(port, { path: "/p" });
    expect(answer.body).toBe(page);
    // Compressed when asked, as before (server.js compresses every answer).
    const zipped = await new Promise<[http.IncomingHttpHeaders, Buffer]>((resolve, reject) => {
      const request = http.get(
        {
          host: "127.0.0.1",
          port,
          agent: false,
          path: "/p",
          headers: { "Accept-Encoding": "gzip" },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => resolve([res.headers, Buffer.concat(chunks)]));
        },
      );
      request.on("error", reject);
    });
    expect(zipped[0]["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped[1]).toString("utf8")).toBe(page);
  });

  it("streams a streamed body: the first part arrives before the rest exists", async () => {
    const rest = deferred();
    const port = await serve(
      buildWith(
        () =>
          new Response(
            new ReadableStream({
              async start(controller) {
                controller.enqueue(new TextEncoder().encode("first;"));
                await rest.promise;
                controller.enqueue(new TextEncoder().encode("second"));
                controller.close();
              },
            }),
            { headers: { "Content-Type": "text/event-stream" } },
          ),
      ),
    );
    const body = await new Promise<string>((resolve, reject) => {
      const request = http.get({ host: "127.0.0.1", port, agent: false, path: "/s" }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
          if (text === "first;") rest.resolve();
        });
        res.on("end", () => resolve(text));
      });
      request.on("error", reject);
    });
    expect(body).toBe("first;second");
  });
});
