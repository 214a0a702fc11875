import {
  DEMO_CODE_CAMPAIGN,
  DEMO_CODE_CAMPAIGN_SQ,
  DEMO_OPEN_CAMPAIGN,
  DEMO_OPEN_CAMPAIGN_SQ,
  survivorPage,
} from "./feedback-helpers";
import { expect, test } from "./fixtures";
import {
  DEMO,
  expectAllTextTranslated,
  expectNoAxeViolations,
  LONE_COORDINATOR,
  OTHER_COORDINATOR,
  pdfTextPages,
  signInOk,
} from "./helpers";

test("A coordinator sees only their own organisation's campaigns; one of no organisation is told why", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const other = await (await browser.newContext()).newPage();
  await signInOk(other, OTHER_COORDINATOR);
  await other.goto("/en/staff/feedback");
  await expect(other.getByRole("heading", { level: 1 })).toHaveText("Feedback campaigns");
  await expect(other.getByRole("link", { name: DEMO_OPEN_CAMPAIGN })).toHaveCount(0);
  await expect(other.getByText("There are no campaigns yet.")).toBeVisible();
  await expectNoAxeViolations(other);
  await other.context().close();

  const lone = await (await browser.newContext()).newPage();
  await signInOk(lone, LONE_COORDINATOR);
  await lone.goto("/en/staff/feedback/new");
  await expect(lone.getByText("You are not a member of any organisation")).toBeVisible();
  await expect(lone.getByRole("button", { name: "Continue" })).toHaveCount(0);
  await expectNoAxeViolations(lone);
  await lone.context().close();

  const member = await (await browser.newContext()).newPage();
  await signInOk(member, DEMO.coordinator);
  await member.goto("/en/staff/feedback");
  await expect(member.getByRole("link", { name: DEMO_OPEN_CAMPAIGN })).toBeVisible();
  await expect(member.getByText("Demo NGO Tirana").first()).toBeVisible();
  await member.context().close();
});

// JavaScript is turned off per context (not with test.use), so that axe's probe page can run.
test.describe("A survivor without JavaScript", () => {
  test("reads the campaign's title and collecting organisation in the page's language", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const page = await survivorPage(browser);
    await page.goto("/");
    await expect(page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN_SQ })).toBeVisible();
    await expect(page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN })).toHaveCount(0);
    await page.getByRole("link", { name: DEMO_CODE_CAMPAIGN_SQ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(DEMO_CODE_CAMPAIGN_SQ);
    await expect(page.getByText("Qendra e Pavarur e Monitorimit (demo)").first()).toBeVisible();
    await expectNoAxeViolations(page, { javaScript: false });

    await page.goto("/en");
    await page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(DEMO_OPEN_CAMPAIGN);
    await expect(page.getByText("Demo Independent Monitoring Centre").first()).toBeVisible();
    await expectNoAxeViolations(page, { javaScript: false });
    await page.context().close();
  });
});

test.describe("The campaign form without JavaScript", () => {
  test("asks for the questionnaire first, then only its sections and the wording in each language", async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const page = await survivorPage(browser);
    await signInOk(page, DEMO.coordinator);
    await page.goto("/en/staff/feedback/new");
    await expect(page.getByText("Step 1 of 2")).toBeVisible();
    await expect(page.locator('input[name="sections"]')).toHaveCount(0);
    await page.getByRole("radio", { name: /reintegration services/ }).check();
    await page.getByRole("checkbox", { name: "English" }).uncheck();
    await expectNoAxeViolations(page, { javaScript: false });
    await page.getByRole("button", { name: "Continue" }).click();

    // Step 2: the reintegration questionnaire's sections only, the wording in Albanian only.
    await expect(page.getByText("Step 2 of 2")).toBeVisible();
    expect(await page.locator('input[name="sections"]').count()).toBeGreaterThan(0);
    await expect(
      page.getByRole("checkbox", { name: "First contact with a helping organisation" }),
    ).toHaveCount(0);
    await expect(
      page.getByRole("group", { name: /Sections to include \(.*reintegration/i }),
    ).toBeVisible();
    await expect(page.locator("#title_sq")).toBeVisible();
    await expect(page.locator("#title_en")).toHaveCount(0);
    for (const heading of [
      "Questionnaire",
      "Who runs it and why",
      "What respondents read",
      "Dates",
      "Access and privacy",
    ])
      await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();

    // The kept date: week by default, month offered, and why.
    await expect(page.getByRole("radio", { name: "The ISO week (recommended)" })).toBeChecked();
    await expect(
      page.getByText("in a small programme, knowing the day someone answered can be enough"),
    ).toBeVisible();
    await expectNoAxeViolations(page, { javaScript: false });

    // Missing Albanian wording is refused; what was typed stays, and so does step 1.
    await page.getByRole("radio", { name: "The month (hardest to tell apart)" }).check();
    await page.locator("#collectingOrganisation_sq").fill("Qendra e Pavarur");
    await page.getByRole("button", { name: "Create campaign" }).click();
    await expect(page.locator(".app-error-summary")).toContainText("Enter the title in Albanian");
    await expect(page.locator("#collectingOrganisation_sq")).toHaveValue("Qendra e Pavarur");
    await expect(
      page.getByRole("radio", { name: "The month (hardest to tell apart)" }),
    ).toBeChecked();
    await expect(page.locator("#title_en")).toHaveCount(0);
    await expectNoAxeViolations(page, { javaScript: false });

    await page.locator("#title_sq").fill("Riintegrimi, mendimi juaj, dimër");
    await page.getByRole("button", { name: "Create campaign" }).click();
    await expect(page.getByText("The campaign has been created.")).toBeVisible();
    await expect(
      page.getByRole("heading", { level: 2, name: "Share the questionnaire" }),
    ).toBeVisible();
    const link = (await page.locator(".app-public-link .app-code").innerText()).trim();
    expect(link).toMatch(/^http:\/\/localhost:\d+\/f\/[a-z2-9]{10}$/);
    expect(link).not.toMatch(/\/f\/.*[01ilo5s]/);
    // Without JavaScript the link is there to select; there is no Copy button.
    await expect(page.getByRole("button", { name: "Copy the link" })).toHaveCount(0);
    await expect(
      page
        .locator("dt", { hasText: "How the sending date is kept" })
        .locator("xpath=following-sibling::dd[1]"),
    ).toHaveText("The month (hardest to tell apart)");
    await expectNoAxeViolations(page, { javaScript: false });
    await page.context().close();
  });
});

