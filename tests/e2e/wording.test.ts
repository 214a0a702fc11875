import {
  DEMO_CODE_CAMPAIGN,
  DEMO_OPEN_CAMPAIGN,
  demoTitle,
  survivorPage,
} from "./feedback-helpers";
import { expect, test } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signInOk } from "./helpers";

// Issue 12 §4: a message with a number agrees with it; issue 13 §4: Albanian that reads right.

test("A coordinator who makes one access code reads about one code, in English and in Albanian", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  for (const lang of ["en", "sq"] as const) {
    const page = await (await browser.newContext()).newPage();
    await signInOk(page, DEMO.coordinator, undefined, lang);
    await page.goto(lang === "en" ? "/en/staff/feedback" : "/staff/feedback");
    await page.getByRole("link", { name: demoTitle(DEMO_CODE_CAMPAIGN, lang) }).click();

    // The campaign page counts the codes made so far with the right form of the noun.
    const counts = page.locator("p", { hasText: lang === "en" ? " made, " : "krijuara" });
    const made = Number((await counts.innerText()).match(/\d+/)?.[0]);
    const line = (n: number) =>
      lang === "en"
        ? new RegExp(`^${n} ${n === 1 ? "code" : "codes"} made, \\d+ used\\.$`)
        : new RegExp(`^Kode të krijuara: ${n}; prej tyre të përdorura: \\d+\\.$`);
    await expect(counts).toHaveText(line(made));

    await page.locator("#count").fill("1");
    await page.getByRole("button", { name: lang === "en" ? "Make codes" : "Krijo kodet" }).click();
    await expect(page.locator(".app-code-card__code")).toHaveCount(1);
    await expect(
      page.getByText(
        lang === "en"
          ? "This code is shown only now. Print it before you leave this page."
          : "Ky kod shfaqet vetëm tani. Printojeni para se të largoheni nga kjo faqe.",
      ),
    ).toBeVisible();
    await expect(page.locator("main")).not.toContainText(lang === "en" ? "1 codes" : "1 kode");
    await expectAllTextTranslated(page);
    await expectNoAxeViolations(page);

    // Back on the campaign page, one more code is counted, still in agreement.
    await page.goBack();
    await page.reload();
    await expect(page.locator("p", { hasText: lang === "en" ? " made, " : "krijuara" })).toHaveText(
      line(made + 1),
    );
    await page.context().close();
  }
});

test("A survivor reads who is asking and why in their own language, the purpose as a phrase of its own", async ({
  browser,
}) => {
  const page = await survivorPage(browser);
  for (const [home, lang, why, purpose] of [
    ["/", "sq", "Pse", "Vlerësimi i shërbimeve"],
    ["/en", "en", "Why", "Evaluating services"],
  ] as const) {
    await page.goto(home);
    await page.getByRole("link", { name: demoTitle(DEMO_OPEN_CAMPAIGN, lang) }).click();
    const term = page.locator("main dt", { hasText: new RegExp(`^${why}$`) });
    await expect(term).toHaveCount(1);
    await expect(term.locator("xpath=following-sibling::dd[1]")).toHaveText(purpose);
    await expectAllTextTranslated(page);
  }
  await expectNoAxeViolations(page, { javaScript: false });
});
