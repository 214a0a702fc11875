import {
  continueUntil,
  DEMO_CODE_CAMPAIGN,
  DEMO_OPEN_CAMPAIGN,
  demoTitle,
  makeCodes,
  survivorPage,
} from "./feedback-helpers";
import { expect, test, type Page } from "./fixtures";
import { expectNoAxeViolations } from "./helpers";

/**
 * Every checkbox and radio whose label does not share a row with it, on the page as shown now:
 * the box must sit left of the label's first line, vertically within that line (the GOV.UK
 * checkbox pattern), however long the label is.
 */
async function boxesApartFromLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const apart: string[] = [];
    for (const input of document.querySelectorAll<HTMLInputElement>(
      'main input[type="checkbox"], main input[type="radio"]',
    )) {
      const label = document.querySelector<HTMLLabelElement>(`label[for="${input.id}"]`);
      if (!label) {
        apart.push(`${input.name}=${input.value}: no label`);
        continue;
      }
      const range = document.createRange();
      range.selectNodeContents(label);
      const firstLine = [...range.getClientRects()].find((r) => r.width > 0 && r.height > 0);
      const box = input.getBoundingClientRect();
      const middle = box.top + box.height / 2;
      const beside = firstLine && box.right <= firstLine.left + 1;
      const sameRow = firstLine && middle >= firstLine.top && middle <= firstLine.bottom;
      if (!beside || !sameRow) apart.push(`${label.textContent} (${window.innerWidth} px)`);
    }
    return apart;
  });
}

async function expectEveryBoxBesideItsLabel(page: Page) {
  for (const width of [320, 360]) {
    await page.setViewportSize({ width, height: 740 });
    expect(await boxesApartFromLabels(page)).toEqual([]);
  }
}

/** Walks every page of a questionnaire from the introduction to the review page. */
async function walkQuestionnaire(page: Page, lang: "sq" | "en") {
  const [start, next, review] =
    lang === "sq"
      ? ["Fillo", "Vazhdo", "Kontrolloni përgjigjet para se t'i dërgoni"]
      : ["Start", "Continue", "Check your answers before sending them"];
  await expectEveryBoxBesideItsLabel(page);
  const self = page.locator("#mode-self");
  if (await self.count()) await self.check();
  await page.getByRole("button", { name: start }).click();
  const pages = await continueUntil(page, page.getByRole("heading", { level: 1, name: review }), {
    next,
    onEachPage: () => expectEveryBoxBesideItsLabel(page),
  });
  expect(pages).toBeLessThan(12);
}

test.describe("The questionnaire on a small phone", () => {
  for (const lang of ["sq", "en"] as const) {
    const prefix = lang === "sq" ? "" : "/en";

    test(`keeps every box beside its label at 320 and 360 px, service feedback in ${lang}`, async ({
      browser,
    }) => {
      test.setTimeout(120_000);
      const page = await survivorPage(browser);
      await page.goto(`${prefix}/`);
      await page.getByRole("link", { name: demoTitle(DEMO_OPEN_CAMPAIGN, lang) }).click();
      await walkQuestionnaire(page, lang);
      await page.context().close();
    });

    test(`keeps every box beside its label at 320 and 360 px, reintegration in ${lang}`, async ({
      browser,
    }) => {
      test.setTimeout(120_000);
      const [code] = await makeCodes(browser, DEMO_CODE_CAMPAIGN, 1);
      const page = await survivorPage(browser);
      await page.goto(`${prefix}/`);
      await page.getByRole("link", { name: demoTitle(DEMO_CODE_CAMPAIGN, lang) }).click();
      await page.locator("#code").fill(code!);
      await page.locator('main button[type="submit"]').first().click();
      await walkQuestionnaire(page, lang);
      await page.context().close();
    });
  }
});

