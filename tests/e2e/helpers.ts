import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import AxeBuilder from "@axe-core/playwright";
import {
  expect,
  type APIResponse,
  type Cookie,
  type Page,
  type PlaywrightWorkerArgs,
} from "@playwright/test";
import { Secret, TOTP } from "otpauth";

export const DEMO_PASSWORD = "demo-password-for-tests-only";
export const DEMO = {
  admin: "admin@demo.example",
  coordinator: "coordinator@demo.example",
  secretariat: "secretariat@demo.example",
  reviewer: "reviewer@demo.example",
  board_member: "board@demo.example",
} as const;
/** Test accounts made by accounts.setup.ts: a coordinator of another organisation, and of none. */
export const OTHER_COORDINATOR = "coordinator-other@test.example";
export const LONE_COORDINATOR = "coordinator-none@test.example";
export const OTHER_ORGANISATION = "Other NGO Durrës";

/**
 * The two-step sign-in key of the demo accounts that need one (admin, secretariat, reviewer).
 * tests/run-e2e.mjs gives it to the server as DEMO_TOTP_SECRET, which only the demo seed reads
 * (decision 020); the tests compute the codes from it with the library the server uses.
 */
export const DEMO_TOTP_SECRET = "DEMOTESTSONLYDEMOTESTSONLY234567";
const DEMO_TOTP_ACCOUNTS: readonly string[] = [DEMO.admin, DEMO.secretariat, DEMO.reviewer];

/** The code an authenticator app shows for a key, `steps` 30-second steps from now. */
export function totpCodeFor(secret: string, steps = 0): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({
    timestamp: Date.now() + steps * 30_000,
  });
}

// The server accepts each step's code once per account (replay refused), and the previous,
// current and next step. The last step used per account is kept in a small file of the run's
// throwaway DATA_DIR, shared by the setup project, the test worker and a worker restarted after
// a failure, so a later sign-in within the same 30 seconds uses the next code.
const STEPS_FILE = path.join(
  process.env.DATA_DIR ?? os.tmpdir(),
  `e2e-totp-steps-${process.env.E2E_PORT ?? "3100"}.json`,
);
const currentStep = () => Math.floor(Date.now() / 30_000);

