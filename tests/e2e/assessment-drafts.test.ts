import { expect, test, type Browser, type Page } from "./fixtures";
import { DEMO, expectNoAxeViolations, signInOk } from "./helpers";
import { hydrated } from "./hydration";

/** Issue 13 §11: self-assessment drafts that can be told apart and a form that keeps your place. */

async function newProgramme(page: Page, name: string) {
  await page.goto("/en/staff/organisations");
  await page.getByRole("link", { name: "Demo NGO Tirana" }).click();
  await page.locator("#name").fill(name);
  await page.getByRole("button", { name: "Add programme" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  return page.url();
}

async function startAssessment(page: Page, programmeUrl: string, date: string, who: string) {
  await page.goto(programmeUrl);
  await page.locator("#assessedOn").fill(date);
  await page.locator("#participants").fill(who);
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await expect(page.locator(".app-score-item")).toHaveCount(15);
  return page.url();
}

async function scoreAll(page: Page, label: "Never" | "Sometimes" | "Always", skip = 0) {
  const items = page.locator(".app-score-item");
  for (let index = skip; index < 15; index += 1)
    await items
      .nth(index)
      .getByRole("radio", { name: new RegExp(`^${label}`) })
      .check();
}

/** Words in table cells that the browser broke across lines ("Sometim-es"). */
async function brokenWordsInTables(page: Page) {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const cell of document.querySelectorAll(".app-table th, .app-table td")) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  });
}

async function coordinatorPage(browser: Browser, javaScriptEnabled = true) {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await signInOk(page, DEMO.coordinator);
  return page;
}

test("Drafts in the history show who started each and who takes part, with a partial total, in the chart's order", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await coordinatorPage(browser);
  const programmeUrl = await newProgramme(page, "Drop-in centre");
  // A completed assessment in January, then two drafts in March by different teams.
  await startAssessment(page, programmeUrl, "2026-01-15", "Director and two social workers");
  await scoreAll(page, "Always");
  await page.getByRole("button", { name: "Complete the assessment" }).click();
  await expect(page.getByText("Total: 30 of 30")).toBeVisible();
  await startAssessment(page, programmeUrl, "2026-03-02", "Outreach team");
  await scoreAll(page, "Sometimes", 11);
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByText("The draft has been saved.")).toBeVisible();
  await startAssessment(page, programmeUrl, "2026-03-02", "Shelter staff");
  await page.goto(programmeUrl);

  const rows = page.getByRole("table").first().locator("tbody tr");
  await expect(rows).toHaveCount(3);
  const outreach = rows.filter({ hasText: "Outreach team" });
  await expect(outreach).toContainText("(draft)");
  await expect(outreach).toContainText("Started by Demo Coordinator");
  await expect(outreach).toContainText("Taking part: Outreach team");
  await expect(outreach).toContainText("4 of 30 (partial: 11 items not scored yet)");
  await expect(rows.filter({ hasText: "Shelter staff" })).toContainText(
    "0 of 30 (partial: 15 items not scored yet)",
  );
  // The table and the chart both run from the oldest to the newest.
  const tableDates = (await rows.locator("th a").allInnerTexts()).filter(
    (_, index, all) => all.indexOf(_) === index,
  );
  expect(tableDates).toEqual(["2026-01-15", "2026-03-02"]);
  await expect(page.getByRole("table").first().locator("caption")).toContainText("Oldest first");
  const chartLabels = await page.locator(".app-bar-chart__label").allTextContents();
  expect(chartLabels).toEqual(["2026-01-15"]);
  await expectNoAxeViolations(page);
});

