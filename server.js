// The production server: security headers on every response (pages, assets, data requests),
// a fresh CSP nonce per request, static files, and one log line per request that names the
// route pattern, never the path's values, the query string, the body or the client address.
import { createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";

import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createRemixHandler } from "@remix-run/node";
import {
  createRequest as createFetchRequest,
  sendResponse as sendFetchResponse,
} from "@remix-run/node-fetch-server";
import { matchRoutes } from "@remix-run/router";
import compression from "compression";
import express from "express";
import proxyaddr from "proxy-addr";

process.env.NODE_ENV ??= "production";
const isProduction = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const MAX_BODY_BYTES = 1024 * 1024;

const build = await import("./build/index.js");
await build.entry.module.startApplication({
  seedDemo: process.env.DEMO_SEED !== "false",
  runJobs: build.entry.module.backgroundJobsEnabled(),
});

const routePatterns = toRouteTree(build.routes);

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy (nginx, Caddy), TRUST_PROXY names the proxy's addresses: only requests
// that come from one of them have their X-Forwarded-For/-Proto/-Host believed, so req.ip is the
// visitor's address (only ever hashed, for the submission rate limit). A hop count or "true"
// would believe those headers from anyone who reaches the port, so they are refused.
const trustProxy = trustProxySetting(process.env.TRUST_PROXY);
if (trustProxy) app.set("trust proxy", trustProxy);
// The setting as Express compiles it (proxy-addr's compile): Express's req.ip is
// proxyaddr(req, this function), and the Send path, answered before Express, asks the same.
const trustProxyFn = app.get("trust proxy fn");
app.set("etag", false);

// An address whose percent-escapes are not UTF-8 (/f/%FF) cannot be decoded: Express answered
// it with its own bare English "Bad Request" page, and React Router printed the whole path to the
// log. Its "%" are escaped instead, so it is read as the text it shows: the portal's own page
// (a questionnaire not open, a page not found) in the address's language, and nothing logged.
app.use((req, _res, next) => {
  escapeUndecodablePercents(req);
  next();
});

app.use((req, res, next) => {
  logWhenFinished(req, res, () => req.path);
  next();
});

// The policy around each request's nonce, joined once.
const [CSP_BEFORE_NONCE, CSP_AFTER_NONCE] = [
  "default-src 'none'",
  "script-src 'self' 'nonce-\0'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
]
  .join("; ")
  .split("\0");
app.use((_req, res, next) => {
  setSecurityHeaders(res);
  next();
});

// "/sq/..." is the Albanian page without its (default, absent) prefix: a permanent redirect
// there, query kept (308 keeps a posted form's method and body). People and old links use it.
app.use((req, res, next) => {
  const target = build.entry.module.albanianPrefixRedirect(req.method, req.originalUrl);
  if (!target) return next();
  res.locals.route = "/sq/*";
  res.redirect(target.status, target.location);
});

// Oversized, unmeasured, foreign or cross-site bodies are refused before anything reads them
// (bodyRefusal below).
app.use((req, res, next) => {
  const refused = bodyRefusal(req);
  if (refused) return sendPlain(res, refused);
  next();
});

// The questionnaire's Send button: stored answers get their redirect without the page renderer
// (app/feedback/send-endpoint.server.ts says why, and what happens to everything else).
// Its canonical addresses are answered before Express (answerEarly, at the end); the few others
// Express routes here ("/F/…/SEND", a trailing slash) get the same checks and answers here.
// The media type was checked before (415 otherwise): the reader only needs to tell a
// urlencoded form from a multipart one, which a string comparison does (its own type check
// parsed the header again, about a twentieth of a submission's server time).
const readUrlencoded = express.text({
  type: (req) => mediaTypeOf(req) === "application/x-www-form-urlencoded",
  limit: MAX_BODY_BYTES,
});
const SEND_ROUTE = "/:lang?/f/:campaign/send";
app.post(
  ["/f/:campaign/send", "/en/f/:campaign/send"],
  readUrlencoded,
  (req, res, next) => {
    const lang = req.path.startsWith("/en/") ? "en" : "sq";
    answerSend(req, res, lang, req.params.campaign, req.path).catch(next);
  },
  (error, _req, res, _next) => answerUnreadableBody(res, error),
);