function usedSteps(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(STEPS_FILE, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

/** The step to use for an account's next code: now, or one later than the last one used. */
function nextStep(email: string): number {
  return Math.max(currentStep(), (usedSteps()[email] ?? -Infinity) + 1);
}

/**
 * Waits, only when needed, until a step's code is accepted (the server takes one step ahead at
 * most). That happens only when one process signs the same account in three times within 30
 * seconds: every code of the window is then used.
 */
async function whenUsable(step: number): Promise<number> {
  const wait = (step - 1) * 30_000 - Date.now();
  if (wait > 0) {
    // Said aloud: every such wait is time the whole suite spends doing nothing.
    console.log(`(waiting ${Math.round(wait / 1000)} s for an unused two-step code)`);
    await new Promise((resolve) => setTimeout(resolve, wait + 100));
  }
  return step;
}

/** The code for a step of an account's key, recording the step as used. */
function codeForStep(email: string, secret: string, step: number): string {
  const steps = usedSteps();
  steps[email] = Math.max(steps[email] ?? step, step);
  fs.writeFileSync(STEPS_FILE, JSON.stringify(steps));
  return totpCodeFor(secret, step - currentStep());
}

/** The next unused code of an account (as signIn types it), for tests that type codes. */
export function nextTotpCode(email: string, secret: string): string {
  return codeForStep(email, secret, nextStep(email));
}

const SIGN_IN_PAGE = /\/staff\/sign-in$/;
const CODE_PAGE = /\/staff\/sign-in\/code$/;

/**
 * After a sign-in form is sent: waits until the browser has left the form's page, or the page
 * shows why not (an alert). Checking the address at once could read it before the answer came
 * (with JavaScript the form is sent in the background), and miss the second step or a refusal.
 * `again`: the page already shows an alert from the try before, so only leaving counts.
 */
async function settled(page: Page, form: RegExp, again = false) {
  await expect(async () => {
    const left = !form.test(new URL(page.url()).pathname);
    const refused = !again && (await page.locator('main [role="alert"]').count()) > 0;
    expect(left || refused, `still on ${page.url()} with no message`).toBe(true);
  }).toPass({ timeout: 20_000 });
  await page.waitForLoadState();
}

export async function signIn(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  path = "/staff/sign-in",
  totpSecret = DEMO_TOTP_ACCOUNTS.includes(email) ? DEMO_TOTP_SECRET : undefined,
) {
  await page.goto(path);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("main form button[type=submit]").click();
  await settled(page, SIGN_IN_PAGE);
  if (totpSecret && CODE_PAGE.test(new URL(page.url()).pathname)) {
    await enterCode(page, email, totpSecret);
  }
}

/**
 * The second step of sign-in: types the account's next code. If another process (the setup
 * project, the other shard's tests never share a server) used that code already, the server
 * says so and the next step's code is typed instead: at most one extra request.
 */
async function enterCode(page: Page, email: string, secret: string) {
  const step = await whenUsable(nextStep(email));
  await page.locator("#code").fill(codeForStep(email, secret, step));
  await page.locator("main form button[type=submit]").click();
  await settled(page, CODE_PAGE);
  if (CODE_PAGE.test(new URL(page.url()).pathname)) {
    await page.locator("#code").fill(codeForStep(email, secret, await whenUsable(step + 1)));
    await page.locator("main form button[type=submit]").click();
    await settled(page, CODE_PAGE, true);
  }
}

/**
 * For a test that types the password itself: once the form is sent, types the account's code
 * if the second step of sign-in asks for one (demo accounts whose role requires it).
 */
export async function passSecondStepIfAsked(page: Page, email: string): Promise<void> {
  await settled(page, SIGN_IN_PAGE);
  if (DEMO_TOTP_ACCOUNTS.includes(email) && CODE_PAGE.test(new URL(page.url()).pathname))
    await enterCode(page, email, DEMO_TOTP_SECRET);
}

// Sessions of the demo accounts, kept per run (in its throwaway DATA_DIR) and used again by
// signInOk and apiSignIn. A sign-in with a second step uses up one 30-second code of the
// account, and the server accepts three steps at most: signing the admin in afresh for every
// test made the suite wait for new codes for minutes. The sign-in flows themselves are tested
// with signIn and typed forms, which never use these. A session found ended (a test signed it
// out) is replaced by a real sign-in.
const SESSIONS_FILE = path.join(
  process.env.DATA_DIR ?? os.tmpdir(),
  `e2e-sessions-${process.env.E2E_PORT ?? "3100"}.json`,
);
type KeptSessions = { browser: Record<string, Cookie[]>; api: Record<string, string> };
const DEMO_ACCOUNTS: readonly string[] = Object.values(DEMO);

function keptSessions(): KeptSessions {
  try {
    return JSON.parse(fs.readFileSync(SESSIONS_FILE, "utf8")) as KeptSessions;
  } catch {
    return { browser: {}, api: {} };
  }
}

function keepSession(update: (sessions: KeptSessions) => void) {
  const sessions = keptSessions();
  update(sessions);
  fs.writeFileSync(SESSIONS_FILE, JSON.stringify(sessions));
}

/** Signs in and checks it worked (the home page of the staff area). */
export async function signInOk(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  lang: "sq" | "en" = "en",
) {
  const home = lang === "en" ? /\/en\/staff$/ : /\/staff$/;
  const reusable = DEMO_ACCOUNTS.includes(email) && password === DEMO_PASSWORD;
  const kept = reusable ? keptSessions().browser[email] : undefined;
  if (kept) {
    await page.context().addCookies(kept);
    await page.goto(lang === "en" ? "/en/staff" : "/staff");
    if (home.test(new URL(page.url()).pathname)) return;
    await page.context().clearCookies();
  }
  await signIn(page, email, password, lang === "en" ? "/en/staff/sign-in" : "/staff/sign-in");
  await expect(page).toHaveURL(home);
  if (reusable) {
    const cookies = (await page.context().cookies()).filter((c) => /session$/.test(c.name));
    keepSession((sessions) => (sessions.browser[email] = cookies));
  }
}

/**
 * Fails on WCAG 2.1 A/AA violations, listing them readably. axe runs as a script, so for a
 * page opened with JavaScript off the same HTML is served again, at the same address, to a
 * page that can run it.
 */
export async function expectNoAxeViolations(page: Page, options: { javaScript?: boolean } = {}) {
  if (options.javaScript === false) {
    const html = await page.content();
    const url = page.url();
    const context = await page.context().browser()!.newContext();
    const probe = await context.newPage();
    // A URL given as a string is a glob pattern, in which "?" matches any one character: a page
    // with a query did not match, and the real server answered the probe, signed out, so the
    // sign-in page was scanned instead. The address is compared whole.
    await probe.route(
      (address) => address.href === url,
      (route) =>
        route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await probe.goto(url);
    try {
      await expectNoAxeViolations(probe);
    } finally {
      await context.close();
    }
    return;
  }
  // Legacy mode runs axe in the page itself. The default opens a blank page after every scan to
  // gather results across frames and injects axe a second time there: twice the time (about
  // 1 s against 0.5 s a scan here), for cross-origin frames that no page of the portal has (its
  // CSP allows none). Measured in docs/decisions/036.
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .setLegacyMode(true)
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary).toEqual([]);
}

/**
 * Every visible string must come from the locale files: a missing key renders as ⟦missing:…⟧.
 * And every letter must arrive whole: bytes broken in the page (a NUL written into an "ë", as
 * React 18's streaming did: tests/unit/streamed-pages.test.ts) read as "�".
 */
export async function expectAllTextTranslated(page: Page) {
  const html = await page.content();
  expect(html).not.toContain("⟦missing:");
  expect(html).not.toContain("\uFFFD");
}

/**
 * Signs in through the real forms with a fresh API client and returns the session cookie. For
 * an account with two-step sign-in the code is posted too (one more request; the sign-in
 * page's CSRF token serves both forms).
 */
export async function apiSignIn(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string | undefined,
  email: string,
  password = DEMO_PASSWORD,
  totpSecret = DEMO_TOTP_ACCOUNTS.includes(email) ? DEMO_TOTP_SECRET : undefined,
) {
  const reusable = DEMO_ACCOUNTS.includes(email) && password === DEMO_PASSWORD;
  const kept = reusable ? keptSessions().api[email] : undefined;
  const request = await playwright.request.newContext({ baseURL });
  if (kept) {
    const home = await request.get("/en/staff", { headers: { Cookie: kept }, maxRedirects: 0 });
    if (home.status() === 200) {
      await request.dispose();
      return kept;
    }
  }
  const page = await request.get("/staff/sign-in");
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  let response = await request.post("/staff/sign-in", {
    form: { email, password, csrf },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in for ${email}`).toBe(302);
  if (totpSecret && response.headers()["location"]?.endsWith("/staff/sign-in/code")) {
    const challenge = cookieNamed(response, "sign_in");
    const step = nextStep(email);
    for (const tryStep of [step, step + 1]) {
      response = await request.post("/staff/sign-in/code", {
        form: { code: codeForStep(email, totpSecret, await whenUsable(tryStep)), csrf },
        headers: { Cookie: challenge },
        maxRedirects: 0,
      });
      if (response.status() === 302) break;
    }
    expect(response.status(), `second step for ${email}`).toBe(302);
  }
  const cookie = cookieNamed(response, "session");
  expect(cookie).toMatch(/session=/);
  await request.dispose();
  if (reusable) keepSession((sessions) => (sessions.api[email] = cookie));
  return cookie;
}

/** "name=value" of the cookie a response sets whose name ends in `suffix` (non-empty value). */
function cookieNamed(response: APIResponse, suffix: string): string {
  return (
    response
      .headersArray()
      .filter((header) => header.name.toLowerCase() === "set-cookie")
      .map((header) => header.value.split(";")[0]!)
      .find((value) => new RegExp(`${suffix}=.`).test(value)) ?? ""
  );
}

/**
 * The text of each page of a PDF (as `page.pdf()` makes it), read by poppler's `pdftotext`
 * (Debian's poppler-utils, which .ci/run installs when missing). Throws when it is missing.
 */
export function pdfTextPages(pdf: Buffer): string[] {
  const text = execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf, encoding: "utf8" });
  // pdftotext ends every page with a form feed.
  return text.split("\f").slice(0, -1);
}
