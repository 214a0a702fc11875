import { createHmac } from "node:crypto";

import { LRUCache } from "lru-cache";

import { getConfig } from "../platform/config.server";
import { randomToken } from "../platform/random.server";

/**
 * Protections for the public questionnaire that keep nothing on disk.
 *
 * Form nonce: each questionnaire carries a signed random nonce. When a response is stored its
 * nonce is remembered in memory until it expires, so a double click or Back-then-submit stores
 * one response. The nonce is never stored with the response.
 *
 * Rate limit (open-link campaigns): a per-client counter keyed by the salted hash server.js
 * makes of the client address (the salt lives in memory and changes every hour). Counters are
 * forgotten every hour and nothing is written anywhere.
 */
const NONCE_LIFETIME_MS = 24 * 60 * 60 * 1000;

// Spent nonces, in two generations: `spent.current` since `spent.since`, `spent.previous` the
// lifetime before. Every nonce checked valid was issued less than a lifetime before it was
// spent, so it is needed for at most one lifetime after; a nonce moves to `previous` at the
// next turn (at least a lifetime after `since`) and is dropped at the one after, at least two
// lifetimes after `since`. Turning costs nothing per request, unlike sweeping expiry times.
//
// A generation also turns early once it holds SPENT_PER_GENERATION nonces, so that a flood of
// Sends cannot grow the process's memory without bound (the server runs under a heap budget,
// decision 059). A nonce dropped early is still refused where it matters: the questionnaire's
// response store keeps a hash of every spent nonce (spent_form_nonces), and a board call takes
// one application per email address (decision 058).
const spent = { current: new Set<string>(), previous: new Set<string>(), since: Date.now() };

/**
 * Spent nonces remembered per generation at most: two generations hold about 24 MB at 60 bytes
 * each. At the rate the soak sends (50 a second) one generation lasts more than an hour.
 */
export const SPENT_PER_GENERATION = 200_000;

/**
 * The key a nonce is remembered by: its 16 random bytes as a 16-character string of its own.
 * The nonce arrives as a slice of the posted body, and V8 keeps a slice's whole parent string
 * alive: remembering the slice kept every Send's body (about 1 kB) for a day. The random part
 * alone identifies a nonce, since its signature binds it to its issue time.
 */
function spentKey(nonce: string): string {
  const dot = nonce.indexOf(".");
  return Buffer.from(dot < 0 ? nonce : nonce.slice(0, dot), "base64url").toString("latin1");
}

function isSpent(nonce: string): boolean {
  const key = spentKey(nonce);
  return spent.current.has(key) || spent.previous.has(key);
}

function sign(value: string): string {
  return createHmac("sha256", getConfig().feedbackSecret)
    .update(`form-nonce|${value}`)
    .digest("base64url");
}

/**
 * Nonces this process issued or found rightly signed, whole (signature included), most recent
 * first. A respondent's form carries one nonce through every page of the questionnaire (eleven
 * for the demo), and setting up an HMAC was about 2 % of a page's server time under load
 * (issue 17): its signature is computed when it is issued, and again only if it dropped out of
 * here. Only "this exact string is signed by us" is remembered; its lifetime and whether it was
 * spent are checked every time. The secret is the process's for its whole life (getConfig).
 * Memory only, at most 20,000 nonces of about 80 characters.
 */
const rightlySigned = new LRUCache<string, true>({ max: 20_000 });

/**
 * A copy of `text` that shares no memory with it: a nonce arrives as a slice of the posted
 * body, and a remembered slice keeps the whole body alive (see spentKey).
 */
function copyOf(text: string): string {
  return Buffer.from(text, "latin1").toString("latin1");
}

/**
 * A new form nonce: 16 random bytes (base64url), the issue time (ms since the epoch) and their
 * HMAC-SHA256 under the feedback secret, joined by dots.
 */
export function issueFormNonce(now = Date.now()): string {
  const value = `${randomToken(16)}.${now}`;
  const nonce = `${value}.${sign(value)}`;
  rightlySigned.set(nonce, true);
  return nonce;
}

export type NonceState = "fresh" | "used" | "invalid";

/**
 * Whether a posted nonce is one this server issued, unexpired (24 hours from issue at `now`,
 * ms since the epoch), and not yet spent: "fresh", "used" or "invalid" (anything else,
 * including a string that is not a nonce).
 */
