import fs from "node:fs";

import { createOpenCampaign, sendResponse } from "./feedback-helpers";
import { expect, test, type Page } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signInOk } from "./helpers";

/**
 * The redaction queue (issue 13 §10): the redacted result is shown before it can be approved,
 * and approved texts can be checked and withdrawn (audited), which takes them out of the
 * results and the approved-texts CSV.
 */
const ORIGINAL = "Arta from Shkodër helped me find work.";
const REDACTED = "[name] from [place] helped me find work.";

async function approvedCsv(page: Page, campaignUrl: string): Promise<string> {
  await page.goto(`${campaignUrl}/results`);
  const file = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the approved texts (CSV)" }).click();
  return fs.readFileSync((await (await file).path())!, "utf8");
}

test("A coordinator sees the redacted text before approving it, and can withdraw an approved text", async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const title = `Redaction check ${Date.now()}`;
  const page = await (await browser.newContext()).newPage();
  await signInOk(page, DEMO.coordinator);
  const { campaignUrl, publicLink } = await createOpenCampaign(page, {
    title,
    sections: ["referral"],
    k: 3,
  });
  const request = await playwright.request.newContext({ baseURL });
  for (const closing of [ORIGINAL, "", ""])
    await sendResponse(request, publicLink, {
      "a:referral_consent_signed": "yes",
      ...(closing ? { "a:closing_anything_else": closing } : {}),
    });
  await request.dispose();

  await page.goto(`${campaignUrl}/free-text`);
  const item = page.locator("section.app-redaction", { hasText: "Would you like to add" });
  await expect(item.locator("textarea")).toHaveValue(ORIGINAL);
  // Nothing can be approved before its redacted wording has been shown.
  await expect(item.getByRole("button", { name: "Approve the redacted text" })).toHaveCount(0);
  await expect(page.getByText("No texts have been approved yet.")).toBeVisible();
  await item.getByLabel("Names to hide (separated by commas)").fill("Arta");
  await item.getByLabel("Places to hide").fill("Shkoder");
  await item.getByRole("button", { name: "Show the redacted text" }).click();
  await expect(item.getByTestId("redaction-preview")).toHaveText(REDACTED);
  await expect(item.getByLabel("Names to hide (separated by commas)")).toHaveValue("Arta");
  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);

  // A list changed after the preview is not approved: the new wording is shown instead.
  await item.getByLabel("Names to hide (separated by commas)").fill("");
  await item.getByRole("button", { name: "Approve the redacted text" }).click();
  await expect(page.getByText("The text or the lists changed after the preview")).toBeVisible();
  await expect(item.getByTestId("redaction-preview")).toHaveText(
    "Arta from [place] helped me find work.",
  );
  await item.getByLabel("Names to hide (separated by commas)").fill("Arta");
  await item.getByRole("button", { name: "Show the redacted text again" }).click();
  await expect(item.getByTestId("redaction-preview")).toHaveText(REDACTED);
  await item.getByRole("button", { name: "Approve the redacted text" }).click();
  await expect(page.getByText("The text has been approved")).toBeVisible();

  // The approved list shows exactly what reports show.
  const approved = page.locator("section.app-approved-texts");
  await expect(approved.getByRole("heading", { name: "Approved texts (1)" })).toBeVisible();
  await expect(approved.locator("blockquote")).toHaveText(REDACTED);
  await expect(page.locator("section.app-redaction", { hasText: "Would you like" })).toHaveCount(0);
  await expectNoAxeViolations(page);
  expect(await approvedCsv(page, campaignUrl)).toContain(REDACTED);
  await expect(page.getByText(REDACTED)).toBeVisible();

  // Withdrawn: out of the results and the CSV, back in the queue with its original wording.
  await page.goto(`${campaignUrl}/free-text`);
  await approved.getByRole("button", { name: "Withdraw from reports" }).click();
  await expect(page.getByText("The text has been withdrawn")).toBeVisible();
  await expect(approved.getByRole("heading", { name: "Approved texts (0)" })).toBeVisible();
  await expect(item.locator("textarea")).toHaveValue(ORIGINAL);
  await expectNoAxeViolations(page);
  const csv = await approvedCsv(page, campaignUrl);
  expect(csv).not.toContain(REDACTED);
  await expect(page.getByText(REDACTED)).toHaveCount(0);
  await page.context().close();

  // The withdrawal is in the audit log, named.
  const admin = await (await browser.newContext()).newPage();
  await signInOk(admin, DEMO.admin);
  await admin.goto("/en/staff/admin/audit?action=feedback_free_text_withdrawn");
  await expect(admin.getByRole("row", { name: new RegExp(title) }).first()).toContainText(
    "Approved free text withdrawn",
  );
  await admin.context().close();
});

test("The redaction preview works with JavaScript off", async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signInOk(page, DEMO.coordinator);
  const { campaignUrl, publicLink } = await createOpenCampaign(page, {
    title: `Redaction without script ${Date.now()}`,
    sections: ["referral"],
    k: 3,
  });
  const request = await playwright.request.newContext({ baseURL });
  await sendResponse(request, publicLink, { "a:closing_anything_else": ORIGINAL });
  await request.dispose();
  await page.goto(`${campaignUrl}/free-text`);
  const item = page.locator("section.app-redaction", { hasText: "Would you like to add" });
  // Too long a text comes back with a message, marked, and nothing typed is lost.
  const long = "a".repeat(4001);
  await item.locator("textarea").fill(long);
  await item.getByLabel("Names to hide (separated by commas)").fill("Arta");
  await item.getByRole("button", { name: "Show the redacted text" }).click();
  await expect(page.locator(".app-error-summary")).toContainText(
    "The text can be at most 4000 characters long.",
  );
  await expect(item.locator("textarea")).toHaveValue(long);
  await expect(item.locator("textarea")).toHaveAttribute("aria-invalid", "true");
  await expect(item.getByLabel("Names to hide (separated by commas)")).toHaveValue("Arta");
  await expect(item.getByTestId("redaction-preview")).toHaveCount(0);

  await item.locator("textarea").fill(ORIGINAL);
  await item.getByLabel("Places to hide").fill("Shkoder");
  await item.getByRole("button", { name: "Show the redacted text" }).click();
  await expect(item.getByTestId("redaction-preview")).toHaveText(REDACTED);
  await expect(item.getByLabel("Places to hide")).toHaveValue("Shkoder");
  await expectNoAxeViolations(page, { javaScript: false });
  await item.getByRole("button", { name: "Approve the redacted text" }).click();
  await expect(page.getByText("The text has been approved")).toBeVisible();
  await expect(page.locator("section.app-approved-texts blockquote")).toHaveText(REDACTED);
  await page.context().close();
});