const compress = compression();
app.use(compress);
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y", index: false }));
// Static files only for addresses whose first segment names something in public/ (styles,
// favicon.svg, …): any other address (every page) would cost a file-system lookup per request
// that can only fail (issue 17: per-request work on the survivor pages).
const publicFiles = express.static("public", { maxAge: "1h", index: false });
const publicNames = new Set(fs.readdirSync("public"));
app.use((req, res, next) =>
  publicNames.has(req.path.split("/")[1] ?? "") ? publicFiles(req, res, next) : next(),
);

app.all(
  "*",
  (_req, res, next) => {
    // Pages may show personal data (staff) or reveal a visit (survivors): never cache them.
    res.setHeader("Cache-Control", "no-store");
    next();
  },
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: loadContextOf,
  }),
);

/** What loaders and actions get beside the request: the CSP nonce, and the client key. */
function loadContextOf(req, res) {
  // The client key (a keyed hash) is made only for the few actions that read it.
  let clientKey;
  return {
    cspNonce: res.locals.cspNonce,
    get clientKey() {
      clientKey ??= clientKeyOf(req);
      return clientKey;
    },
  };
}

// ---- The checks every request goes through, written once ---------------------------------------
// Express's middlewares above call them, and so does answerEarly for the Send button's address.

/**
 * The percent-escape guard (see above): an address whose escapes are not UTF-8 gets its "%"
 * escaped, in req.url and req.originalUrl (Express routes by the one, Remix reads the other).
 */
function escapeUndecodablePercents(req) {
  if (!req.url.includes("%")) return;
  const [pathname, query] = splitOnce(req.url, "?");
  try {
    decodeURIComponent(pathname);
  } catch {
    req.url = req.originalUrl = pathname.replaceAll("%", "%25") + query;
  }
}

/**
 * The request's one log line, printed when its answer is sent: method, route pattern (the one
 * the answer named in res.locals.route, else the pattern `pathname()` matches), status and ms.
 * Never the path's values, the query, the body or the client address.
 */
function logWhenFinished(req, res, pathname) {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const line = {
      method: req.method,
      route: res.locals.route ?? routeOf(pathname()),
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
    };
    writeRequestLine(JSON.stringify(line));
  });
}

// Request log lines are written together once per turn of the event loop: one write to
// standard output for every answer finished in that turn, not one each. Under load a turn
// finishes dozens of answers, and each write is a system call on the server's one thread, which
// a file waits on behind the disk's other work (issue 17). A line waits at most for the turn to
// end; the lines of a turn still under way are written when the process exits.
let requestLines = "";

function writeRequestLine(line) {
  if (requestLines === "") setImmediate(flushRequestLines);
  requestLines += line + "\n";
}

function flushRequestLines() {
  if (requestLines === "") return;
  const lines = requestLines;
  requestLines = "";
  process.stdout.write(lines);
}

process.on("exit", flushRequestLines);

// CSP nonces: 16 fresh random bytes each (base64, 24 characters), never reused, cut from the
// app's pool of random bytes (randomToken): one call into the random generator per 256 answers
// instead of one per answer (issue 17: that call was about a twentieth of a submission's main
// thread; decision 057).
const freshNonce = () => build.entry.module.randomToken(16, "base64");

