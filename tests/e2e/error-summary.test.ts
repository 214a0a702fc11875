import { DEMO_CODE_CAMPAIGN_SQ, DEMO_OPEN_CAMPAIGN, survivorPage } from "./feedback-helpers";
import { expect, test, type Page } from "./fixtures";
import { DEMO, expectNoAxeViolations, signIn, signInOk } from "./helpers";

/**
 * Issue 12 §2, the GOV.UK error summary pattern on every kind of form: when a form comes back
 * with errors, (1) the page title starts with "Gabim: " / "Error: ", (2) the error summary has
 * the focus as the page loads (with JavaScript off too), and (3) every field the summary links
 * to is marked invalid and described by a visible message.
 */
async function expectErrorsAnnounced(page: Page, lang: "sq" | "en") {
  await expect(page.locator(".app-error-summary")).toBeVisible();
  // The summary comes first in the page: with JavaScript off it is on screen while the browser
  // is still reading the fields below it (a full run once checked a half-read page).
  await page.waitForLoadState("domcontentloaded");
  expect(await page.title()).toMatch(lang === "sq" ? /^Gabim: / : /^Error: /);
  await expect(page.locator(".app-error-summary")).toBeFocused();
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const messageOf = (holder: Element | null) =>
      (holder?.getAttribute("aria-describedby") ?? "")
        .split(/\s+/)
        .map((id) => (id ? document.getElementById(id) : null))
        .find((el) => el?.classList.contains("app-error-message") && el.getClientRects().length);
    const links = [...document.querySelectorAll<HTMLAnchorElement>(".app-error-summary a")];
    if (links.length === 0) found.push("the summary links to no field");
    for (const link of links) {
      const id = decodeURIComponent(link.hash.slice(1));
      const target = document.getElementById(id);
      if (!target) {
        found.push(`#${id}: no such element`);
        continue;
      }
      if (target.tagName === "FORM") continue; // a problem with the whole form
      const isGroup = target.tagName === "FIELDSET";
      const choice =
        target instanceof HTMLInputElement && ["radio", "checkbox"].includes(target.type);
      const holder = isGroup ? target : choice ? target.closest("fieldset") : target;
      if (!messageOf(holder)) found.push(`#${id}: aria-describedby names no visible message`);
      // ARIA allows aria-invalid on a radio group, not on a radio: a group of radios is marked
      // as a whole (role radiogroup), a checkbox or a single field on itself.
      if (holder?.getAttribute("role") === "radiogroup") {
        if (holder.getAttribute("aria-invalid") !== "true")
          found.push(`#${id}: radio group not aria-invalid`);
        continue;
      }
      const controls =
        isGroup || choice ? [...(holder?.querySelectorAll("input") ?? [])] : [target];
      for (const control of controls) {
        if (control.getAttribute("aria-invalid") !== "true")
          found.push(`#${control.id}: not aria-invalid`);
      }
    }
    return found;
  });
  expect(problems).toEqual([]);
}

test.describe("Errors a screen-reader user can find", () => {
  test("the survivor's code page: an unknown code is announced, with JavaScript off", async ({
    browser,
  }) => {
    const page = await survivorPage(browser);
    await page.goto("/");
    await page.getByRole("link", { name: DEMO_CODE_CAMPAIGN_SQ }).click();
    const before = await page.title();
    expect(before).not.toMatch(/^Gabim/);
    await page.getByLabel("Kodi juaj").fill("ABCD-EFGH");
    await page.getByRole("button", { name: "Vazhdo" }).click();
    await expect(page.locator(".app-error-summary")).toContainText("Ky kod nuk mund të përdoret");
    await expectErrorsAnnounced(page, "sq");
    expect(await page.title()).toBe(`Gabim: ${before}`);
    await expect(page.locator("#code")).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page, { javaScript: false });
    await page.context().close();
  });

  test("a questionnaire section with too long an answer is announced, with JavaScript off", async ({
    browser,
  }) => {
    const page = await survivorPage(browser);
    await page.goto("/en");
    await page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN }).click();
    await page.getByRole("button", { name: "Start" }).click();
    await page.locator("textarea").first().fill("a".repeat(2001));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator(".app-error-summary")).toContainText("longer than 2000 characters");
    await expectErrorsAnnounced(page, "en");
    await expect(page.locator("textarea").first()).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page, { javaScript: false });
    await page.context().close();
  });

  test("staff sign-in without an email is announced", async ({ page }) => {
    await signIn(page, "", "", "/en/staff/sign-in");
    await expectErrorsAnnounced(page, "en");
    await expectNoAxeViolations(page);
  });

  for (const javaScriptEnabled of [true, false]) {
    test(`a staff form with several fields is announced (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await signInOk(page, DEMO.coordinator, undefined, "sq");
      await page.goto("/staff/feedback/new");
      await page.getByRole("button", { name: "Vazhdo" }).click();
      await page.locator("#title_sq").fill("");
      await page.locator("main form button[type=submit]").last().click();
      await expectErrorsAnnounced(page, "sq");
      await expect(page.locator("#title_sq")).toHaveAttribute("aria-invalid", "true");
      // A second failing attempt is announced again (the summary was already on the page).
      if (javaScriptEnabled) {
        await page.locator("#title_sq").focus();
        await page.locator("main form button[type=submit]").last().click();
        await expect(page.locator(".app-error-summary")).toBeFocused();
      }
      await expectNoAxeViolations(page, { javaScript: javaScriptEnabled });
      await context.close();
    });
  }

  for (const javaScriptEnabled of [true, false]) {
    test(`the self-assessment scoring form lists unscored items (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({
      browser,
    }) => {
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await signInOk(page, DEMO.coordinator);
      await page.goto("/en/staff/organisations");
      await page.getByRole("link", { name: "Demo NGO Tirana" }).click();
      await page.locator("#name").fill(`Errors ${javaScriptEnabled ? "on" : "off"}`);
      await page.getByRole("button", { name: "Add programme" }).click();
      await page.locator("#participants").fill("The team");
      await page.getByRole("button", { name: "Start the assessment" }).click();
      await expect(page.locator(".app-score-item")).toHaveCount(15);
      await page.locator("#note-sex_and_labour_trafficking").fill("x".repeat(2001));
      await page.getByRole("button", { name: "Complete the assessment" }).click();
      await expectErrorsAnnounced(page, "en");
      await expect(page.locator("#note-sex_and_labour_trafficking")).toHaveAttribute(
        "aria-invalid",
        "true",
      );
      await page.locator("#note-sex_and_labour_trafficking").fill("");
      await page.getByRole("button", { name: "Complete the assessment" }).click();
      await expect(page.locator(".app-error-summary")).toContainText("15");
      await expectErrorsAnnounced(page, "en");
      await expectNoAxeViolations(page, { javaScript: javaScriptEnabled });
      await context.close();
    });
  }

  test("the good-practice form lists unanswered questions", async ({ browser }) => {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await signInOk(page, DEMO.coordinator);
    await page.goto("/en/staff/organisations");
    await page.getByRole("link", { name: "Demo NGO Tirana", exact: true }).click();
    await page.waitForURL(/\/organisations\/[0-9a-f-]{36}$/);
    await page.goto(`${page.url()}/practices`);
    await page.locator("#title").fill("Peer mentors");
    await page.locator("#description").fill("Survivors mentor newly identified people.");
    await page.getByRole("button", { name: "Start", exact: true }).click();
    await expect(page).toHaveURL(/\/en\/staff\/practices\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "Complete" }).click();
    await expectErrorsAnnounced(page, "en");
    await expectNoAxeViolations(page, { javaScript: false });
    await page.context().close();
  });
});
