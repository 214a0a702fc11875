import { randomBytes } from "node:crypto";
import fs from "node:fs";

import { signCurrentDeclaration } from "./declaration-helpers";
import { expect, test } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signInOk } from "./helpers";

const BOARD = "Demo advisory board in formation (Shkodër)";

test("A member downloads their own data, and the secretariat exports and erases a former member's data on request", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  // The member: their own data, as a file with a neutral name, from their membership page.
  const member = await (await browser.newContext()).newPage();
  await signInOk(member, DEMO.board_member);
  await signCurrentDeclaration(member.request);
  await member.goto("/en/staff/membership");
  const own = member.waitForEvent("download");
  await member.getByRole("link", { name: "Download the data held about me" }).first().click();
  const ownFile = await own;
  expect(ownFile.suggestedFilename()).toMatch(/^export-\d{4}-\d{2}-\d{2}\.json$/);
  const ownData = JSON.parse(fs.readFileSync((await ownFile.path())!, "utf8")) as {
    membership: { fullName: string };
    account: { email: string };
  };
  expect(ownData.account.email).toBe(DEMO.board_member);
  expect(ownData.membership.fullName).not.toBe("");

  // The secretariat adds someone who then leaves; they ask for their data, then its erasure.
  const suffix = randomBytes(4).toString("hex");
  const name = `Drilona Erase-${suffix}`;
  await signInOk(page, DEMO.secretariat);
  await signCurrentDeclaration(page.request);
  await page.goto("/en/staff/membership");
  await page.getByRole("link", { name: `Members of ${BOARD}` }).click();
  await page.locator("#fullName").fill(name);
  await page.locator("#email").fill(`drilona-${suffix}@test.example`);
  await page.locator("#phone").fill("+355 69 555 0101");
  await page.getByRole("button", { name: "Add and invite" }).click();
  await expect(page.getByRole("status")).toContainText("Added.");
  const row = page.getByRole("row").filter({ hasText: name });
  await row.getByRole("link", { name: `Personal data (${name})` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Personal data of a member");
  await expect(page.locator("main")).toContainText("+355 69 555 0101");
  // Not before the membership has ended.
  await expect(page.getByText("End the membership first")).toBeVisible();
  await expect(page.getByRole("button", { name: "Erase this member's data" })).toHaveCount(0);
  await page.getByRole("link", { name: `Members of ${BOARD}` }).click();
  await page
    .getByRole("row")
    .filter({ hasText: name })
    .getByRole("button", { name: /^End the membership/ })
    .click();
  await expect(page.getByRole("status")).toContainText("The membership has ended");
  await page
    .getByRole("row")
    .filter({ hasText: name })
    .getByRole("link", { name: `Personal data (${name})` })
    .click();
  const file = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download everything as a file" }).click();
  const exported = await file;
  expect(exported.suggestedFilename()).toMatch(/^export-\d{4}-\d{2}-\d{2}\.json$/);
  expect(fs.readFileSync((await exported.path())!, "utf8")).toContain(name);

  // Erasing needs the confirmation; the page keeps the person as they were until then.
  await page.getByRole("button", { name: "Erase this member's data" }).click();
  await expect(page.locator(".app-error-summary")).toContainText(
    "Confirm that the person asked for the erasure.",
  );
  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);
  await page.getByLabel("The person asked for their data to be erased").check();
  await page.getByRole("button", { name: "Erase this member's data" }).click();
  await expect(page.getByRole("status")).toContainText(
    "The member's personal data has been erased.",
  );
  await expect(page.locator("main")).not.toContainText(name);
  await expect(page.locator("main")).not.toContainText("+355 69 555 0101");
  await expectNoAxeViolations(page);

  // The members list keeps the ended membership, no longer named.
  await page.getByRole("link", { name: `Members of ${BOARD}` }).click();
  await expect(page.locator("main")).not.toContainText(name);
  await expect(page.getByRole("row").filter({ hasText: "Erased member" }).first()).toBeVisible();

  // In Albanian, the same page reads in Albanian.
  await page.goBack();
  await page.goto(page.url().replace("/en/staff/", "/staff/").replace(/\?.*$/, ""));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Të dhënat personale të një anëtari",
  );
  await member.context().close();
});