test("Save and Complete stay in view, and saving brings you back to where you were, with JavaScript off", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await coordinatorPage(browser, false);
  await page.setViewportSize({ width: 320, height: 640 });
  const programmeUrl = await newProgramme(page, "Phone line");
  const draftUrl = await startAssessment(page, programmeUrl, "2026-02-01", "The team");
  const bar = page.locator(".app-draft-bar");
  // Deep in the form, the bar with both buttons is on screen and takes little of it.
  await page.locator(".app-score-item").nth(9).scrollIntoViewIfNeeded();
  await expect(bar.getByRole("button", { name: "Save as draft" })).toBeInViewport();
  await expect(bar.getByRole("button", { name: "Complete the assessment" })).toBeInViewport();
  const barBox = (await bar.boundingBox())!;
  expect(barBox.height).toBeLessThan(640 * 0.35);
  expect(barBox.y + barBox.height).toBeLessThanOrEqual(641);
  // The second section's own Save returns to that section.
  const items = page.locator(".app-score-item");
  await items
    .nth(5)
    .getByRole("radio", { name: /^Always/ })
    .check();
  const sectionSave = page.getByRole("button", { name: "Save the draft and come back here" });
  await sectionSave.nth(1).click();
  await expect(page).toHaveURL(/\?saved=1#section-[a-z_]+$/);
  const target = decodeURIComponent(new URL(page.url()).hash.slice(1));
  await expect(page.locator(`#${target}`)).toBeInViewport();
  await expect(page.getByText("The draft has been saved.")).toBeInViewport();
  // Nothing the page scrolled to is hidden under the bar.
  const heading = (await page.locator(`#${target}`).boundingBox())!;
  expect(heading.y + heading.height).toBeLessThan((await bar.boundingBox())!.y);
  await expect(items.nth(5).getByRole("radio", { name: /^Always/ })).toBeChecked();
  expect(page.url()).toContain(draftUrl);
  await expectNoAxeViolations(page, { javaScript: false });
});

test("With JavaScript, saving from the bar returns to the item last worked on", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await coordinatorPage(browser);
  const programmeUrl = await newProgramme(page, "Legal advice desk");
  await startAssessment(page, programmeUrl, "2026-02-01", "The team");
  const note = page.locator(".app-score-item").nth(12).locator("textarea");
  // Typing may begin before the page's scripts have loaded (held back here until it has); the
  // field keeps its focus, so no later focus event tells the page where the person is. Typing
  // on after loading still does.
  let release = () => {};
  const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/build\/.*\.js$/, async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await page.reload({ waitUntil: "commit" });
  await note.fill("Survivors reviewed the leaflet");
  release();
  await hydrated(page);
  await page.unrouteAll();
  await note.press("End");
  await note.pressSequentially(" in May.");
  await expect(page.locator('input[name="anchor"]')).toHaveValue(/^item-/);
  await page.locator(".app-draft-bar").getByRole("button", { name: "Save as draft" }).click();
  await expect(page).toHaveURL(/\?saved=1#item-[a-z_]+$/);
  await expect(page.getByText("The draft has been saved.")).toBeVisible();
  await expect(note).toHaveValue("Survivors reviewed the leaflet in May.");
  await expect(note).toBeInViewport();
});

test("The result shows the evidence notes, and no word in a table is broken inside", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await coordinatorPage(browser);
  const programmeUrl = await newProgramme(page, "Peer support");
  const draftUrl = await startAssessment(page, programmeUrl, "2026-04-10", "Everyone");
  // One assessor's own scores make the comparison table, with its "Sometimes" cells.
  await page.goto(`${draftUrl}/mine`);
  await scoreAll(page, "Sometimes");
  await page.getByRole("button", { name: "Save my scores" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Team comparison");
  const compareUrl = page.url();
  await page.goto(draftUrl);
  await scoreAll(page, "Sometimes");
  await page
    .locator(".app-score-item")
    .first()
    .locator("textarea")
    .fill("Two survivors sit on the advisory group.\nMinutes are kept.");
  await page.getByRole("button", { name: "Complete the assessment" }).click();
  await expect(page.getByText("Total: 15 of 30")).toBeVisible();
  const evidence = page.getByRole("region", { name: "Evidence noted for each item" });
  await expect(evidence).toContainText("Two survivors sit on the advisory group.");
  await expect(evidence).toContainText("No note");
  await expectNoAxeViolations(page);

  for (const width of [320, 360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    for (const url of [programmeUrl, draftUrl, compareUrl]) {
      await page.goto(url);
      expect(await brokenWordsInTables(page), `${url} at ${width} px`).toEqual([]);
    }
  }
  // The check itself can fail: a narrow table cell whose words may break anywhere (the old
  // rule, set through the CSSOM: the page's CSP refuses an inline style sheet) is found. Added
  // once the page has hydrated: a table added before could be swept away by React taking over
  // the page (seen once in a full run).
  await hydrated(page);
  await page.evaluate(() => {
    const table = document.createElement("table");
    table.className = "app-table";
    table.style.tableLayout = "fixed";
    table.style.width = "4rem";
    const cell = table.insertRow().insertCell();
    cell.textContent = "Sometimes Sometimes";
    cell.style.overflowWrap = "anywhere";
    document.querySelector("main")!.append(table);
  });
  expect((await brokenWordsInTables(page)).length).toBeGreaterThan(0);
});
