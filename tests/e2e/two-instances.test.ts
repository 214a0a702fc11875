import { fillAbout, fillRest, signAndSend } from "./board-apply-helpers";
import {
  createOpenCampaign,
  makeCodes,
  continueToSend,
  DEMO_CODE_CAMPAIGN,
  sendResponse,
  survivorPage,
} from "./feedback-helpers";
import { expect, test } from "./fixtures";
import { DEMO, DEMO_PASSWORD, signInOk } from "./helpers";

// Two app instances on one PostgreSQL (node tests/run-e2e.mjs --postgres): whatever one
// instance knows, the other knows at the next request (docs/decisions/019).
const portB = process.env.E2E_PORT_B;
const onB = (path: string) => `http://localhost:${portB}${path}`;

test.describe("Two app instances sharing one PostgreSQL", () => {
  test.skip(!portB, "runs only with node tests/run-e2e.mjs --postgres");

  test("a session made on one instance is valid on the other", async ({ page }) => {
    await signInOk(page, DEMO.coordinator);
    // Cookies are per host, not per port: the same browser now asks the second instance.
    await page.goto(onB("/en/staff"));
    await expect(page).toHaveURL(onB("/en/staff"));
  });

  test("a single-use code used on one instance is refused on the other", async ({ browser }) => {
    test.setTimeout(120_000);
    const [code] = await makeCodes(browser, DEMO_CODE_CAMPAIGN, 1);
    const page = await survivorPage(browser);
    await page.goto("/en");
    await page.getByRole("link", { name: DEMO_CODE_CAMPAIGN }).click();
    await page.getByLabel("Your code").fill(code!);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByLabel("I am filling it in myself").check();
    await page.getByRole("button", { name: "Start" }).click();
    await continueToSend(page);
    await page.getByRole("button", { name: "Send my answers" }).click();
    await expect(page).toHaveURL(/\/thanks$/);

    await page.goto(onB("/en"));
    await page.getByRole("link", { name: DEMO_CODE_CAMPAIGN }).click();
    await page.getByLabel("Your code").fill(code!);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator(".app-error-summary")).toBeVisible();
    await expect(page.getByLabel("Your code")).toBeVisible();
    await page.context().close();
  });

  test("a password change on one instance signs out the person's sessions on the other", async ({
    browser,
  }) => {
    const email = "two-instances@test.example";
    const other = await (await browser.newContext()).newPage();
    await other.goto(onB("/en/staff/sign-in"));
    await other.locator("#email").fill(email);
    await other.locator("#password").fill(DEMO_PASSWORD);
    await other.locator("main form button[type=submit]").click();
    await expect(other).toHaveURL(onB("/en/staff"));

    const page = await (await browser.newContext()).newPage();
    await signInOk(page, email);
    await page.goto("/en/staff/account");
    await page.locator('input[name="currentPassword"]').fill(DEMO_PASSWORD);
    await page.locator('input[name="password"]').fill("a new password for two instances");
    await page.locator('input[name="confirmPassword"]').fill("a new password for two instances");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Your password has been changed.")).toBeVisible();

    await other.goto(onB("/en/staff"));
    await expect(other).toHaveURL(/\/staff\/sign-in/);
  });

  test("a questionnaire sent to one instance and sent again to the other is stored once", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const page = await (await browser.newContext()).newPage();
    await signInOk(page, DEMO.coordinator);
    const campaign = await createOpenCampaign(page, {
      title: `Nonce across instances ${Date.now()}`,
      sections: ["referral"],
      k: 3,
    });
    const path = new URL(campaign.publicLink).pathname.replace(/^\/(?!en\/)/, "/en/");
    const onA = await playwright.request.newContext({ baseURL });
    const onOther = await playwright.request.newContext({ baseURL: onB("") });
    // The same form (same nonce, same answers) posted to A, then again to B: what a second
    // press of Send does when the proxy sends it to another instance.
    const intro = await onA.get(path);
    const nonce = /name="nonce" value="([^"]+)"/.exec(await intro.text())?.[1] ?? "";
    const form = { page: "review", nav: "submit", reviewed: "1", nonce };
    for (const instance of [onA, onOther]) {
      const sent = await instance.post(path, {
        form: { ...form, "a:referral_consent_signed": "yes" },
        maxRedirects: 0,
      });
      // Both are thanked: the person sees no difference.
      expect(sent.headers().location).toMatch(/\/thanks$/);
    }
    for (const instance of [onOther, onA])
      await sendResponse(instance, campaign.publicLink, { "a:referral_consent_signed": "no" });
    await onA.dispose();
    await onOther.dispose();

    // Three forms, three responses; a stored duplicate would read "3 of the 4 responses".
    await page.goto(`${campaign.campaignUrl}/results`);
    await expect(page.getByTestId("results-summary")).toContainText(
      "These results include 3 responses.",
    );
    await page.context().close();
  });

  test("an application sent to one instance is read, changed and withdrawn on the other, which has a DATA_DIR of its own", async ({
    browser,
    page,
  }) => {
    // The applicant's key is in the key database (DATABASE_URL_KEYS, docs/decisions/047): with
    // the key store in each instance's DATA_DIR, the other instance could not open the data.
    test.setTimeout(180_000);
    await signInOk(page, DEMO.secretariat);
    await page.goto("/en/staff/board");
    await page.getByRole("link", { name: "Demo advisory board (Tirana)", exact: true }).click();
    const href = await page
      .getByRole("link", { name: "Open the public page" })
      .first()
      .getAttribute("href");
    const callPath = new URL(href!, "http://x").pathname.replace(/^\/en/, "");
    await page.context().close();

    const applicant = await survivorPage(browser);
    await applicant.goto(callPath);
    await applicant.getByRole("link", { name: "Filloni aplikimin" }).click();
    await fillAbout(applicant, { day: "3", month: "5", year: "1995" });
    await fillRest(applicant, "two.instances.applicant@example.org");
    const sent = await signAndSend(applicant);

    const open = async (at: (path: string) => string) => {
      await applicant.goto(at("/gjendja"));
      await applicant.getByLabel("Kodi i referencës").first().fill(sent.reference);
      await applicant.getByLabel("Fjalëkalimi").fill(sent.passphrase);
      await applicant.getByRole("button", { name: "Hap" }).click();
    };
    const onA = (path: string) => path;
    // B opens and changes what A stored under the applicant's key.
    await open(onB);
    await expect(applicant.locator("#application-status")).toHaveText("U mor, në shqyrtim");
    await applicant.getByLabel("Numri i telefonit").fill("+355 69 000 2222");
    await applicant.getByRole("button", { name: "Ruaj kontaktet" }).click();
    await expect(applicant.getByText("Kontaktet tuaja u ruajtën.")).toBeVisible();
    // A reads what B wrote.
    await open(onA);
    await expect(applicant.getByLabel("Numri i telefonit")).toHaveValue("+355 69 000 2222");
    // Withdrawn on A (the key destroyed): B opens nothing any more.
    await applicant.getByLabel("Po, tërhiqe dhe fshi gjithçka").check();
    await applicant.getByRole("button", { name: "Tërhiqe", exact: true }).click();
    await expect(applicant.getByRole("heading", { level: 1 })).toHaveText("U tërhoq dhe u fshi");
    await open(onB);
    await expect(applicant.locator(".app-error-summary")).toContainText(
      "Kodi i referencës ose fjalëkalimi nuk është i saktë",
    );
    await applicant.context().close();
  });
});