export function checkFormNonce(nonce: unknown, now = Date.now()): NonceState {
  if (typeof nonce !== "string") return "invalid";
  const [random, issued, signature] = nonce.split(".");
  if (!random || !issued || !signature) return "invalid";
  if (rightlySigned.get(nonce) === undefined) {
    if (sign(`${random}.${issued}`) !== signature) return "invalid";
    rightlySigned.set(copyOf(nonce), true);
  }
  if (now - Number(issued) > NONCE_LIFETIME_MS) return "invalid";
  return isSpent(nonce) ? "used" : "fresh";
}

/**
 * The state of a nonce that `checkFormNonce` found well signed and unexpired at the time the
 * request is for: neither changes while a request runs, so a handler checks the signature (an
 * HMAC) once and asks only whether the nonce was used since.
 */
export function signedNonceState(nonce: string): "fresh" | "used" {
  return isSpent(nonce) ? "used" : "fresh";
}

/**
 * Remembers a nonce `checkFormNonce` found valid as spent, for at least its remaining lifetime
 * (24 hours from issue) and at most two lifetimes, unless `perGeneration` more nonces were spent
 * meanwhile (see SPENT_PER_GENERATION). `now` is in milliseconds since the epoch.
 */
export function consumeFormNonce(
  nonce: string,
  now = Date.now(),
  perGeneration = SPENT_PER_GENERATION,
): void {
  if (now - spent.since >= NONCE_LIFETIME_MS || spent.current.size >= perGeneration) {
    spent.previous = spent.current;
    spent.current = new Set();
    spent.since = now;
  }
  spent.current.add(spentKey(nonce));
}

/** Forgets a spent nonce again (its answers were not stored), so the same form can be sent. */
export function releaseFormNonce(nonce: string): void {
  const key = spentKey(nonce);
  spent.current.delete(key);
  spent.previous.delete(key);
}

// Stores under way, by nonce: a second submit of the same form waits for the first to end, so
// it is not thanked for answers that then fail to be stored.
const storing = new Map<string, Promise<unknown>>();

/** Remembers that the answers of this form are being stored, until the store ends. */
export function trackStore<T>(nonce: string, store: Promise<T>): Promise<T> {
  const settled = store.then(
    () => undefined,
    () => undefined,
  );
  storing.set(nonce, settled);
  void settled.then(() => storing.delete(nonce));
  return store;
}

/** The store of this form under way, if any (it settles, never rejects). */
export function storeUnderWay(nonce: unknown): Promise<unknown> | undefined {
  return typeof nonce === "string" ? storing.get(nonce) : undefined;
}

/**
 * The nonce's state once no store of the same form is under way. "used" then means the answers
 * were stored (a failed store gives its nonce back).
 */
export async function settledNonceState(nonce: unknown, now = Date.now()): Promise<NonceState> {
  for (let pending = storeUnderWay(nonce); pending; pending = storeUnderWay(nonce)) await pending;
  return checkFormNonce(nonce, now);
}

const WINDOW_MS = 60 * 60 * 1000;
let windowStart = Date.now();
const counters = new Map<string, number>();

export function submissionsPerHourLimit(): number {
  const fromEnv = Number(process.env.FEEDBACK_SUBMISSIONS_PER_HOUR);
  return Number.isFinite(fromEnv) && fromEnv >= 0 && process.env.FEEDBACK_SUBMISSIONS_PER_HOUR
    ? fromEnv
    : 20;
}

/** True when this client may submit once more this hour (0 means no limit). */
export function allowSubmission(
  clientKey: string | undefined,
  limit = submissionsPerHourLimit(),
  now = Date.now(),
): boolean {
  if (now - windowStart >= WINDOW_MS) {
    counters.clear();
    windowStart = now;
  }
  if (!clientKey || limit === 0) return true;
  const count = counters.get(clientKey) ?? 0;
  if (count >= limit) return false;
  counters.set(clientKey, count + 1);
  return true;
}

/** Gives back a submission that was counted but could not be stored. */
export function refundSubmission(clientKey: string | undefined): void {
  const count = clientKey ? counters.get(clientKey) : undefined;
  if (clientKey && count) counters.set(clientKey, count - 1);
}
