import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type PlaywrightWorkerArgs } from "@playwright/test";

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

export async function signIn(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  path = "/staff/sign-in",
) {
  await page.goto(path);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("main form button[type=submit]").click();
  await page.waitForLoadState();
}

/** Signs in and checks it worked (the home page of the staff area). */
export async function signInOk(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  lang: "sq" | "en" = "en",
) {
  await signIn(page, email, password, lang === "en" ? "/en/staff/sign-in" : "/staff/sign-in");
  await expect(page).toHaveURL(lang === "en" ? /\/en\/staff$/ : /\/staff$/);
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
    await probe.route(url, (route) =>
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
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary).toEqual([]);
}

/** Every visible string must come from the locale files: a missing key renders as ⟦missing:…⟧. */
export async function expectAllTextTranslated(page: Page) {
  const html = await page.content();
  expect(html).not.toContain("⟦missing:");
}

/** Signs in through the real form with a fresh API client and returns the session cookie. */
export async function apiSignIn(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string | undefined,
  email: string,
  password = DEMO_PASSWORD,
) {
  const request = await playwright.request.newContext({ baseURL });
  const page = await request.get("/staff/sign-in");
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const response = await request.post("/staff/sign-in", {
    form: { email, password, csrf },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in for ${email}`).toBe(302);
  const cookie = response.headers()["set-cookie"]?.split(";")[0] ?? "";
  expect(cookie).toMatch(/session=/);
  await request.dispose();
  return cookie;
}
