import { expect, test, type Page } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signInOk } from "./helpers";

async function scoreAll(
  page: Page,
  choice: "Asnjëherë" | "Herë pas here" | "Gjithmonë",
  skip: number[] = [],
) {
  const items = page.locator(".app-score-item");
  const count = await items.count();
  for (let index = 0; index < count; index += 1) {
    if (skip.includes(index)) continue;
    await items
      .nth(index)
      .getByRole("radio", { name: new RegExp(`^${choice}`) })
      .check();
  }
}

test("A coordinator scores a programme in Albanian, saves a draft, completes it and follows its history", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext()).newPage();
  await signInOk(page, DEMO.coordinator, undefined, "sq");
  await page
    .getByRole("navigation")
    .getByRole("link", { name: "Vetëvlerësimi", exact: true })
    .click();
  await page.getByRole("link", { name: "Demo NGO Tirana" }).click();
  await expectNoAxeViolations(page);

  await page.locator("#name").fill("Linja e këshillimit");
  await page.getByRole("button", { name: "Shto programin" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Linja e këshillimit");
  await page.locator("#participants").fill("Drejtuesja, dy punonjëse sociale");
  await page.getByRole("button", { name: "Fillo vlerësimin" }).click();

  // Three sections with their maxima, 15 items.
  await expect(page.getByRole("heading", { name: /\(maksimumi 8\)/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /\(maksimumi 10\)/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /\(maksimumi 12\)/ })).toBeVisible();
  await expect(page.locator(".app-score-item")).toHaveCount(15);
  await expectNoAxeViolations(page);

  // Score some, save as a draft, leave, come back: the scores are there.
  await scoreAll(page, "Gjithmonë", [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  await page
    .locator(".app-score-item")
    .first()
    .locator("textarea")
    .fill("Dy të mbijetuara punojnë si këshilltare.");
  await page.getByRole("button", { name: "Ruaj si draft" }).click();
  await expect(page.getByText("Drafti u ruajt.")).toBeVisible();
  const draftUrl = page.url().replace(/\?.*$/, "");
  await page.goto("/staff");
  await page.goto(draftUrl);
  await expect(
    page
      .locator(".app-score-item")
      .first()
      .getByRole("radio", { name: /^Gjithmonë/ }),
  ).toBeChecked();
  await expect(page.locator(".app-score-item").first().locator("textarea")).toHaveValue(
    "Dy të mbijetuara punojnë si këshilltare.",
  );

  // Completing with unscored items is refused, listing them with links.
  await page.getByRole("button", { name: "Përfundo vlerësimin" }).click();
  await expect(page.locator(".app-error-summary")).toContainText("Ende pa pikë: 11");
  await page.locator(".app-error-summary a").first().click();
  await expect(page).toHaveURL(/#score-sex_and_labour_trafficking$/);

  await scoreAll(page, "Herë pas here", [0, 1, 2, 3]);
  await page.getByRole("button", { name: "Përfundo vlerësimin" }).click();
  await expect(page.getByText("Totali: 19 nga 30 (63.3%)")).toBeVisible();
  await expect(
    page.getByRole("row", { name: /Kontribut kuptimplotë|8 nga 8/ }).first(),
  ).toContainText("8 nga 8");
  await expect(page.getByRole("cell", { name: "5 nga 10" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "6 nga 12" })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "Pikat e forta (75% ose më shumë)" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);

  // A second assessment: the history shows the change.
  await page.getByRole("link", { name: "Linja e këshillimit" }).click();
  await page.locator("#participants").fill("I njëjti ekip");
  await page.getByRole("button", { name: "Fillo vlerësimin" }).click();
  await expect(page.locator(".app-score-item")).toHaveCount(15);
  await scoreAll(page, "Gjithmonë");
  await page.getByRole("button", { name: "Përfundo vlerësimin" }).click();
  await expect(page.getByText("Totali: 30 nga 30 (100%)")).toBeVisible();
  await page.getByRole("link", { name: "Linja e këshillimit" }).click();
  await expect(page.getByRole("table").first()).toContainText("30 nga 30 (+11)");
  await expectNoAxeViolations(page);
});

test("Two people saving the same draft: the second is told and sees both values", async ({
  browser,
}) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await signInOk(first, DEMO.coordinator);
  await signInOk(second, DEMO.admin);
  await first.goto("/en/staff/organisations");
  await first.getByRole("link", { name: "Demo NGO Tirana" }).click();
  await first.getByRole("link", { name: "Shelter and reintegration programme (demo)" }).click();
  await first.locator("#participants").fill("Two coordinators");
  await first.getByRole("button", { name: "Start the assessment" }).click();
  await expect(first).toHaveURL(/\/staff\/assessments\//);
  const url = first.url();
  await second.goto(url);

  await first
    .locator(".app-score-item")
    .first()
    .getByRole("radio", { name: /^Always/ })
    .check();
  await first.getByRole("button", { name: "Save as draft" }).click();
  await expect(first.getByText("The draft has been saved.")).toBeVisible();

  await second
    .locator(".app-score-item")
    .first()
    .getByRole("radio", { name: /^Never/ })
    .check();
  await second.getByRole("button", { name: "Save as draft" }).click();
  await expect(
    second.getByText("Someone else saved this draft while you were working"),
  ).toBeVisible();
  await expect(second.locator(".app-score-item").first()).toContainText(
    "Saved by someone else: Always",
  );
  await expect(
    second
      .locator(".app-score-item")
      .first()
      .getByRole("radio", { name: /^Never/ }),
  ).toBeChecked();
  // Saving again, now knowing, keeps the second person's choice.
  await second.getByRole("button", { name: "Save as draft" }).click();
  await expect(second.getByText("The draft has been saved.")).toBeVisible();
  await expect(
    second
      .locator(".app-score-item")
      .first()
      .getByRole("radio", { name: /^Never/ }),
  ).toBeChecked();
});

test("A coordinator cannot open another organisation's programme (403)", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signInOk(admin, DEMO.admin);
  await admin.goto("/en/staff/organisations");
  await admin.locator("#name").fill("Other Organisation");
  await admin.getByRole("button", { name: "Add organisation" }).click();
  // Wait for each redirect: both pages have a #name field, and the URL is read next.
  await expect(admin).toHaveURL(/\/en\/staff\/organisations\/[0-9a-f-]{36}$/);
  // The address changes before the new page is drawn: wait for its own form, or the name goes
  // into the old page's field (a full run once sent an empty programme name).
  await expect(admin.getByRole("button", { name: "Add programme" })).toBeVisible();
  await admin.locator("#name").fill("Their programme");
  await admin.getByRole("button", { name: "Add programme" }).click();
  await expect(admin).toHaveURL(/\/en\/staff\/programmes\/[0-9a-f-]{36}$/);
  const programmeUrl = admin.url();

  const coordinator = await (await browser.newContext()).newPage();
  await signInOk(coordinator, DEMO.coordinator);
  const response = await coordinator.goto(programmeUrl);
  expect(response?.status()).toBe(403);
  await coordinator.goto("/en/staff/organisations");
  await expect(coordinator.getByRole("link", { name: "Other Organisation" })).toHaveCount(0);
});

test("Two assessors score on their own, see where they disagree, and the team records the agreed score", async ({
  browser,
}) => {
  const coordinator = await (await browser.newContext()).newPage();
  const admin = await (await browser.newContext()).newPage();
  await signInOk(coordinator, DEMO.coordinator);
  await signInOk(admin, DEMO.admin);
  await coordinator.goto("/en/staff/organisations");
  await coordinator.getByRole("link", { name: "Demo NGO Tirana" }).click();
  await coordinator
    .getByRole("link", { name: "Shelter and reintegration programme (demo)" })
    .click();
  await coordinator.locator("#participants").fill("Coordinator and administrator, scoring apart");
  await coordinator.getByRole("button", { name: "Start the assessment" }).click();
  await expect(coordinator).toHaveURL(/\/staff\/assessments\//);
  const assessmentUrl = coordinator.url();

  const scoreMine = async (page: Page, firstItem: "Never" | "Always") => {
    await page.goto(`${assessmentUrl}/mine`);
    await expect(page.locator(".app-score-item")).toHaveCount(15);
    const items = page.locator(".app-score-item");
    for (let index = 0; index < 15; index += 1) {
      const label = index === 0 ? firstItem : "Sometimes";
      await items
        .nth(index)
        .getByRole("radio", { name: new RegExp(`^${label}`) })
        .check();
    }
    await page.getByRole("button", { name: "Save my scores" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Team comparison");
  };
  await scoreMine(coordinator, "Always");
  await scoreMine(admin, "Never");

  await coordinator.reload();
  await expect(coordinator.getByText("Disagreements: 1 item")).toBeVisible();
  const row = coordinator.getByRole("row", { name: /employment opportunities/ });
  await expect(row).toContainText("Always");
  await expect(row).toContainText("Never");
  await expectNoAxeViolations(coordinator);

  await coordinator
    .getByRole("button", { name: "Copy the unanimous scores into the agreed scores" })
    .click();
  await expect(coordinator.getByText("The draft has been saved.")).toBeVisible();
  const items = coordinator.locator(".app-score-item");
  await expect(items.nth(1).getByRole("radio", { name: /^Sometimes/ })).toBeChecked();
  await expect(items.nth(0).getByRole("radio", { name: /^Not scored yet/ })).toBeChecked();
  // The team settles the disagreement and completes; the individual scores stay on record.
  await items
    .nth(0)
    .getByRole("radio", { name: /^Always/ })
    .check();
  await coordinator.getByRole("button", { name: "Complete the assessment" }).click();
  await expect(coordinator.getByText("Total: 16 of 30")).toBeVisible();
  await coordinator.goto(`${assessmentUrl}/compare`);
  await expect(coordinator.getByText("Disagreements: 1 item")).toBeVisible();
});

test("A completed assessment is revised: the history shows the revision and keeps the original", async ({
  browser,
}) => {
  const page = await (await browser.newContext()).newPage();
  await signInOk(page, DEMO.coordinator);
  await page.goto("/en/staff/organisations");
  await page.getByRole("link", { name: "Demo NGO Tirana" }).click();
  await page.getByRole("link", { name: "Shelter and reintegration programme (demo)" }).click();
  await page
    .getByRole("row", { name: /22 of 30/ })
    .getByRole("link")
    .click();
  await page.getByRole("button", { name: "Revise this assessment" }).click();
  await expect(page.getByText("This is a revision of a completed assessment.")).toBeVisible();
  await expect(page.locator(".app-score-item")).toHaveCount(15);
  const items = page.locator(".app-score-item");
  for (let index = 0; index < 15; index += 1) {
    await items
      .nth(index)
      .getByRole("radio", { name: /^Always/ })
      .check();
  }
  await page.getByRole("button", { name: "Complete the assessment" }).click();
  await expect(page.getByText("Total: 30 of 30 (100%)")).toBeVisible();
  await expect(page.getByText("Version 1")).toBeVisible();
  await expect(page.getByText("Version 2 (this one)")).toBeVisible();
  await page.getByRole("link", { name: "Shelter and reintegration programme (demo)" }).click();
  const table = page.getByRole("table").first();
  await expect(table).toContainText("30 of 30");
  await expect(table).not.toContainText("22 of 30");
});

test("A coordinator closes a programme and opens it again; it stays in the comparison", async ({
  page,
}) => {
  await signInOk(page, DEMO.coordinator);
  await page.goto("/en/staff/organisations");
  await page.getByRole("link", { name: "Demo NGO Tirana" }).click();
  await page.locator("#name").fill("Short-lived hotline");
  await page.getByRole("button", { name: "Add programme" }).click();
  await page.getByRole("button", { name: "Close the programme (it stays in the history)" }).click();
  await expect(page.locator(".app-caption")).toHaveText("(closed)");
  await page.getByRole("link", { name: "Demo NGO Tirana" }).click();
  await expect(page.getByRole("row", { name: /Short-lived hotline/ })).toContainText("(closed)");
  await page.getByRole("link", { name: "Short-lived hotline" }).click();
  await page.getByRole("button", { name: "Reopen the programme" }).click();
  await expect(page.locator(".app-caption")).toHaveText("Active");

  // Renaming: an empty name is refused, a new one is kept.
  await page.getByText("Change the name or description").click();
  await page.locator("#name").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator(".app-error-summary")).toContainText("Enter a name");
  await page.locator("#name").fill("Night hotline");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Night hotline");
});
