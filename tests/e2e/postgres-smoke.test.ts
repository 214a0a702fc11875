import {
  createOpenCampaign,
  DEMO_CODE_CAMPAIGN,
  continueToSend,
  makeCodes,
  sendResponse,
  survivorPage,
} from "./feedback-helpers";
import { expect, test } from "./fixtures";
import { DEMO, expectNoAxeViolations, signInOk } from "./helpers";

// The feedback path end to end on PostgreSQL (node tests/run-e2e.mjs --postgres, part of
// npm test through npm run test:e2e:postgres-smoke): the browser suite runs on SQLite, this
// proves the same path works on the second engine, across two instances.
const portB = process.env.E2E_PORT_B;
const onB = (path: string) => `http://localhost:${portB}${path}`;

test.describe("The feedback path on PostgreSQL", () => {
  test.skip(!portB, "runs only with node tests/run-e2e.mjs --postgres");

  test("a coordinator creates a campaign, survivors answer with and without a code, and the results show the answers", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const page = await (await browser.newContext()).newPage();
    await signInOk(page, DEMO.coordinator);
    const campaign = await createOpenCampaign(page, {
      title: `PostgreSQL smoke ${Date.now()}`,
      sections: ["referral"],
      k: 3,
    });

    // Without a code: three people, through either instance (plain form posts, as a browser
    // without JavaScript sends them).
    const onA = await playwright.request.newContext({ baseURL });
    const onOther = await playwright.request.newContext({ baseURL: onB("") });
    for (const [instance, answer] of [
      [onA, "yes"],
      [onOther, "yes"],
      [onOther, "no"],
    ] as const)
      await sendResponse(instance, campaign.publicLink, { "a:referral_consent_signed": answer });
    await onA.dispose();
    await onOther.dispose();

    await page.goto(`${campaign.campaignUrl}/results`);
    await expect(page.getByTestId("results-summary")).toContainText(
      "These results include 3 responses.",
    );
    await expectNoAxeViolations(page);

    // With a code: made on one instance, used in a browser without JavaScript on the other.
    const [code] = await makeCodes(browser, DEMO_CODE_CAMPAIGN, 1);
    const usedCodes = async () => {
      await page.goto("/en/staff/feedback");
      await page.getByRole("link", { name: DEMO_CODE_CAMPAIGN }).click();
      const counts = await page.getByText(/codes? made, \d+ used\./).innerText();
      return Number(/(\d+) used/.exec(counts)?.[1]);
    };
    const usedBefore = await usedCodes();
    const survivor = await survivorPage(browser);
    await survivor.goto(onB("/en"));
    await survivor.getByRole("link", { name: DEMO_CODE_CAMPAIGN }).click();
    await survivor.getByLabel("Your code").fill(code!);
    await survivor.getByRole("button", { name: "Continue" }).click();
    await survivor.getByLabel("I am filling it in myself").check();
    await survivor.getByRole("button", { name: "Start" }).click();
    await continueToSend(survivor);
    await survivor.getByRole("button", { name: "Send my answers" }).click();
    await expect(survivor).toHaveURL(/\/thanks$/);
    await survivor.context().close();

    // The coordinator (instance A) sees the code used.
    expect(await usedCodes()).toBe(usedBefore + 1);
    await page.context().close();
  });
});
