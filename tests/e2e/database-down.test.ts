import { continueToSend, DEMO_OPEN_CAMPAIGN, survivorPage } from "./feedback-helpers";
import { expect, test, type Page, type Response } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signInOk } from "./helpers";
import { hydrated } from "./hydration";

// The databases stop while the portal runs (node tests/run-e2e.mjs --postgres, which stops and
// starts the throwaway cluster on request): every page answers a calm 503 "try again later"
// page, nothing is half-stored, and the portal works again as soon as the databases return,
// with no restart.
const control = process.env.E2E_PG_CONTROL;

async function databases(action: "pause" | "resume") {
  const answer = await fetch(`${control}/${action}`, { method: "POST" });
  expect(answer.status, await answer.text()).toBe(204);
}

/** What a survivor or staff member sees when the databases are down. */
async function expectTryAgainLater(page: Page, response: Response | null, lang: "sq" | "en") {
  expect(response?.status()).toBe(503);
  expect(await response?.headerValue("set-cookie")).toBeNull();
  expect(await response?.headerValue("retry-after")).toBe("60");
  // The quick exit's script carries the nonce this answer's policy names, so it may run.
  const policy = (await response?.headerValue("content-security-policy")) ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? "missing";
  expect(await response?.text()).toContain(`nonce="${nonce}"`);
  const heading = lang === "sq" ? "Ju lutemi provoni përsëri më vonë" : "Please try again later";
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await expect(page).toHaveTitle(new RegExp(`^${heading} – `));
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  // The survivor-safe frame: quick exit and the helplines, and no framework JavaScript.
  await expect(page.locator(".js-exit-this-page")).toBeVisible();
  await expect(page.locator('a[href="tel:116006"]')).toBeVisible();
  await expect(page.locator("script[src]")).toHaveCount(0);
  await expectAllTextTranslated(page);
}

test.describe("The databases stop while the portal runs", () => {
  test.skip(!control, "runs only with node tests/run-e2e.mjs --postgres");
  test.afterEach(async () => {
    if (control) await databases("resume");
  });

  test("survivor pages answer a calm try-again-later page in Albanian and English, then recover", async ({
    browser,
  }) => {
    const page = await survivorPage(browser);
    expect((await page.goto("/"))?.status()).toBe(200);
    await databases("pause");

    await expectTryAgainLater(page, await page.goto("/"), "sq");
    await expectNoAxeViolations(page, { javaScript: false });
    await expectTryAgainLater(page, await page.goto("/en"), "en");
    // The language switch keeps the page.
    await expect(page.getByRole("link", { name: "Shqip" })).toHaveAttribute("href", "/");

    await databases("resume");
    expect((await page.goto("/en"))?.status()).toBe(200);
    await expect(page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN })).toBeVisible();
    await page.context().close();
  });

  test("staff pages answer 503 too and work again with the same session once the databases return", async ({
    page,
  }) => {
    await signInOk(page, DEMO.coordinator);
    await hydrated(page);
    await databases("pause");
    // A link followed with JavaScript asks for the page's data in the background; the browser
    // is then sent to load the page itself, and gets the same calm page (not an error).
    const [document] = await Promise.all([
      page.waitForResponse((r) => r.request().resourceType() === "document"),
      page.getByRole("navigation").getByRole("link", { name: "Feedback", exact: true }).click(),
    ]);
    await expect(page).toHaveURL(/\/en\/staff\/feedback$/);
    await expectTryAgainLater(page, document, "en");
    await expectTryAgainLater(page, await page.goto("/en/staff/feedback"), "en");
    await databases("resume");
    expect((await page.goto("/en/staff/feedback"))?.status()).toBe(200);
    await expect(page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN })).toBeVisible();
  });

  test("answers sent while the databases are down get the try-again page, and answers sent once they return are stored", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const page = await survivorPage(browser);
    const send = await walkToSend(page);
    await databases("pause");
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      send.click(),
    ]);
    await expectTryAgainLater(page, answer, "en");
    await expect(
      page.getByText("If you were sending answers, they have not been kept."),
    ).toBeVisible();

    await databases("resume");
    await (await walkToSend(page)).click();
    await expect(page).toHaveURL(/\/thanks$/);
    await page.context().close();
  });
});

/** Opens the demo open-link campaign in English and goes to its Send button. */
async function walkToSend(page: Page) {
  await page.goto("/en");
  await page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN }).click();
  await page.getByRole("button", { name: "Start" }).click();
  return continueToSend(page);
}
