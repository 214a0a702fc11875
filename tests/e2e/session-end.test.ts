import { expect, test, type Browser, type Page } from "./fixtures";
import {
  DEMO,
  DEMO_PASSWORD,
  expectNoAxeViolations,
  passSecondStepIfAsked,
  signInOk,
} from "./helpers";
import { hydrated } from "./hydration";

/** Ends the page's session the way a person does: signing out in another tab. */
async function signOutInAnotherTab(page: Page) {
  const other = await page.context().newPage();
  await other.goto("/en/staff");
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/signedOut=1/);
  await other.close();
}

async function signInAgain(page: Page, email: string) {
  await expect(page).toHaveURL(/\/staff\/sign-in\?redirectTo=.*&kept=/);
  await expect(page.locator("#sign-in-notice")).toContainText("nothing was saved");
  await expectNoAxeViolations(page);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("main form button[type=submit]").click();
}

async function newCoordinatorPage(browser: Browser) {
  const page = await (await browser.newContext()).newPage();
  await signInOk(page, DEMO.coordinator);
  return page;
}

test("A self-assessment draft typed while the session ended comes back after sign-in and saves", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await newCoordinatorPage(browser);
  await page.goto("/en/staff/organisations");
  await page.getByRole("link", { name: "Demo NGO Tirana" }).click();
  await page.locator("#name").fill("Night shelter");
  await page.getByRole("button", { name: "Add programme" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Night shelter");
  await page.locator("#participants").fill("Manager, two social workers");
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await expect(page.locator(".app-score-item")).toHaveCount(15);
  const draftUrl = new URL(page.url()).pathname;

  const items = page.locator(".app-score-item");
  await items
    .nth(0)
    .getByRole("radio", { name: /^Always/ })
    .check();
  await items
    .nth(1)
    .getByRole("radio", { name: /^Sometimes/ })
    .check();
  await items.nth(0).locator("textarea").fill("Two survivors work as peer counsellors.");
  await items.nth(1).locator("textarea").fill("Consent forms exist in Albanian only.");

  await signOutInAnotherTab(page);
  await page.getByRole("button", { name: "Save as draft" }).click();
  await signInAgain(page, DEMO.coordinator);

  // Back on the same draft, with the scores and notes put back and nothing saved yet.
  await expect(page).toHaveURL(new RegExp(`${draftUrl}\\?restore=`));
  await expect(page.locator("#restored-notice")).toContainText("Nothing has been saved yet");
  await expect(items.nth(0).getByRole("radio", { name: /^Always/ })).toBeChecked();
  await expect(items.nth(1).getByRole("radio", { name: /^Sometimes/ })).toBeChecked();
  await expect(items.nth(0).locator("textarea")).toHaveValue(
    "Two survivors work as peer counsellors.",
  );
  await expect(items.nth(1).locator("textarea")).toHaveValue(
    "Consent forms exist in Albanian only.",
  );
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByText("The draft has been saved.")).toBeVisible();
  await page.goto(draftUrl);
  await expect(items.nth(1).getByRole("radio", { name: /^Sometimes/ })).toBeChecked();
  await expect(items.nth(1).locator("textarea")).toHaveValue(
    "Consent forms exist in Albanian only.",
  );
  // The single-use link gives nothing a second time.
  await page.goto(`${draftUrl}?restore=${"A".repeat(43)}`);
  await expect(page.locator("#restored-notice")).toHaveCount(0);
});

test("A campaign form typed while the session ended comes back after sign-in", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const page = await newCoordinatorPage(browser);
  await page.goto("/en/staff/feedback/new");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#title_en").fill("Winter shelter feedback");
  await page.locator("#collectingOrganisation_en").fill("Independent Centre Tirana");
  await page.getByRole("radio", { name: "Single-use codes" }).check();

  await signOutInAnotherTab(page);
  await page.getByRole("button", { name: "Create campaign" }).click();
  await signInAgain(page, DEMO.coordinator);

  await expect(page).toHaveURL(/\/en\/staff\/feedback\/new\?(.*&)?restore=/);
  await expect(page.locator("#title_en")).toHaveValue("Winter shelter feedback");
  await expect(page.locator("#collectingOrganisation_en")).toHaveValue("Independent Centre Tirana");
  await expect(page.getByRole("radio", { name: "Single-use codes" })).toBeChecked();
  await expect(page.locator("#restored-notice")).toBeVisible();
});

