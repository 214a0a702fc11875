import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

import { expect, request as playwrightRequest, test } from "./fixtures";

// The issue's rule for request logs on the survivor routes: no code from the path, no client
// address. This starts its own server (so it can read everything the server prints), answers
// both demo questionnaires over HTTP and then reads the log.
let server: ChildProcess;
let output = "";
let baseURL = "";
let dataDir = "";

test.beforeAll(async () => {
  const port = await freePort();
  baseURL = `http://localhost:${port}`;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-logs-"));
  server = spawn(process.execPath, ["server.js"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      PUBLIC_URL: baseURL,
      NODE_ENV: "production",
      SMTP_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  await expect.poll(() => output.includes('"message":"listening"'), { timeout: 30_000 }).toBe(true);
});

test.afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("request logs name the route, never the code, the answers or the address", async () => {
  const codeCampaign = /with codes:\s+(\S+)/.exec(output)?.[1] ?? "";
  const code = /single-use codes:\s+(\S+)/.exec(output)?.[1] ?? "";
  const openCampaign = /open link:\s+(\S+)/.exec(output)?.[1] ?? "";
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const startup = output.length;
  const nonceOf = (html: string) => /name="nonce" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const secret = "Arta nga Durrësi";

  const http = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
  const codeSlug = new URL(codeCampaign).pathname;
  const entered = await http.post(codeSlug, { form: { intent: "code", code } });
  expect(entered.status()).toBe(200);
  const sent = await http.post(`${codeSlug}/send`, {
    form: {
      page: "review",
      nav: "submit",
      nonce: nonceOf(await entered.text()),
      code,
      mode: "self",
      "a:services_missing": secret,
    },
  });
  expect(sent.status()).toBe(302);
  expect((await http.post(codeSlug, { form: { intent: "code", code } })).status()).toBe(400);

  const openSlug = new URL(openCampaign).pathname;
  const intro = await http.get(`/en${openSlug}`);
  const openSent = await http.post(`/en${openSlug}/send`, {
    form: {
      page: "review",
      nav: "submit",
      nonce: nonceOf(await intro.text()),
      "a:closing_anything_else": secret,
    },
  });
  expect(openSent.status()).toBe(302);
  await http.dispose();

  // The request lines, apart from what the background jobs print meanwhile (a reminder job
  // started with the server may log "task reminders sent" at any moment): those are checked
  // below with everything else printed.
  const requestLines = () =>
    output
      .slice(startup)
      .trim()
      .split("\n")
      .filter((line) => !/^\{"level":/.test(line));
  await expect.poll(() => requestLines().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
  const lines = requestLines();
  for (const line of lines) {
    const entry = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(entry).sort(), line).toEqual(["method", "ms", "route", "status"]);
  }
  expect(lines.map((line) => JSON.parse(line).route)).toEqual([
    "/:lang?/f/:campaign",
    "/:lang?/f/:campaign/send",
    "/:lang?/f/:campaign",
    "/:lang?/f/:campaign",
    "/:lang?/f/:campaign/send",
  ]);
  const after = output.slice(startup);
  for (const forbidden of [
    code,
    code.replace("-", ""),
    codeSlug.slice(3),
    openSlug.slice(3),
    "Durr",
    "127.0.0.1",
    "::1",
    "Playwright",
  ]) {
    expect(after, forbidden).not.toContain(forbidden);
  }
});

test("an address that cannot be decoded gets the portal's page in its language, and no log of its path", async () => {
  const openSlug = new URL(/open link:\s+(\S+)/.exec(output)?.[1] ?? "").pathname;
  expect(openSlug).toMatch(/^\/f\/\w+$/);
  const startup = output.length;
  const http = await playwrightRequest.newContext({ baseURL, maxRedirects: 0 });
  // Express answered these with its bare English "Bad Request" page (no quick exit, no helplines).
  const albanian = await http.get(`${openSlug}%FF`);
  expect(albanian.status()).toBe(404);
  const albanianPage = await albanian.text();
  expect(albanianPage).toContain('<html lang="sq"');
  expect(albanianPage).toContain("Ky pyetësor nuk është i hapur");
  expect(albanianPage).toContain("116 006");
  const english = await http.get("/en/f/%FF?x=%FF");
  expect(english.status()).toBe(404);
  expect(await english.text()).toContain("This questionnaire is not open");
  expect((await http.get("/staff/%E0%A4%A")).status()).toBe(404);
  const sent = await http.post(`${openSlug}%FF/send`, { form: { page: "review", nav: "submit" } });
  expect(sent.status()).toBeLessThan(500);
  expect(sent.headers()["content-security-policy"]).toContain("nonce-");
  await http.dispose();

  await expect
    .poll(() => output.slice(startup).trim().split("\n").length)
    .toBeGreaterThanOrEqual(4);
  const after = output.slice(startup);
  expect(after).not.toContain(openSlug.slice(3));
  expect(after).not.toContain("could not be decoded");
  expect(after).not.toContain("%FF");
});

test("the Send button's address gives every check the same answer and log line as the same route through Express", async () => {
  // "/en/f/<slug>/send" is answered before Express; "/en/f/<slug>/send/" (a trailing slash)
  // goes through Express's middlewares and route. Both must answer alike, check by check.
  const { openSlug, nonce, form, urlencoded } = formHelpers();
  const send = `/en/f/${openSlug}/send`;
  type Case = {
    name: string;
    status: number;
    location?: string;
    headers?: Record<string, string>;
    body?: () => Promise<string | Buffer>;
    /** Another address than the Send button's. */
    path?: string;
    /** Sent without Content-Length (chunked). */
    unmeasured?: boolean;
    /** The error line the server prints, if any. */
    error?: string;
  };
  const cases: Case[] = [
    {
      name: "stored",
      status: 302,
      location: `/en/f/${openSlug}/thanks`,
      headers: { "content-type": urlencoded, "sec-fetch-site": "same-origin", origin: "null" },
      body: async () => form({ page: "review", nav: "submit", nonce: await nonce() }),
    },
    {
      name: "gzip-encoded and charset named",
      status: 302,
      location: `/en/f/${openSlug}/thanks`,
      headers: { "content-type": `${urlencoded}; charset=UTF-8`, "content-encoding": "gzip" },
      body: async () =>
        zlib.gzipSync(form({ page: "review", nav: "submit", nonce: await nonce() })),
    },
    {
      name: "forged form",
      status: 307,
      location: `/en/f/${openSlug}`,
      headers: { "content-type": urlencoded },
      body: async () => form({ page: "review", nav: "submit", nonce: "forged" }),
    },
    {
      name: "multipart form",
      status: 307,
      location: `/en/f/${openSlug}`,
      headers: { "content-type": "multipart/form-data; boundary=x" },
      body: async () =>
        '--x\r\nContent-Disposition: form-data; name="nav"\r\n\r\nsubmit\r\n--x--\r\n',
    },
    {
      // The percent-escape guard: read as the text it shows, a questionnaire that is not open.
      name: "undecodable address",
      path: `/en/f/${openSlug}%FF/send`,
      status: 307,
      location: `/en/f/${openSlug}%25FF`,
      headers: { "content-type": urlencoded },
      body: async () => form({ page: "review", nav: "submit", nonce: await nonce() }),
    },
    { name: "no length", status: 411, unmeasured: true, headers: { "content-type": urlencoded } },
    {
      name: "too big",
      status: 413,
      headers: { "content-type": urlencoded },
      body: async () => `nav=submit&a%3Aclosing_anything_else=${"x".repeat(1024 * 1024)}`,
    },
    {
      name: "JSON",
      status: 415,
      headers: { "content-type": "application/json" },
      body: async () => '{"nav":"submit"}',
    },
    {
      name: "cross-site",
      status: 403,
      headers: { "content-type": urlencoded, "sec-fetch-site": "cross-site" },
      body: async () => form({ nav: "submit" }),
    },
    {
      name: "unknown charset",
      status: 415,
      headers: { "content-type": `${urlencoded}; charset=klingon` },
      body: async () => form({ nav: "submit" }),
      error: "charset.unsupported",
    },
    {
      name: "unknown content encoding",
      status: 415,
      headers: { "content-type": urlencoded, "content-encoding": "br" },
      body: async () => form({ nav: "submit" }),
      error: "encoding.unsupported",
    },
  ];
  const security = {
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "strict-transport-security": "max-age=31536000; includeSubDomains",
  };
  const plain: Record<number, string> = {
    403: "Forbidden",
    411: "Length Required",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
  };
  for (const item of cases) {
    const answers = [];
    const early = item.path ?? send;
    for (const path of [early, `${early}/`]) {
      const body = await item.body?.();
      const startup = output.length;
      const reply = await post("POST", path, item.headers, body, item.unmeasured);
      const label = `${item.name}: ${path === early ? "early" : "Express"}`;
      expect(reply.status, label).toBe(item.status);
      expect(reply.headers["content-security-policy"], label).toMatch(/'nonce-[^']+'/);
      expect(reply.headers["permissions-policy"], label).toContain("camera=()");
      for (const [name, value] of Object.entries(security))
        expect(reply.headers[name], `${label}: ${name}`).toBe(value);
      if (item.location) {
        expect(reply.headers.location, label).toBe(item.location);
        expect(reply.headers["cache-control"], label).toBe("no-store");
        expect(reply.headers["content-length"], label).toBe("0");
        expect(reply.body, label).toBe("");
      } else {
        expect(reply.headers["content-type"], label).toBe("text/plain; charset=utf-8");
        expect(reply.body, label).toBe(plain[item.status]);
      }
      // One request line (and the error line, if any), with nothing from the path.
      await expect
        .poll(() => requestLines(output.slice(startup)).length, { message: label })
        .toBe(1);
      const line = JSON.parse(requestLines(output.slice(startup))[0]!) as Record<string, unknown>;
      expect(Object.keys(line).sort(), label).toEqual(["method", "ms", "route", "status"]);
      expect(line.method, label).toBe("POST");
      expect(line.status, label).toBe(item.status);
      const errors = output
        .slice(startup)
        .split("\n")
        .filter((text) => text.includes('"where":"feedback.send.body"'));
      expect(errors, label).toEqual(
        item.error
          ? [
              JSON.stringify({
                level: "error",
                where: "feedback.send.body",
                name: item.error,
              }),
            ]
          : [],
      );
      expect(output.slice(startup), label).not.toContain(openSlug);
      answers.push({ headers: Object.keys(reply.headers).sort(), route: line.route });
    }
    expect(answers[0], item.name).toEqual(answers[1]);
  }
});

test("a survivor page's address answers as the same page through Express, with the same log line", async () => {
  // "/en/f/<slug>" and the other survivor pages are answered before Express (decision 065);
  // the same address with a trailing slash goes through Express's middlewares and Remix's
  // Express adapter. Both must give the same page, headers and log line, case by case.
  const { openSlug, nonce, form, urlencoded } = formHelpers();
  type Case = {
    name: string;
    method?: string;
    path: string;
    status: number;
    headers?: Record<string, string>;
    body?: () => Promise<string>;
    unmeasured?: boolean;
    /** Text the page shows (in both answers). */
    shows?: string;
  };
  const cases: Case[] = [
    { name: "intro", path: `/f/${openSlug}`, status: 200, shows: 'lang="sq"' },
    { name: "intro, English", path: `/en/f/${openSlug}`, status: 200, shows: "Start" },
    {
      name: "section 1",
      method: "POST",
      path: `/en/f/${openSlug}`,
      status: 200,
      headers: { "content-type": urlencoded, "sec-fetch-site": "same-origin", origin: "null" },
      body: async () => form({ page: "intro", nav: "next", nonce: await nonce() }),
      shows: "Section 1 of",
    },
    {
      // A form without a valid nonce starts again from a fresh intro page.
      name: "forged form",
      method: "POST",
      path: `/en/f/${openSlug}`,
      status: 200,
      headers: { "content-type": urlencoded },
      body: async () => form({ page: "intro", nav: "next", nonce: "forged" }),
    },
    {
      name: "compressed when asked",
      path: `/en/f/${openSlug}/thanks`,
      status: 200,
      headers: { "accept-encoding": "gzip" },
      shows: "Thank you",
    },
    { name: "stopped", path: `/f/${openSlug}/stopped`, status: 200 },
    { name: "staying safe", path: "/safety?from=a", status: 200, shows: "116 006" },
    { name: "staying safe, HEAD", method: "HEAD", path: "/en/safety", status: 200 },
    { name: "not open", path: "/en/f/nosuchcampaign", status: 404, shows: "not open" },
    {
      name: "no length",
      method: "POST",
      path: `/en/f/${openSlug}`,
      status: 411,
      unmeasured: true,
      headers: { "content-type": urlencoded },
    },
    {
      name: "JSON",
      method: "POST",
      path: `/f/${openSlug}`,
      status: 415,
      headers: { "content-type": "application/json" },
      body: async () => '{"nav":"next"}',
    },
    {
      name: "cross-site",
      method: "POST",
      path: `/f/${openSlug}`,
      status: 403,
      headers: { "content-type": urlencoded, "sec-fetch-site": "cross-site" },
      body: async () => form({ nav: "next" }),
    },
  ];
  // What differs between any two answers: the CSP nonce and the form's nonce.
  const withoutNonces = (html: string) =>
    html.replace(/nonce(="|-)[^"']+/g, "nonce").replace(/name="nonce" value="[^"]+"/g, "");
  for (const item of cases) {
    const method = item.method ?? "GET";
    const [pathname, query = ""] = item.path.split("?");
    const answers = [];
    for (const [way, path] of [
      ["early", item.path],
      ["Express", `${pathname}/${query ? `?${query}` : ""}`],
    ] as const) {
      const label = `${item.name}: ${way}`;
      const startup = output.length;
      const reply = await post(method, path!, item.headers, await item.body?.(), item.unmeasured);
      expect(reply.status, label).toBe(item.status);
      const csp = reply.headers["content-security-policy"];
      expect(csp, label).toMatch(/'nonce-[^']+'/);
      expect(reply.headers["set-cookie"], label).toBeUndefined();
      if (item.status < 400 || item.status === 404)
        expect(reply.headers["cache-control"], label).toBe("no-store");
      const body =
        reply.headers["content-encoding"] === "gzip"
          ? zlib.gunzipSync(reply.raw).toString("utf8")
          : reply.body;
      if (item.shows) expect(body, label).toContain(item.shows);
      if (method === "HEAD") expect(reply.body, label).toBe("");
      // The page's scripts carry the nonce its policy names.
      for (const script of body.matchAll(/<script nonce="([^"]+)"/g))
        expect(csp, label).toContain(`'nonce-${script[1]}'`);
      await expect
        .poll(() => linesOf(output.slice(startup), method).length, { message: label })
        .toBe(1);
      const line = JSON.parse(linesOf(output.slice(startup), method)[0]!) as Record<
        string,
        unknown
      >;
      expect(Object.keys(line).sort(), label).toEqual(["method", "ms", "route", "status"]);
      expect(line.status, label).toBe(item.status);
      expect(output.slice(startup), label).not.toContain(openSlug);
      const headers = { ...reply.headers };
      delete headers.date;
      answers.push({
        statusMessage: reply.statusMessage,
        // Every header with its value, the policy's nonce aside.
        headers: {
          ...headers,
          "content-security-policy": String(csp).replace(/'nonce-[^']+'/, ""),
        },
        route: line.route,
        // The language link names the address as asked, trailing slash included.
        body: withoutNonces(body).replaceAll(
          `${pathname!.replace(/^\/en/, "")}/"`,
          `${pathname!.replace(/^\/en/, "")}"`,
        ),
      });
    }
    expect(answers[0], item.name).toEqual(answers[1]);
  }
});

/**
 * The open demo questionnaire's slug (from the sign-ins the server printed), a fresh nonce from
 * its English intro page, and a urlencoded form body.
 */
function formHelpers() {
  const openSlug = new URL(/open link:\s+(\S+)/.exec(output)?.[1] ?? "").pathname.slice(3);
  return {
    openSlug,
    nonce: async () =>
      /name="nonce" value="([^"]+)"/.exec((await post("GET", `/en/f/${openSlug}`)).body)?.[1] ?? "",
    form: (fields: Record<string, string>) => new URLSearchParams(fields).toString(),
    urlencoded: "application/x-www-form-urlencoded",
  };
}

/** The request lines of one method printed. */
function linesOf(printed: string, method: string): string[] {
  return printed.split("\n").filter((line) => line.startsWith(`{"method":"${method}"`));
}

/** The POST request lines printed (a GET's line may still be on its way). */
function requestLines(printed: string): string[] {
  return printed.split("\n").filter((line) => line.startsWith('{"method":"POST"'));
}

type Answer = {
  status: number;
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  raw: Buffer;
};

/** A request as sent, byte for byte (Playwright would add or fix headers). */
function post(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
  unmeasured = false,
): Promise<Answer> {
  const sent = { ...headers };
  if (body !== undefined && !unmeasured) sent["content-length"] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const request = http.request(new URL(path, baseURL), { method, headers: sent }, (reply) => {
      const chunks: Buffer[] = [];
      reply.on("data", (chunk: Buffer) => chunks.push(chunk));
      reply.on("end", () => {
        const raw = Buffer.concat(chunks);
        resolve({
          status: reply.statusCode ?? 0,
          statusMessage: reply.statusMessage ?? "",
          headers: reply.headers,
          body: raw.toString("utf8"),
          raw,
        });
      });
    });
    request.on("error", reject);
    if (unmeasured) request.write("nav=submit");
    request.end(body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}
