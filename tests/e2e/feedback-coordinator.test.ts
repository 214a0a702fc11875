import { survivorPage } from "./feedback-helpers";
import { expect, test } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signInOk } from "./helpers";

test("A coordinator creates a code campaign, prints codes, sees nothing below k and results at k", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const coordinator = await (await browser.newContext()).newPage();
  await signInOk(coordinator, DEMO.coordinator);
  await coordinator
    .getByRole("navigation")
    .getByRole("link", { name: "Feedback", exact: true })
    .click();
  await coordinator.getByRole("link", { name: "Create a campaign" }).click();
  await expectNoAxeViolations(coordinator);
  await coordinator.getByRole("button", { name: "Continue" }).click();
  await expectNoAxeViolations(coordinator);

  // A threshold below 3 is refused; what was typed stays.
  await coordinator.locator("#title_sq").fill("Reagime për strehimin, vjeshtë");
  await coordinator.locator("#title_en").fill("Shelter feedback, autumn");
  await coordinator.locator("#collectingOrganisation_sq").fill("Qendra e Pavarur Tiranë");
  await coordinator.locator("#collectingOrganisation_en").fill("Independent Centre Tirana");
  await coordinator.getByRole("radio", { name: "Single-use codes" }).check();
  await coordinator.locator("#minGroupSize").fill("2");
  await coordinator.getByRole("button", { name: "Create campaign" }).click();
  await expect(coordinator.locator(".app-error-summary")).toContainText(
    "The threshold cannot be lower than 3",
  );
  await expect(coordinator.locator("#title_en")).toHaveValue("Shelter feedback, autumn");
  await expect(coordinator.getByRole("radio", { name: "Single-use codes" })).toBeChecked();

  // Only two sections, k = 3, and the collector is the provider: a warning follows.
  for (const box of await coordinator.locator('input[name="sections"]').all()) {
    const value = await box.getAttribute("value");
    if (value !== "first_contact" && value !== "compensation") await box.uncheck();
  }
  await coordinator.getByRole("radio", { name: "Yes" }).check();
  await coordinator.locator("#minGroupSize").fill("3");
  await coordinator.getByRole("button", { name: "Create campaign" }).click();
  await expect(coordinator.getByText("The campaign has been created.")).toBeVisible();
  await expect(
    coordinator.getByText(
      /Warning: the organisation collecting feedback is the one that gave the support/,
    ),
  ).toBeVisible();
  await expectNoAxeViolations(coordinator);
  const campaignUrl = coordinator.url().replace(/\?.*$/, "");
  const publicLink = (await coordinator.locator(".app-code").first().innerText()).trim();

  await coordinator.locator("#count").fill("4");
  await coordinator.getByRole("button", { name: "Make codes" }).click();
  await expect(coordinator.getByText("These 4 codes are shown only now")).toBeVisible();
  const codes = await coordinator.locator(".app-code-card__code").allInnerTexts();
  expect(codes).toHaveLength(4);
  await expect(coordinator.locator(".app-code-card__link").first()).toHaveText(publicLink);
  await expectNoAxeViolations(coordinator);

  const answer = async (code: string, comment: string) => {
    const page = await survivorPage(browser);
    await page.goto(publicLink.replace(/\/f\//, "/en/f/"));
    await page.getByLabel("Your code").fill(code);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Start" }).click();
    await expect(page.getByText("Section 1 of 2")).toBeVisible();
    await page
      .getByRole("radiogroup", { name: "Were your rights explained to you?" })
      .getByRole("radio", { name: "Yes" })
      .check();
    await page.locator("textarea").nth(1).fill(comment);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText("Section 2 of 2")).toBeVisible();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thank you");
    await page.context().close();
  };

  await answer(codes[0]!, "Arta from Shkodër explained everything on 12.03.2024.");
  await answer(codes[1]!, "Yes, clearly.");
  await coordinator.goto(`${campaignUrl}/results`);
  await expect(
    coordinator.getByText("Not enough responses yet. Results appear once there are at least 3"),
  ).toBeVisible();
  await expectNoAxeViolations(coordinator);

  await answer(codes[2]!, "They were kind.");
  await coordinator.reload();
  await expect(coordinator.getByText("These results include 3 responses.")).toBeVisible();
  const rights = coordinator.locator("section.app-result", {
    hasText: "Were your rights explained to you?",
  });
  await expect(rights.locator("svg text", { hasText: "3 (100%)" })).toBeVisible();
  await expect(rights.locator("svg text", { hasText: "fewer than 3" }).first()).toBeVisible();
  await expect(coordinator.getByText("The split by language is hidden")).toBeVisible();
  await expectNoAxeViolations(coordinator);
  await expectAllTextTranslated(coordinator);

  // Free text waits for redaction; only the approved, redacted wording reaches the report.
  await coordinator.goto(`${campaignUrl}/free-text`);
  const item = coordinator.locator("section.app-redaction", { hasText: "Arta from Shkodër" });
  await expect(item.locator("textarea")).toHaveValue(/Arta from Shkodër/);
  await item.getByLabel("Names to hide (separated by commas)").fill("Arta");
  await item.getByLabel("Places to hide").fill("Shkoder");
  await item.getByLabel("Dates to hide").fill("12.03.2024");
  await item.getByRole("button", { name: "Show the redacted text" }).click();
  await expect(item.getByTestId("redaction-preview")).toHaveText(
    "[name] from [place] explained everything on [date].",
  );
  await item.getByRole("button", { name: "Approve the redacted text" }).click();
  await expect(coordinator.getByText("The text has been approved")).toBeVisible();
  await expectNoAxeViolations(coordinator);
  await coordinator.goto(`${campaignUrl}/results`);
  await expect(
    coordinator.getByText("[name] from [place] explained everything on [date]."),
  ).toBeVisible();
  await expect(coordinator.getByText("They were kind.")).toHaveCount(0);

  const download = coordinator.waitForEvent("download");
  await coordinator.getByRole("link", { name: "Download the counts (CSV)" }).click();
  const csv = await (await download).path();
  const { readFileSync } = await import("node:fs");
  const text = readFileSync(csv, "utf8");
  expect(text).toContain("Were your rights explained to you?,Yes,3,100");
  expect(text).toContain("fewer than 3");

  // A fourth person answers: the results wait for k new responses before they change, so
  // comparing this view with the last one cannot show that person's answers.
  await answer(codes[3]!, "Fine.");
  await coordinator.goto(`${campaignUrl}/results`);
  await expect(
    coordinator.getByText("These results include 3 of the 4 responses received."),
  ).toBeVisible();
  await expect(rights.locator("svg text", { hasText: "3 (100%)" })).toBeVisible();
  await coordinator.goto(campaignUrl);
  await expect(
    coordinator.locator("dt", { hasText: /^Responses$/ }).locator("xpath=following-sibling::dd[1]"),
  ).toHaveText("4");

  // Every look at the results, the free text and the downloads is in the audit log.
  const admin = await (await browser.newContext()).newPage();
  await signInOk(admin, DEMO.admin);
  for (const [action, label] of [
    ["feedback_results_viewed", "Results opened"],
    ["feedback_free_text_viewed", "Free text opened"],
    ["feedback_exported", "Results downloaded"],
  ]) {
    await admin.goto(`/en/staff/admin/audit?action=${action}`);
    await expect(
      admin.getByRole("row", { name: /Reagime për strehimin, vjeshtë/ }).first(),
    ).toContainText(label!);
  }
  await admin.context().close();
});