test("After creating a campaign, the coordinator can copy its public link", async ({ browser }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await signInOk(page, DEMO.coordinator);
  await page.goto("/en/staff/feedback/new");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#title_sq").fill("Strehimi, pranverë");
  await page.locator("#title_en").fill("Shelter, spring");
  await page.locator("#collectingOrganisation_sq").fill("Qendra");
  await page.locator("#collectingOrganisation_en").fill("Centre");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect(page.getByText("The campaign has been created.")).toBeVisible();
  await page.getByRole("button", { name: "Copy the link" }).click();
  await expect(page.getByText("The link has been copied.")).toBeVisible();
  const link = (await page.locator(".app-public-link .app-code").innerText()).trim();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);
  await context.close();
});

test("The code sheet prints cards in the campaign's language, with a QR code, and keeps the codes", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext()).newPage();
  await signInOk(page, DEMO.coordinator);
  await page.goto("/en/staff/feedback");
  await page.getByRole("link", { name: DEMO_CODE_CAMPAIGN }).click();
  await page.locator("#count").fill("2");
  await page.getByRole("button", { name: "Make codes" }).click();
  await expect(page.getByRole("heading", { name: "Code sheet" })).toBeVisible();
  const codes = await page.locator(".app-code-card__code").allInnerTexts();
  expect(codes).toHaveLength(2);

  // The interface is in English; the cards are in the campaign's first language, Albanian.
  const card = page.locator(".app-code-card").first();
  await expect(card.getByText(DEMO_CODE_CAMPAIGN_SQ)).toBeVisible();
  await expect(card.getByText(DEMO_CODE_CAMPAIGN, { exact: true })).toBeHidden();
  await expect(card.getByText("Hapni këtë adresë:")).toBeVisible();
  // The language-neutral link, with a QR code of it beside it.
  const link = await card.locator(".app-code-card__link").innerText();
  expect(link).toMatch(/^http:\/\/localhost:\d+\/f\/[a-z0-9]+$/);
  expect(link).not.toContain("/en/");
  const qr = card.getByRole("img", { name: "QR code of the address" });
  await expect(qr).toBeVisible();
  expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
  await expect(page.getByRole("button", { name: "Print the cards" })).toBeVisible();
  await expectNoAxeViolations(page);

  // Both languages, then English: the same codes stay on the page.
  await page.getByRole("radio", { name: "Both languages" }).check();
  await expect(card.getByText(DEMO_CODE_CAMPAIGN_SQ)).toBeVisible();
  await expect(card.getByText(DEMO_CODE_CAMPAIGN, { exact: true })).toBeVisible();
  await page.getByRole("radio", { name: "English" }).check();
  await expect(card.getByText(DEMO_CODE_CAMPAIGN_SQ)).toBeHidden();
  await expect(card.getByText("Open this address:")).toBeVisible();
  expect(await page.locator(".app-code-card__code").allInnerTexts()).toEqual(codes);
  await expectNoAxeViolations(page);
  // Printed three to a row, the address wraps between its parts, never inside one (it broke
  // inside the host and the slug before): each part is whole on a line of the printed text.
  const printedLines = pdfTextPages(await page.pdf({ format: "A4" }))
    .join("\n")
    .split("\n");
  const { host, pathname } = new URL(link);
  for (const part of [host, pathname.split("/").pop() ?? ""])
    expect(
      printedLines.some((line) => line.includes(part)),
      `"${part}" whole on one printed line`,
    ).toBe(true);

  // Leaving by another link (the interface's language switch) asks first; staying keeps them.
  let asked = false;
  page.once("dialog", (dialog) => {
    asked = dialog.type() === "beforeunload";
    void dialog.dismiss();
  });
  await page.getByRole("link", { name: "Shqip" }).first().click({ noWaitAfter: true });
  await expect.poll(() => asked).toBe(true);
  expect(await page.locator(".app-code-card__code").allInnerTexts()).toEqual(codes);
  await page.context().close();
});