test("Kept input comes back once: the same sign-in link used again gives nothing", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const page = await newCoordinatorPage(browser);
  await page.goto("/en/staff/feedback/new");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#title_en").fill("Private draft title");
  await signOutInAnotherTab(page);
  await page.getByRole("button", { name: "Create campaign" }).click();
  await page.waitForURL(/\/staff\/sign-in\?/);
  const signInUrl = page.url();
  await signInAgain(page, DEMO.coordinator);
  await expect(page.locator("#title_en")).toHaveValue("Private draft title");

  const other = await (await browser.newContext()).newPage();
  await other.goto(signInUrl);
  await other.locator("#email").fill(DEMO.admin);
  await other.locator("#password").fill(DEMO_PASSWORD);
  await other.locator("main form button[type=submit]").click();
  await passSecondStepIfAsked(other, DEMO.admin);
  await expect(other).toHaveURL(/\/en\/staff\/feedback\/new(\?(?!.*restore=).*)?$/);
  await expect(other.locator("#title_en")).toHaveValue("");
  await expect(other.locator("#restored-notice")).toHaveCount(0);
});

test("After sign-in a person returns to the page they asked for, never to another site", async ({
  page,
  baseURL,
}) => {
  await page.goto("/en/staff/admin/audit?action=sign_in");
  await expect(page).toHaveURL(/\/en\/staff\/sign-in\?redirectTo=/);
  await expect(page.locator("#sign-in-notice")).toContainText("Sign in to continue");
  await page.locator("#email").fill(DEMO.admin);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("main form button[type=submit]").click();
  // The admin's second step (a code) keeps the page asked for, too.
  await passSecondStepIfAsked(page, DEMO.admin);
  await expect(page).toHaveURL(/\/en\/staff\/admin\/audit\?action=sign_in$/);
  await page.getByRole("button", { name: "Sign out" }).click();

  for (const target of [
    "https://evil.example/staff",
    "//evil.example/staff",
    "/\\evil.example",
    "/staff/../..//evil.example",
    "/%0a/evil.example",
    "/en/staff\t/x",
    "javascript:alert(1)",
  ]) {
    // A coordinator: no second step, so the loop does not wait for fresh codes.
    await page.goto(`/en/staff/sign-in?redirectTo=${encodeURIComponent(target)}`);
    await page.locator("#email").fill(DEMO.coordinator);
    await page.locator("#password").fill(DEMO_PASSWORD);
    await page.locator("main form button[type=submit]").click();
    await page.waitForURL((address) => !address.pathname.endsWith("/sign-in"));
    const url = new URL(page.url());
    expect(url.origin, target).toBe(new URL(baseURL!).origin);
    expect(url.host, target).not.toContain("evil");
    expect(url.pathname, target).toMatch(/^\/en\/staff/);
    await page.goto("/en/staff");
    await page.getByRole("button", { name: "Sign out" }).click();
  }
});

test("Two minutes before the idle timeout a dialog offers to stay signed in, and it works", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.clock.install();
  await signInOk(page, DEMO.coordinator);
  await page.goto("/en/staff/account");
  await hydrated(page);
  // The page counts its session from when it was hydrated (H): it ends between H + 29 and
  // H + 30 minutes (the server writes "last seen" at most once a minute), and the warning opens
  // 2 minutes before. Real time runs beside the fake clock, so the checks stay clear of both
  // edges by half a minute or more: quiet at H + 26, the warning at H + 28.5.
  await page.clock.fastForward("26:00");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await page.clock.fastForward("02:30");
  const dialog = page.getByRole("dialog", { name: "You will be signed out soon" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/signed out in [12] minutes?/);
  await expect(dialog.getByRole("heading")).toBeFocused();
  await expectNoAxeViolations(page);

  const stay = page.waitForResponse((r) => r.url().includes("/staff/session"));
  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  expect((await stay).status()).toBe(200);
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Without pressing it the dialog says the session has ended.
  await page.clock.fastForward("31:00");
  await expect(page.getByRole("dialog", { name: "You have been signed out" })).toBeVisible();
});

test("The timeout warning is in Albanian on Albanian pages", async ({ page }) => {
  await page.clock.install();
  await signInOk(page, DEMO.coordinator, undefined, "sq");
  await hydrated(page);
  // A fresh session: the warning shows from 28 to 30 minutes after the page was hydrated.
  await page.clock.fastForward("28:30");
  const dialog = page.getByRole("dialog", { name: "Së shpejti do të dilni nga llogaria" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Qëndroni në llogari" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("Stay signed in is refused without the CSRF token", async ({ page }) => {
  await signInOk(page, DEMO.coordinator);
  const response = await page.request.post("/en/staff/session", { form: {} });
  expect(response.status()).toBe(403);
});

test("A link followed after the session ended leads back to that page after sign-in", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const page = await newCoordinatorPage(browser);
  await signOutInAnotherTab(page);
  await page.getByRole("navigation").getByRole("link", { name: "Feedback", exact: true }).click();
  await expect(page).toHaveURL(/\/en\/staff\/sign-in\?redirectTo=/);
  expect(new URL(page.url()).searchParams.get("redirectTo")).toBe("/en/staff/feedback");
  await page.locator("#email").fill(DEMO.coordinator);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("main form button[type=submit]").click();
  await expect(page).toHaveURL(/\/en\/staff\/feedback$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
