import {
  continueUntil,
  DEMO_CODE_CAMPAIGN,
  DEMO_CODE_CAMPAIGN_SQ,
  DEMO_OPEN_CAMPAIGN,
  DEMO_OPEN_CAMPAIGN_SQ,
  makeCodes,
  survivorPage,
} from "./feedback-helpers";
import { expect, test } from "./fixtures";
import { expectAllTextTranslated, expectNoAxeViolations } from "./helpers";

test.describe("A survivor answering without JavaScript", () => {
  test("completes the whole questionnaire in Albanian with a single-use code, which then stops working", async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const [code] = await makeCodes(browser, DEMO_CODE_CAMPAIGN, 1);
    let page = await survivorPage(browser);
    const otherHosts: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(baseURL!)) otherHosts.push(request.url());
    });

    await page.goto("/");
    await page.getByRole("link", { name: DEMO_CODE_CAMPAIGN_SQ }).click();
    await expect(page.getByLabel("Kodi juaj")).toBeVisible();
    await expectNoAxeViolations(page, { javaScript: false });
    await page.getByLabel("Kodi juaj").fill(code!.toLowerCase().replace("-", " "));
    await page.getByRole("button", { name: "Vazhdo" }).click();

    // Introduction: who asks, why, and the promises.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(DEMO_CODE_CAMPAIGN_SQ);
    await expect(
      page.getByText("Mund të kaloni çdo pyetje ose të ndaloni kur të doni."),
    ).toBeVisible();
    await expect(
      page.getByText("Nuk ju kërkojmë emrin ose të dhëna të tjera personale."),
    ).toBeVisible();
    await expect(page.getByText("Qendra e Pavarur e Monitorimit (demo)").first()).toBeVisible();
    await expectNoAxeViolations(page, { javaScript: false });
    await page.getByRole("button", { name: "Fillo" }).click();
    await expect(page.locator(".app-error-summary")).toContainText(
      "Zgjidhni kush po e plotëson pyetësorin",
    );
    await page.getByLabel("Unë vetë").check();
    await page.getByRole("button", { name: "Fillo" }).click();

    // Section 1: answer, go on, come back: the answer is still there.
    await expect(page.getByText("Pjesa 1 nga 5")).toBeVisible();
    await expectNoAxeViolations(page, { javaScript: false });
    await page
      .getByRole("checkbox", { name: /Një vend i sigurt për të jetuar/ })
      .first()
      .check();
    await page.getByRole("button", { name: "Vazhdo" }).click();
    await expect(page.getByText("Pjesa 2 nga 5")).toBeVisible();
    await page.getByRole("button", { name: "Kthehu" }).click();
    await expect(page.getByText("Pjesa 1 nga 5")).toBeVisible();
    await expect(
      page.getByRole("checkbox", { name: /Një vend i sigurt për të jetuar/ }).first(),
    ).toBeChecked();

    for (let section = 1; section <= 5; section += 1) {
      await expect(page.getByText(`Pjesa ${section} nga 5`)).toBeVisible();
      await expectAllTextTranslated(page);
      const firstRadio = page.locator('input[type="radio"]').first();
      if ((await firstRadio.count()) > 0) await firstRadio.check();
      await page.getByRole("button", { name: "Vazhdo" }).click();
    }
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Diçka tjetër");
    await page.locator("textarea").first().fill("Më ndihmuan shumë. Faleminderit.");
    await page.getByRole("button", { name: "Vazhdo" }).click();

    // Review: every answer listed, with a way to change each section.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Kontrolloni përgjigjet para se t'i dërgoni",
    );
    await expect(page.getByText("Më ndihmuan shumë. Faleminderit.")).toBeVisible();
    await expectNoAxeViolations(page, { javaScript: false });
    await page
      .getByRole("button", { name: /^Ndrysho/ })
      .first()
      .click();
    await expect(page.getByText("Pjesa 1 nga 5")).toBeVisible();
    await page.getByRole("button", { name: "Kontrollo përgjigjet" }).click();
    await page.getByRole("button", { name: "Dërgo përgjigjet" }).click();

    await expect(page).toHaveURL(/\/thanks$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Faleminderit");
    await expect(page.locator('a[href="tel:116006"]')).toBeVisible();
    await expectNoAxeViolations(page, { javaScript: false });
    await expectAllTextTranslated(page);
    expect(await page.context().cookies()).toEqual([]);
    expect(otherHosts).toEqual([]);

    // Back does not bring the answers back: the page was never cached.
    await expect(page.goBack()).rejects.toThrow(/ERR_CACHE_MISS/);

    await page.context().close();

    // The same code a second time: one calm message, nothing about why.
    page = await survivorPage(browser);
    await page.goto("/");
    await page.getByRole("link", { name: DEMO_CODE_CAMPAIGN_SQ }).click();
    await page.getByLabel("Kodi juaj").fill(code!);
    await page.getByRole("button", { name: "Vazhdo" }).click();
    await expect(page.locator(".app-error-summary")).toContainText("Ky kod nuk mund të përdoret");
    await page.getByLabel("Kodi juaj").fill("ABCD-EFGH");
    await page.getByRole("button", { name: "Vazhdo" }).click();
    await expect(page.locator(".app-error-summary")).toContainText("Ky kod nuk mund të përdoret");
    // The code page has its own language switch (the header has none on this route).
    await expect(page.locator(".app-header__language")).toHaveCount(0);
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.getByLabel("Your code")).toBeVisible();
    await page.context().close();
  });

  test("answers in English, and stopping sends nothing", async ({ browser }) => {
    const page = await survivorPage(browser);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto("/en");
    await page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByRole("button", { name: "Start" }).click();
    await expect(page.getByText("Section 1 of 7")).toBeVisible();
    await expectAllTextTranslated(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      320,
    );
    await page.getByRole("radio", { name: "Prefer not to say" }).first().check();
    await page.getByRole("link", { name: "Stop and leave without sending" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nothing was sent");
    await expectNoAxeViolations(page, { javaScript: false });
    await page.context().close();
  });

  test("switching language in the middle keeps the answers", async ({ browser }) => {
    const page = await survivorPage(browser);
    await page.goto("/");
    await page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN_SQ }).click();
    await page.getByRole("button", { name: "Fillo" }).click();
    await expect(page.getByText("Pjesa 1 nga 7")).toBeVisible();
    // No plain header link here: on any browser it would drop the answers.
    await expect(page.locator(".app-header__language")).toHaveCount(0);
    await page.getByRole("radio", { name: "Preferoj të mos përgjigjem" }).first().check();
    await page.getByRole("button", { name: "Continue in English (your answers are kept)" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByText("Section 1 of 7")).toBeVisible();
    await expect(page.getByRole("radio", { name: "Prefer not to say" }).first()).toBeChecked();
    await expectAllTextTranslated(page);
    await page.context().close();
  });

  test("too long a text is refused with a message, and nothing typed is lost", async ({
    browser,
  }) => {
    const page = await survivorPage(browser);
    await page.goto("/en");
    await page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN }).click();
    await page.getByRole("button", { name: "Start" }).click();
    await page.getByRole("radio", { name: "Yes" }).first().check();
    const long = "a".repeat(2001);
    await page.locator("textarea").first().fill(long);
    const response = page.waitForResponse((r) => r.request().method() === "POST");
    await page.getByRole("button", { name: "Continue" }).click();
    expect((await response).status()).toBe(400);
    await expect(page.locator(".app-error-summary")).toContainText("longer than 2000 characters");
    await expect(page.locator("textarea").first()).toHaveValue(long);
    await expect(page.getByRole("radio", { name: "Yes" }).first()).toBeChecked();
    await expectNoAxeViolations(page, { javaScript: false });
    await page.context().close();
  });

  test("answers for questions the campaign does not ask are refused with 400 and nothing is stored", async ({
    request,
  }) => {
    const landing = await request.get("/en");
    const slug = /href="\/en\/f\/([a-z0-9]+)"/.exec(await landing.text())?.[1];
    const intro = await request.get(`/en/f/${slug}`);
    const nonce = /name="nonce" value="([^"]+)"/.exec(await intro.text())?.[1] ?? "";
    const response = await request.post(`/en/f/${slug}`, {
      form: {
        page: "review",
        nav: "submit",
        nonce,
        "a:no_such_question": "yes",
        "a:first_contact_police": "maybe",
      },
    });
    expect(response.status()).toBe(400);
    const html = await response.text();
    expect(html).toContain("Some answers do not belong to this questionnaire");
  });

  test("a form that can no longer be sent comes back with a message and every answer", async ({
    browser,
  }) => {
    // JavaScript on only to spoil the form's hidden nonce, as an expired form would have.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto("/en");
    await page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN }).click();
    await page.getByRole("button", { name: "Start" }).click();
    await page.getByRole("radio", { name: "Yes" }).first().check();
    const reviewHeading = page.getByRole("heading", {
      level: 1,
      name: "Check your answers before sending them",
    });
    await continueUntil(page, reviewHeading);
    await page.locator('input[name="nonce"]').evaluate((input: HTMLInputElement) => {
      input.value = "expired.0.signature";
    });
    const statuses: number[] = [];
    page.on("response", (r) => {
      if (r.request().method() === "POST") statuses.push(r.status());
    });
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.locator(".app-error-summary")).toContainText("This form has expired");
    // The Send button's handler passed the form on (307) to the page, which explained (400).
    expect(statuses).toEqual([307, 400]);
    await expect(page.getByRole("definition").filter({ hasText: /^Yes/ }).first()).toBeVisible();
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page).toHaveURL(/\/thanks$/);
    await context.close();
  });

  test("an unknown questionnaire gets a calm page with the helplines", async ({ page }) => {
    const response = await page.goto("/f/doesnotexist");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Ky pyetësor nuk është i hapur",
    );
    await expect(page.locator('a[href="tel:129"]')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "This questionnaire is not open",
    );
  });
});