test("A coordinator corrects a campaign's wording and closes it early; it then takes no answers", async ({
  browser,
}) => {
  const coordinator = await (await browser.newContext()).newPage();
  await signInOk(coordinator, DEMO.coordinator);
  await coordinator.goto("/en/staff/feedback/new");
  await coordinator.getByRole("button", { name: "Continue" }).click();
  await coordinator.locator("#title_sq").fill("Reagime për linjën, dimër");
  await coordinator.locator("#title_en").fill("Hotline feedback, winter");
  await coordinator.locator("#collectingOrganisation_sq").fill("Qendra e Pavarur");
  await coordinator.locator("#collectingOrganisation_en").fill("Independent Centre");
  await coordinator.getByRole("button", { name: "Create campaign" }).click();
  await expect(coordinator.getByText("The campaign has been created.")).toBeVisible();
  const campaignUrl = coordinator.url().replace(/\?.*$/, "");
  const publicLink = (await coordinator.locator(".app-code").first().innerText()).trim();

  await coordinator
    .getByRole("link", { name: "Change the organisation, the wording or the dates" })
    .click();
  await expect(coordinator.locator("#title_en")).toHaveValue("Hotline feedback, winter");
  await expectNoAxeViolations(coordinator);
  await expectAllTextTranslated(coordinator);
  // A mistake is refused with a message, and what was typed stays.
  await coordinator.locator("#title_en").fill("Helpline feedback, winter");
  await coordinator.locator("#title_sq").fill("Reagime për linjën e ndihmës, dimër");
  await coordinator.locator("#closesOn").fill("2000-01-01");
  await coordinator.getByRole("button", { name: "Save changes" }).click();
  await expect(coordinator.locator(".app-error-summary")).toBeVisible();
  await expect(coordinator.locator("#title_en")).toHaveValue("Helpline feedback, winter");
  await coordinator.locator("#closesOn").fill("2099-12-31");
  await coordinator.getByRole("button", { name: "Save changes" }).click();
  await expect(coordinator.getByText("The campaign has been changed.")).toBeVisible();
  await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText(
    "Helpline feedback, winter",
  );

  const survivor = await survivorPage(browser);
  await survivor.goto(publicLink);
  await expect(survivor.getByRole("heading", { level: 1 })).toHaveText(
    "Reagime për linjën e ndihmës, dimër",
  );

  await coordinator.goto(`${campaignUrl}/edit`);
  await coordinator.getByRole("button", { name: "Close the campaign now" }).click();
  await expect(coordinator.getByText("The campaign is closed.")).toBeVisible();
  await expect(coordinator.getByText("Closed", { exact: true })).toBeVisible();
  await survivor.goto(publicLink.replace(/\/f\//, "/en/f/"));
  await expect(survivor.getByRole("heading", { level: 1 })).toHaveText(
    "This questionnaire is not open",
  );
  await survivor.context().close();
  await coordinator.context().close();
});
