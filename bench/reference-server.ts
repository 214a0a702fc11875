// The reference server (issue 17): what this machine can do at all, measured in the same run as
// the portal with the same load tool, bodies and concurrency, so that each portal figure can be
// printed as a ratio that does not move with the machine's load.
//
// Plain node:http, no framework, one process like the portal:
// - GET /page: a 16 kB HTML page built from a template string for each request (a fresh CSP
//   nonce in it and in the header, as the portal's pages have), the ceiling for a page.
// - POST /submit: stores one submission (the urlencoded body the portal's Send button posts)
//   in SQLite with the portal's response-store settings (journal_mode DELETE, secure_delete,
//   synchronous FULL, WITHOUT ROWID tables keyed by random ids, running tallies in the same
//   transaction) and the portal's group commit (what arrives while a commit runs goes in the
//   next transaction, at most 200; each answer is sent only after its commit), then answers
//   302 to /thanks. The ceiling for a submission.
//
// Started by bench/harness.ts (startReference): `node --import tsx bench/reference-server.ts
// <data dir>`; it prints {"port": n} on one line when listening and stops on SIGTERM.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

import sqlite3 from "sqlite3";

const dataDir = process.argv[2];
if (!dataDir) {
  console.error("usage: reference-server.ts <data dir>");
  process.exit(2);
}
fs.mkdirSync(dataDir, { recursive: true });

// ---- The page ---------------------------------------------------------------------------------

const QUESTIONS = Array.from({ length: 14 }, (_, i) => ({
  id: `question_${i + 1}`,
  text: `Question ${i + 1}: did the people who helped you explain what would happen next?`,
}));
const OPTIONS = ["Yes", "No", "Not sure", "Prefer not to say"];

