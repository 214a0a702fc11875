import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import { expect, request as playwrightRequest, test } from "./fixtures";

// The rule for request logs on the survivor routes: no code from the path, no client
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
