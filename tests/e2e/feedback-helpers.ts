import { expect, type Browser, type Page } from "@playwright/test";

import { DEMO, signInOk } from "./helpers";

export const DEMO_CODE_CAMPAIGN = "Reintegration services: your view (demo, with codes)";
export const DEMO_OPEN_CAMPAIGN = "Feedback on the support you received (demo)";
/** The same demo campaigns' titles on Albanian pages (campaigns are worded per language). */
export const DEMO_CODE_CAMPAIGN_SQ = "Shërbimet e riintegrimit: mendimi juaj (demo, me kode)";
export const DEMO_OPEN_CAMPAIGN_SQ = "Mendimi juaj për mbështetjen që morët (demo)";

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
  await page.locator("#count").fill(String(count));
  await page.getByRole("button", { name: "Make codes" }).click();
  await expect(page.getByRole("heading", { name: "Code sheet" })).toBeVisible();
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

export async function continueTo(page: Page, label = "Continue") {
  await page.getByRole("button", { name: label, exact: true }).click();
}
