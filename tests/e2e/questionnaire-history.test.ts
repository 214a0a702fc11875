import { expect, test, type Page } from "@playwright/test";

import { DEMO_OPEN_CAMPAIGN, demoTitle, survivorPage } from "./feedback-helpers";
import { expectNoAxeViolations } from "./helpers";

/** Answers sections 1 and 2 and returns the name and value of the answer given in section 2. */
async function answerTwoSections(page: Page) {
  await page.goto("/en");
  await page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN }).click();
  await page.getByRole("button", { name: "Start" }).click();
  await page.locator('input[type="radio"]').first().check();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByText("Section 2 of 7")).toBeVisible();
  const answer = page.locator('input[type="radio"]').first();
  await answer.check();
  const name = (await answer.getAttribute("name"))!;
  const value = (await answer.getAttribute("value"))!;
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page.getByText("Section 3 of 7")).toBeVisible();
  return { name, value };
}

/** The browser's Back button: the page was not cached, so the browser sends its form again. */
async function browserBack(page: Page) {
  await page.goBack().catch((error: Error) => expect(error.message).toMatch(/ERR_CACHE_MISS/));
  await page.reload();
}

test.describe("The browser's Back button on the questionnaire", () => {
  // fixme: with JavaScript on, Playwright cannot reload Chromium's ERR_CACHE_MISS page ("Not
  // attached to an active page"; with JavaScript off it can), so the re-sent older page is never
  // reached here. Checked by hand in Chromium; the path to automate is a browser launched with
  // the back/forward cache on (Playwright turns it off). See docs/decisions/012.
  test.fixme("with JavaScript, an earlier page says so before anything is lost and leads forward to every answer", async ({
    page,
  }) => {
    const later = await answerTwoSections(page);
    await browserBack(page);
    // Section 2 again, as it was before it was answered.
    await expect(page.getByText("Section 2 of 7")).toBeVisible();
    await expect(page.locator(`input[name="${later.name}"]:checked`)).toHaveCount(0);
    const warning = page.locator(".js-history-warning");
    await expect(warning.getByRole("heading", { name: "This is an earlier page" })).toBeVisible();
    await expect(warning).toBeFocused();
    await expectNoAxeViolations(page);

    const left = page.waitForEvent("framenavigated");
    await warning.getByRole("button", { name: "Go forward to my latest answers" }).click();
    await left;
    await page.reload();
    await expect(page.getByText("Section 3 of 7")).toBeVisible();
    // The latest page carries section 2's answer again, and has nothing to warn about.
    await expect(page.locator(`input[type="hidden"][name="${later.name}"]`)).toHaveValue(
      later.value,
    );
    await expect(warning).toBeHidden();
  });

  test("the newest page has no warning, and the page's own Back button keeps every answer", async ({
    page,
  }) => {
    const later = await answerTwoSections(page);
    await expect(page.locator(".js-history-warning")).toBeHidden();
    await page.getByRole("button", { name: "Back", exact: true }).click();
    await expect(page.getByText("Section 2 of 7")).toBeVisible();
    await expect(page.locator(`input[name="${later.name}"][value="${later.value}"]`)).toBeChecked();
    await expect(page.locator(".js-history-warning")).toBeHidden();
  });

  for (const { lang, path, start, hint } of [
    {
      lang: "sq",
      path: "/",
      start: "Fillo",
      hint: "Butoni Prapa i shfletuesit mund të tregojë një faqe më të vjetër",
    },
    {
      lang: "en",
      path: "/en",
      start: "Start",
      hint: "Your browser's Back button can show an older page",
    },
  ]) {
    test(`without JavaScript, every page says beside its buttons how to go back safely (${lang})`, async ({
      browser,
    }) => {
      const page = await survivorPage(browser);
      await page.goto(path);
      await page.getByRole("link", { name: demoTitle(DEMO_OPEN_CAMPAIGN, lang) }).click();
      await page.getByRole("button", { name: start }).click();
      await expect(page.getByText(hint)).toBeVisible();
      // The script's warning needs JavaScript; without it the page never shows it.
      await expect(page.locator(".js-history-warning")).toBeHidden();
      await expectNoAxeViolations(page, { javaScript: false });
      await page.context().close();
    });
  }
});
