import {
  expect,
  type APIRequestContext,
  type Browser,
  type Locator,
  type Page,
} from "@playwright/test";

import { DEMO, signInOk } from "./helpers";
import { hydrated } from "./hydration";

export const DEMO_CODE_CAMPAIGN = "Reintegration services: your view (demo, with codes)";
export const DEMO_OPEN_CAMPAIGN = "Feedback on the support you received (demo)";
/** The same demo campaigns' titles on Albanian pages (campaigns are worded per language). */
export const DEMO_CODE_CAMPAIGN_SQ = "Shërbimet e riintegrimit: mendimi juaj (demo, me kode)";
export const DEMO_OPEN_CAMPAIGN_SQ = "Mendimi juaj për mbështetjen që morët (demo)";

/** A demo campaign's title as the public pages in `lang` show it (titles are per language). */
export function demoTitle(title: string, lang: string): string {
  if (lang === "en") return title;
  if (title === DEMO_CODE_CAMPAIGN) return DEMO_CODE_CAMPAIGN_SQ;
  if (title === DEMO_OPEN_CAMPAIGN) return DEMO_OPEN_CAMPAIGN_SQ;
  return title;
}

/** Signs in as the demo coordinator and makes `count` codes for a campaign; returns them. */
export async function makeCodes(
  browser: Browser,
  campaignTitle: string,
  count: number,
): Promise<string[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInOk(page, DEMO.coordinator);
  await page.goto("/en/staff/feedback");
  await page.getByRole("link", { name: campaignTitle }).click();
  await hydrated(page);
  await page.locator("#count").fill(String(count));
  await expect(page.locator("#count")).toHaveValue(String(count));
  await page.getByRole("button", { name: "Make codes" }).click();
  await expect(page.getByRole("heading", { name: "Code sheet" })).toBeVisible();
  await expect(page.locator(".app-code-card__code").first()).toBeVisible();
  const codes = await page.locator(".app-code-card__code").allInnerTexts();
  await context.close();
  expect(codes).toHaveLength(count);
  return codes;
}

/** A survivor's browser: no JavaScript, as the pages must work without it. */
export async function survivorPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false });
  return context.newPage();
}

/**
 * Presses a button that sends a whole page (a survivor's page, JavaScript off) and waits until
 * the next page has been read to its end. A check made between the press and that moment can
 * see the old page, or only the first part of the new one (a button not yet read counts 0).
 */
export async function pressAndLoad(page: Page, button: Locator): Promise<void> {
  const loaded = page.waitForEvent("domcontentloaded");
  await button.click();
  await loaded;
}

/**
 * As a signed-in coordinator, creates an open-link campaign of the service-user questionnaire
 * with only the given sections and threshold k; returns the campaign page and the public link.
 */
export async function createOpenCampaign(
  page: Page,
  options: { title: string; sections: string[]; k: number },
): Promise<{ campaignUrl: string; publicLink: string }> {
  await page.goto("/en/staff/feedback/new");
  // Step 1: the questionnaire (Annex 6.1 by default) and the languages (both by default).
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#title_sq").fill(options.title);
  await page.locator("#title_en").fill(options.title);
  await page.locator("#collectingOrganisation_sq").fill("Qendra e Pavarur Tiranë");
  await page.locator("#collectingOrganisation_en").fill("Independent Centre Tirana");
  // Step 2 shows only the chosen questionnaire's sections.
  for (const box of await page.locator('input[name="sections"]').all()) {
    const value = (await box.getAttribute("value"))?.replace(/^service_user_feedback:/, "") ?? "";
    if (options.sections.includes(value)) await box.check();
    else await box.uncheck();
  }
  await page.locator("#minGroupSize").fill(String(options.k));
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByText("The campaign has been created.")).toBeVisible();
  return {
    campaignUrl: page.url().replace(/\?.*$/, ""),
    publicLink: (await page.locator(".app-code").first().innerText()).trim(),
  };
}

/**
 * Sends one complete response to an open-link campaign as a plain form post from its review
 * page (what a survivor's browser sends with JavaScript off). `answers` are the form's fields:
 * `a:<question id>` for an answer, `c:<question id>` for a comment.
 */
export async function sendResponse(
  request: APIRequestContext,
  publicLink: string,
  answers: Record<string, string>,
) {
  const path = new URL(publicLink).pathname.replace(/^\/(?!en\/)/, "/en/");
  const intro = await request.get(path);
  const nonce = /name="nonce" value="([^"]+)"/.exec(await intro.text())?.[1] ?? "";
  const response = await request.post(path, {
    form: { page: "review", nav: "submit", reviewed: "1", nonce, ...answers },
    maxRedirects: 0,
  });
  expect(response.status(), await response.text()).toBeGreaterThanOrEqual(300);
  expect(response.headers().location).toMatch(/\/thanks$/);
}

/**
 * Presses the questionnaire's Continue button (`next`: its name in the page's language) page
 * after page until `target` is on the page; `onEachPage` runs on every page passed through.
 * Each press waits for the next page to be there: checking before it has loaded would press the
 * old page's button again, or wait for a Continue button the review page does not have.
 */
export async function continueUntil(
  page: Page,
  target: Locator,
  {
    next = "Continue",
    onEachPage,
  }: { next?: string | RegExp; onEachPage?: () => Promise<void> } = {},
): Promise<number> {
  const button = page.getByRole("button", { name: next, exact: true }).first();
  for (let pages = 0; pages < 15; pages += 1) {
    await expect(target.or(button).first()).toBeVisible();
    if (await target.first().isVisible()) return pages;
    await onEachPage?.();
    await pressAndLoad(page, button);
  }
  throw new Error(`Still no ${String(target)} after 15 pages`);
}

/**
 * From a questionnaire's first section (JavaScript off), presses Continue, then "Check your
 * answers", page by page until the review page's "Send my answers"; returns that button.
 */
export async function continueToSend(page: Page): Promise<Locator> {
  const send = page.getByRole("button", { name: "Send my answers" });
  await continueUntil(page, send, { next: /^(Continue|Check your answers)$/ });
  return send;
}
