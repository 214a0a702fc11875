import { DEMO_OPEN_CAMPAIGN, demoTitle, survivorPage } from "./feedback-helpers";
import { expect, test, type Page } from "./fixtures";
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

test.describe("The browser's Back button on the questionnaire", () => {
  // The Back button itself cannot be pressed through here: the pages are never cached, and
  // Playwright cannot reload Chromium's ERR_CACHE_MISS page to send the form again ("Not
  // attached to an active page", with JavaScript on or off; tests/e2e/feedback-survivor.test.ts
  // checks that Back brings no answers back). Checked by hand in Chromium (docs/decisions/012).
  // What the browser does there is give the page a history in which later entries of the same
  // questionnaire exist: that history is given to the real page here, through the Navigation
  // API the script reads, and the script must then warn and lead forward.
  test("with JavaScript, a page with later pages of the questionnaire in its history warns, takes the focus and leads forward", async ({
    page,
  }) => {
    await page.addInitScript(() => {
      const here = location.href;
      const entries = [0, 1, 2].map((index) => ({ index, url: here }));
      Object.defineProperty(window, "navigation", {
        configurable: true,
        value: { currentEntry: entries[0], entries: () => entries },
      });
      history.go = (delta?: number) => {
        document.documentElement.dataset.wentForward = String(delta);
      };
    });
    await page.goto("/en");
    await page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN }).click();
    await page.getByRole("button", { name: "Start" }).click();
    await expect(page.getByText("Section 1 of 7")).toBeVisible();
    const warning = page.locator(".js-history-warning");
    await expect(warning.getByRole("heading", { name: "This is an earlier page" })).toBeVisible();
    await expect(warning).toBeFocused();
    await expectNoAxeViolations(page);
    await warning.getByRole("button", { name: "Go forward to my latest answers" }).click();
    // Two entries on: the latest page of this questionnaire, where every answer is.
    await expect(page.locator("html")).toHaveAttribute("data-went-forward", "2");
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