/** The quick-exit link's label fits on one line (its height is one line plus its padding). */
async function exitButtonLines(page: Page): Promise<number> {
  return page.locator(".js-exit-this-page").evaluate((link) => {
    const range = document.createRange();
    range.selectNodeContents(link);
    const tops = new Set(
      [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
    );
    return tops.size;
  });
}

test.describe("The quick-exit button's Shift hint", () => {
  for (const { lang, path, hint } of [
    { lang: "sq", path: "/", hint: /Shift 3 herë/ },
    { lang: "en", path: "/en", hint: /Shift 3 times/ },
  ]) {
    test(`is not shown without JavaScript, and the button is one line at 320 px (${lang})`, async ({
      browser,
    }) => {
      const page = await survivorPage(browser);
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(path);
      await expect(page.getByText(hint)).toBeHidden();
      expect(await exitButtonLines(page)).toBe(1);
      await page.context().close();
    });

    test(`is not shown on a touch phone until a key is pressed (${lang})`, async ({ browser }) => {
      const context = await browser.newContext({
        viewport: { width: 320, height: 640 },
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      await page.goto(path);
      expect(
        await page.evaluate(() => matchMedia("(hover: hover) and (pointer: fine)").matches),
      ).toBe(false);
      await expect(page.getByText(hint)).toBeHidden();
      expect(await exitButtonLines(page)).toBe(1);
      // A keyboard attached to the phone: now the shortcut can work, so it is explained.
      await page.keyboard.press("Control");
      await expect(page.getByText(hint)).toBeVisible();
      expect(await exitButtonLines(page)).toBe(1);
      await context.close();
    });

    test(`is shown with a mouse and keyboard, the button still one line at 320 px (${lang})`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(path);
      await expect(page.getByText(hint)).toBeVisible();
      expect(await exitButtonLines(page)).toBe(1);
    });
  }
});

test.describe("The questionnaire's introduction", () => {
  for (const { lang, prefix, start, minutes, staffText } of [
    {
      lang: "sq",
      prefix: "",
      start: "Fillo",
      minutes: /rreth \d+ minuta/g,
      staffText: /Shtojca 6\.1|të mbijetuarit/,
    },
    {
      lang: "en",
      prefix: "/en",
      start: "Start",
      minutes: /about \d+ minutes/g,
      staffText: /Annex 6\.1|survivors received/,
    },
  ]) {
    for (const campaign of [DEMO_OPEN_CAMPAIGN, DEMO_CODE_CAMPAIGN]) {
      test(`is short, says each thing once and shows Start on the first 360 × 740 screen (${lang}, ${campaign})`, async ({
        browser,
      }) => {
        const page = await survivorPage(browser);
        await page.setViewportSize({ width: 360, height: 740 });
        if (campaign === DEMO_CODE_CAMPAIGN) {
          const [code] = await makeCodes(browser, DEMO_CODE_CAMPAIGN, 1);
          await page.goto(`${prefix}/`);
          await page.getByRole("link", { name: demoTitle(campaign, lang) }).click();
          await page.locator("#code").fill(code!);
          await page.locator('main button[type="submit"]').first().click();
        } else {
          await page.goto(`${prefix}/`);
          await page.getByRole("link", { name: demoTitle(campaign, lang) }).click();
        }
        const startButton = page.getByRole("button", { name: start });
        await expect(startButton).toBeVisible();
        const box = await startButton.boundingBox();
        expect(box!.y + box!.height).toBeLessThanOrEqual(740);
        const text = await page.locator("main").innerText();
        expect(text.match(minutes)).toHaveLength(1);
        expect(text).not.toMatch(staffText);
        await page.context().close();
      });
    }
  }
});

test("several answers to one question are listed on the review page, each on its own", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await survivorPage(browser);
  await page.goto("/en");
  await page.getByRole("link", { name: DEMO_OPEN_CAMPAIGN }).click();
  await page.getByRole("button", { name: "Start" }).click();
  await continueUntil(page, page.locator('input[type="checkbox"]'));
  const question = page.locator("fieldset").filter({ has: page.locator('input[type="checkbox"]') });
  // The instruction is said once per question.
  await expect(question.first().getByText("Choose all that apply.")).toHaveCount(1);
  const questionText = await question.first().locator("legend").innerText();
  const boxes = question.first().locator('input[type="checkbox"]');
  const labels: string[] = [];
  for (const index of [0, 1]) {
    await boxes.nth(index).check();
    labels.push(
      await page.locator(`label[for="${await boxes.nth(index).getAttribute("id")}"]`).innerText(),
    );
  }
  const review = page.getByRole("heading", {
    level: 1,
    name: "Check your answers before sending them",
  });
  await continueUntil(page, review);
  const row = page
    .locator(".app-summary-list__row")
    .filter({ has: page.getByText(questionText, { exact: true }) });
  const items = row.locator("dd").getByRole("listitem");
  await expect(items).toHaveText(labels);
  expect(await row.locator("dd").innerText()).not.toContain("—");
  await expectNoAxeViolations(page, { javaScript: false });
  await page.context().close();
});