/** The security headers of every answer, with a fresh CSP nonce kept in res.locals.cspNonce. */
function setSecurityHeaders(res) {
  const nonce = freshNonce();
  res.locals.cspNonce = nonce;
  res.setHeader("Content-Security-Policy", CSP_BEFORE_NONCE + nonce + CSP_AFTER_NONCE);
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
  res.setHeader(
    "Permissions-Policy",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  );
  if (isProduction) {
    res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
}

/**
 * The status refusing a request's body before anything reads it, or 0: 411 without a length,
 * 413 over 1 MB, 415 for anything but a plain HTML form's encodings, 403 for a cross-site post.
 * Cross-site form posts are refused outright (CSRF tokens are the second line). With
 * Referrer-Policy: no-referrer browsers send "Origin: null" even on same-origin posts, which
 * Remix's own origin check would reject; Sec-Fetch-Site tells us it is our own page, so that
 * Origin is dropped.
 */
function bodyRefusal(req) {
  if (req.method === "GET" || req.method === "HEAD") return 0;
  const length = req.headers["content-length"];
  if (length === undefined) return 411;
  if (Number(length) > MAX_BODY_BYTES) return 413;
  const type = mediaTypeOf(req);
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") return 415;
  const site = req.headers["sec-fetch-site"];
  if (site && site !== "same-origin" && site !== "none") return 403;
  if (req.headers.origin === "null") delete req.headers.origin;
  return 0;
}

/** A plain-text answer naming the status ("Forbidden"), as Express's res.sendStatus sends it. */
function sendPlain(res, status) {
  const body = http.STATUS_CODES[status] ?? String(status);
  res.statusCode = status;
  res.setHeader("Content-Type", "text/plain; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

/**
 * The Send button's answer, once its body was read (req.body, a string when urlencoded): a bare
 * redirect (status, Location, no body), or the "try again later" page with Retry-After.
 */
async function answerSend(req, res, lang, slug, pathname) {
  res.locals.route = SEND_ROUTE;
  const result = await build.entry.module.sendQuestionnaire({
    lang,
    slug,
    body: typeof req.body === "string" ? req.body : null,
    clientKey: clientKeyOf(req),
  });
  res.setHeader("Cache-Control", "no-store");
  // A bare redirect: Express's res.redirect negotiates a body (text or HTML) nobody reads.
  if (result.status !== 503) {
    res.statusCode = result.status;
    res.setHeader("Location", result.location);
    res.setHeader("Content-Length", "0");
    return res.end();
  }
  const html = await build.entry.module.renderUnavailablePage(
    pathname.replace(/\/send$/, ""),
    res.locals.cspNonce,
  );
  res.setHeader("Retry-After", String(build.entry.module.UNAVAILABLE_RETRY_AFTER_SECONDS));
  res.statusCode = 503;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(html));
  res.end(html);
}

/**
 * A Send whose body could not be read (cut off, an unknown charset) or whose answer failed: one
 * log line, never a stack or the body, and a plain answer.
 */
function answerUnreadableBody(res, error) {
  res.locals.route = SEND_ROUTE;
  const status = Number(error?.status ?? error?.statusCode) || 500;
  console.error(
    JSON.stringify({ level: "error", where: "feedback.send.body", name: error?.type ?? "error" }),
  );
  // An answer already under way cannot be replaced: the connection is closed, as Express does.
  if (res.headersSent) return res.destroy();
  sendPlain(res, status >= 400 && status < 600 ? status : 500);
}

// The Send button's own addresses, as its form posts them: "/f/<slug>/send", "/en/f/<slug>/send".
const SEND_ADDRESS = /^(\/en)?\/f\/([^/?#]+)\/send(?=\?|$)/;

/**
 * Every request starts here. A survivor page's address goes to answerSurvivorPage; a POST to the
 * Send button's address is answered at once, with the same checks in the same order as Express's
 * middlewares and route above (issue 17: Express's chain, its request objects and routing were
 * about two fifths of a submission's main thread); everything else (staff pages, files, the
 * Albanian "/sq/" prefix, other spellings of these addresses) goes to Express.
 */
function answerEarly(req, res) {
  if (SURVIVOR_PAGE.test(req.url)) return answerSurvivorPage(req, res);
  if (req.method !== "POST") return app(req, res);
  escapeUndecodablePercents(req);
  const match = SEND_ADDRESS.exec(req.url);
  if (!match) return app(req, res);
  const pathname = match[0];
  // The slug as Express decodes the route's parameter (after the guard it always decodes; if it
  // did not, Express would answer as it always did).
  let slug;
  try {
    slug = decodeURIComponent(match[2]);
  } catch {
    return app(req, res);
  }
  res.locals = Object.create(null);
  logWhenFinished(req, res, () => pathname);
  setSecurityHeaders(res);
  const refused = bodyRefusal(req);
  if (refused) return sendPlain(res, refused);
  // The same reader as Express's route (body-parser's text reader: limit, charset, inflation).
  readUrlencoded(req, res, (error) => {
    if (error) return answerUnreadableBody(res, error);
    answerSend(req, res, match[1] ? "en" : "sq", slug, pathname).catch((failure) =>
      answerUnreadableBody(res, failure),
    );
  });
}

// ---- The survivor pages, answered before Express (decision 065) --------------------------------
// The questionnaire's pages (intro, code entry, sections, review, thanks, stopped) and "staying
// safe", at the addresses their links and forms use, in both languages: the same checks as
// Express's middlewares above, in the same order, then Remix's request handler through the
// Remix team's node-fetch-server (a web Request from Node's request, the Response written
// back), without Express's request objects, router and adapter (issue 17: about a fifth of a
// section page's server time). Any other spelling ("/sq/…", a trailing slash, ".data") and
// every other page go through Express, which answers them as before.
const handleRemixRequest = createRemixHandler(build, process.env.NODE_ENV);
// A campaign's slug is lower-case letters and digits (newSlug): an address with anything else
// there ("%2e%2e", "\\", which URL parsing turns into another page's path) goes to Express.
const SURVIVOR_PAGE = /^(?:\/en)?\/(?:f\/[a-z0-9]+(?:\/(?:thanks|stopped))?|safety)(?=\?|$)/;

function answerSurvivorPage(req, res) {
  escapeUndecodablePercents(req);
  res.locals = Object.create(null);
  const pathname = splitOnce(req.url, "?")[0];
  logWhenFinished(req, res, () => pathname);
  setSecurityHeaders(res);
  const refused = bodyRefusal(req);
  if (refused) return sendPlain(res, refused);
  compress(req, res, () => {
    // Pages may reveal a visit: never cached (as for every page through Express).
    res.setHeader("Cache-Control", "no-store");
    let request;
    try {
      request = createFetchRequest(req, res, requestOrigin(req));
    } catch {
      return sendPlain(res, 400);
    }
    handleRemixRequest(request, loadContextOf(req, res))
      .then((response) => sendRemixAnswer(res, response))
      .catch((error) => answerFailed(res, error));
  });
}

/**
 * Remix's answer written as the Express adapter wrote it: its headers added to those server.js
 * set before (a page's own Cache-Control or policy never replaces no-store or the CSP, both are
 * sent, as with Express's res.append), the status with its reason phrase ("200 OK"), then the
 * body by node-fetch-server (streamed, with backpressure, stopped if the client goes away).
 */
function sendRemixAnswer(res, response) {
  for (const [name, value] of response.headers) res.appendHeader(name, value);
  const { status, body } = response;
  return sendFetchResponse(
    res,
    new Response(body, { status, statusText: http.STATUS_CODES[status] }),
  );
}

/**
 * The protocol ("http:") and host ("portal.example:8443") of the request's address, as Express
 * and its Remix adapter read them: X-Forwarded-Proto and X-Forwarded-Host (their first values)
 * only from a proxy TRUST_PROXY names, else the connection's protocol and the Host header.
 */
function requestOrigin(req) {
  const trusted = trustProxy && trustProxyFn(req.socket.remoteAddress, 0);
  const forwarded = (name) => (trusted && req.headers[name]?.split(",")[0].trim()) || undefined;
  const protocol = forwarded("x-forwarded-proto") ?? (req.socket.encrypted ? "https" : "http");
  // Without a Host (HTTP/1.0) or with an empty one the address still parses, as with Express.
  const host = forwarded("x-forwarded-host") ?? (req.headers.host || "localhost");
  return { protocol: `${protocol}:`, host };
}

/**
 * A survivor page whose answer failed outside Remix (which answers its own errors with the
 * error page): one log line, never a stack or the address, and a plain 500; an answer already
 * under way cannot be replaced, so its connection is closed.
 */
function answerFailed(res, error) {
  console.error(
    JSON.stringify({ level: "error", where: "page.answer", name: error?.name ?? "error" }),
  );
  if (res.headersSent) return res.destroy();
  sendPlain(res, 500);
}

// The app never sees a client address: only a keyed hash whose key lives in memory and is
// replaced every hour (used to rate-limit anonymous submissions, then forgotten).
let clientSalt = randomBytes(32);
setInterval(() => (clientSalt = randomBytes(32)), 60 * 60 * 1000).unref();
// Without a proxy the address is the connection's, so its hash is kept on the connection (for
// the requests a browser sends over it) until the salt changes; it goes with the connection.
const connectionKeys = new WeakMap();
function clientKeyOf(req) {
  // Express's req.ip: behind a proxy (TRUST_PROXY) the visitor's address, not the proxy's.
  if (trustProxy)
    return hashAddress(proxyaddr(req, trustProxyFn) ?? req.socket.remoteAddress ?? "");
  const kept = connectionKeys.get(req.socket);
  if (kept?.salt === clientSalt) return kept.key;
  const key = hashAddress(req.socket.remoteAddress ?? "");
  connectionKeys.set(req.socket, { salt: clientSalt, key });
  return key;
}
function hashAddress(address) {
  return createHmac("sha256", clientSalt).update(address).digest("base64url");
}

/** The request's media type, lower case, without parameters ("" when there is none). */
function mediaTypeOf(req) {
  return (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
}

// HOST=127.0.0.1 behind a proxy on the same machine: the app's own port is then unreachable
// from outside, so nobody can go around the proxy (and its TLS).
const host = process.env.HOST || undefined;
const server = http.createServer(answerEarly);
server.listen(port, host, () => {
  console.log(
    JSON.stringify({ level: "info", message: "listening", url: `http://localhost:${port}` }),
  );
});
// Node closes an idle kept-alive connection after 5 s. A client or proxy that reuses it at that
// moment gets a reset instead of an answer (seen in the browser tests as ECONNRESET). Proxies
// and browsers keep idle connections for up to a minute, so the server keeps them longer.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

let stopping = false;
async function shutDown() {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections?.();
  await build.entry.module.stopApplication();
  process.exit(0);
}
process.on("SIGTERM", shutDown);
process.on("SIGINT", shutDown);

/**
 * TRUST_PROXY as Express's "trust proxy" setting: a comma-separated list of addresses, subnets
 * (CIDR) or the names loopback, linklocal, uniquelocal. Unset: nothing is believed. Exits with
 * a message on a hop count or "true", which would trust every client.
 */
function trustProxySetting(value) {
  if (!value) return undefined;
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const named = new Set(["loopback", "linklocal", "uniquelocal"]);
  const bad = entries.filter(
    (entry) => !named.has(entry) && !/^[0-9a-fA-F.:]+(\/\d+)?$/.test(entry),
  );
  if (entries.length === 0 || bad.length > 0 || entries.every((entry) => /^\d+$/.test(entry))) {
    console.error(
      JSON.stringify({
        level: "error",
        message:
          "TRUST_PROXY must name the proxy's addresses (e.g. loopback or 127.0.0.1 or 10.0.0.5), " +
          "not true or a hop count",
      }),
    );
    process.exit(1);
  }
  return entries;
}

/** `text` cut at the first `separator` (kept with the second part), or the whole and "". */
function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ""] : [text.slice(0, at), text.slice(at)];
}

function toRouteTree(routes) {
  const byParent = new Map();
  for (const route of Object.values(routes)) {
    const list = byParent.get(route.parentId) ?? [];
    list.push(route);
    byParent.set(route.parentId, list);
  }
  const children = (parentId) =>
    (byParent.get(parentId) ?? []).map((route) => ({
      id: route.id,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      children: route.index ? undefined : children(route.id),
    }));
  return children(undefined);
}

// Matching is costly; the same paths come back again and again.
const routeCache = new Map();
function routeOf(pathname) {
  const cached = routeCache.get(pathname);
  if (cached) return cached;
  const route = matchRoutePattern(pathname);
  if (routeCache.size > 10_000) routeCache.clear();
  routeCache.set(pathname, route);
  return route;
}

function matchRoutePattern(pathname) {
  if (pathname.startsWith("/build/")) return "/build/*";
  const path = pathname.endsWith(".data") ? pathname.slice(0, -5) || "/" : pathname;
  const matches = matchRoutes(routePatterns, path);
  if (!matches) return "(static or unmatched)";
  const pattern = matches
    .map((match) => match.route.path)
    .filter(Boolean)
    .join("/");
  return `/${pattern}`.replace(/\/+/g, "/");
}
