import {
  DEMO_CODE_CAMPAIGN,
  DEMO_CODE_CAMPAIGN_SQ,
  makeCodes,
  survivorPage,
} from "./feedback-helpers";
import { expect, test } from "./fixtures";
import { expectNoAxeViolations } from "./helpers";

test.describe("Addresses and codes typed the way people type them", () => {
  test("an address with /sq opens the same Albanian page, query kept", async ({ browser }) => {
    const page = await survivorPage(browser);
    const response = await page.goto("/sq/safety?from=card");
    expect(response?.request().redirectedFrom()?.url()).toMatch(/\/sq\/safety\?from=card$/);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/safety?from=card");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Si të qëndroni të sigurt në internet",
    );
    await page.goto("/sq");
    expect(new URL(page.url()).pathname).toBe("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "sq");
    await page.context().close();
  });

  test("the redirect is permanent, keeps a posted form (308) and never leaves the site", async ({
    request,
  }) => {
    const get = await request.get("/sq/f/abc?x=1", { maxRedirects: 0 });
    expect(get.status()).toBe(301);
    expect(get.headers()["location"]).toBe("/f/abc?x=1");
    expect(get.headers()["content-security-policy"]).toContain("default-src 'none'");
    const post = await request.post("/sq/f/abc", { form: { a: "1" }, maxRedirects: 0 });
    expect(post.status()).toBe(308);
    expect(post.headers()["location"]).toBe("/f/abc");
    const sneaky = await request.get("/sq//evil.example/", { maxRedirects: 0 });
    expect(sneaky.headers()["location"]).toBe("/evil.example/");
  });

  test("a code typed with an en dash, full-width digits and spaces around is accepted", async ({
    browser,
  }) => {
    const [code] = await makeCodes(browser, DEMO_CODE_CAMPAIGN, 1);
    const page = await survivorPage(browser);
    await page.goto("/");
    await page.getByRole("link", { name: DEMO_CODE_CAMPAIGN_SQ }).click();
    const wide = (c: string) =>
      /[0-9]/.test(c) ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c;
    const typed = ` ${[...code!.replace("-", "\u2013").toLowerCase()].map(wide).join("")}\u00a0`;
    await page.getByLabel("Kodi juaj").fill(typed);
    await page.getByRole("button", { name: "Vazhdo" }).click();
    await expect(page.getByRole("button", { name: "Fillo" })).toBeVisible();
    // Carried on as printed on the card.
    await expect(page.locator('input[name="code"]')).toHaveValue(code!);
    await expectNoAxeViolations(page, { javaScript: false });
    await page.context().close();
  });
});