/** About 16 kB of HTML, built afresh for each request (no caching of the string). */
function page(nonce: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Feedback on the support you received</title><link rel="stylesheet" href="/styles/app.css"></head><body><a class="app-exit" href="https://www.google.com/" rel="nofollow noreferrer">Leave this site</a><main id="main"><h1>Feedback on the support you received</h1><form method="post"><input type="hidden" name="nonce" value="${nonce}">${QUESTIONS.map(
    (q) =>
      `<fieldset class="app-fieldset" aria-describedby="${q.id}-hint"><legend class="app-fieldset__legend">${q.text}</legend><p class="app-hint" id="${q.id}-hint">Choose one answer. You can skip any question.</p><div class="app-radios">${OPTIONS.map(
        (option, j) =>
          `<div class="app-radios__item"><input class="app-radios__input" type="radio" id="${q.id}-${j}" name="a:${q.id}" value="${j}"><label class="app-radios__label" for="${q.id}-${j}">${option}</label></div>`,
      ).join("")}</div></fieldset>`,
  ).join(
    "",
  )}<button class="app-button" name="nav" value="next">Continue</button></form></main><script nonce="${nonce}">/* quick exit */</script></body></html>`;
}

// ---- The SQLite writer ------------------------------------------------------------------------

const db = new sqlite3.Database(path.join(dataDir, "reference.sqlite"));
const exec = (sql: string) =>
  new Promise<void>((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve())));
const run = (sql: string, params: unknown[]) =>
  new Promise<void>((resolve, reject) => db.run(sql, params, (e) => (e ? reject(e) : resolve())));

// The response store's settings (db/response-store.ts, db/sqlite3-dialect.ts).
await exec(
  `PRAGMA journal_mode = DELETE; PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON;
   PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;
   CREATE TABLE IF NOT EXISTS responses (id text PRIMARY KEY, campaign_id text NOT NULL,
     submitted_period text NOT NULL, answers text NOT NULL) WITHOUT ROWID;
   CREATE TABLE IF NOT EXISTS answer_tallies (campaign_id text NOT NULL, question_id text NOT NULL,
     choice text NOT NULL, count integer NOT NULL,
     PRIMARY KEY (campaign_id, question_id, choice)) WITHOUT ROWID;
   CREATE TABLE IF NOT EXISTS free_text_answers (id text PRIMARY KEY, campaign_id text NOT NULL,
     question_id text NOT NULL, text text NOT NULL) WITHOUT ROWID;`,
);

type Submission = { choices: Record<string, string[]>; texts: [string, string][] };
type Job = { submission: Submission; done: (error?: unknown) => void };

const CAMPAIGN = "reference";
const pending: Job[] = [];
let writing = false;

/** Group commit as in app/feedback/responses.server.ts (SubmissionWriter). */
async function drain(): Promise<void> {
  writing = true;
  while (pending.length > 0) {
    const batch = pending.splice(0, 200);
    try {
      await exec("BEGIN");
      const period = new Date().toISOString().slice(0, 7);
      await run(
        `INSERT INTO responses VALUES ${batch.map(() => "(?,?,?,?)").join(",")}`,
        batch.flatMap((job) => [
          randomUUID(),
          CAMPAIGN,
          period,
          JSON.stringify(job.submission.choices),
        ]),
      );
      const tallies = new Map<string, number>();
      const add = (key: string) => tallies.set(key, (tallies.get(key) ?? 0) + 1);
      for (const job of batch) {
        add("__responses\u0000__answered");
        for (const [question, choices] of Object.entries(job.submission.choices))
          for (const choice of choices) add(`${question}\u0000${choice}`);
      }
      await run(
        `INSERT INTO answer_tallies VALUES ${[...tallies.keys()].map(() => "(?,?,?,?)").join(",")}
         ON CONFLICT DO UPDATE SET count = count + excluded.count`,
        [...tallies].flatMap(([key, count]) => [CAMPAIGN, ...key.split("\u0000"), count]),
      );
      const texts = batch.flatMap((job) => job.submission.texts);
      if (texts.length > 0) {
        await run(
          `INSERT INTO free_text_answers VALUES ${texts.map(() => "(?,?,?,?)").join(",")}`,
          texts.flatMap(([question, text]) => [randomUUID(), CAMPAIGN, question, text]),
        );
      }
      await exec("COMMIT");
      for (const job of batch) job.done();
    } catch (error) {
      await exec("ROLLBACK").catch(() => {});
      for (const job of batch) job.done(error);
    }
  }
  writing = false;
}

function store(submission: Submission): Promise<void> {
  return new Promise((resolve, reject) => {
    pending.push({ submission, done: (error) => (error ? reject(error) : resolve()) });
    if (!writing) void drain();
  });
}

function parseSubmission(body: string): Submission {
  const choices: Record<string, string[]> = {};
  const texts: [string, string][] = [];
  for (const [name, value] of new URLSearchParams(body)) {
    if (!name.startsWith("a:") && !name.startsWith("c:")) continue;
    const question = name.slice(2);
    // A long answer is free text (as the portal keeps it apart); a short one a choice.
    if (name.startsWith("c:") || value.length > 40) texts.push([question, value]);
    else (choices[question] ??= []).push(value);
  }
  return { choices, texts };
}

// ---- HTTP -------------------------------------------------------------------------------------

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/page") {
    const nonce = randomBytes(16).toString("base64");
    const body = page(nonce);
    res.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      "Content-Security-Policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'`,
      "Cache-Control": "no-store",
    });
    res.end(body);
    return;
  }
  if (req.method === "POST" && req.url === "/submit") {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      store(parseSubmission(Buffer.concat(chunks).toString("utf8"))).then(
        () => {
          res.writeHead(302, { Location: "/thanks", "Content-Length": 0 });
          res.end();
        },
        () => {
          res.writeHead(500, { "Content-Length": 0 });
          res.end();
        },
      );
    });
    return;
  }
  if (req.method === "GET" && req.url === "/count") {
    db.get("SELECT count(*) AS n FROM responses", (error, row: { n: number } | undefined) => {
      const body = JSON.stringify({ responses: error ? -1 : (row?.n ?? 0) });
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(body);
    });
    return;
  }
  res.writeHead(404, { "Content-Length": 0 });
  res.end();
});
server.keepAliveTimeout = 60_000;

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(
    `${JSON.stringify({ port, pageBytes: Buffer.byteLength(page("x".repeat(24))) })}\n`,
  );
});

process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  const wait = () =>
    writing || pending.length > 0 ? setTimeout(wait, 10) : db.close(() => process.exit(0));
  wait();
});
