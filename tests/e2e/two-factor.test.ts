import { expect, test, type Page } from "./fixtures";
import {
  DEMO,
  expectAllTextTranslated,
  expectNoAxeViolations,
  nextTotpCode,
  signIn,
  signInOk,
} from "./helpers";

// A reviewer made by accounts.setup.ts with no two-step sign-in yet.
const EMAIL = "two-factor@test.example";
// Read from the page by the first test, used by the second (tests in a file run in order).
let secret = "";

async function typeCode(page: Page, code: string) {
  await page.locator("#code").fill(code);
  await page.locator("main form button[type=submit]").click();
  await page.waitForLoadState();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in\?signedOut=1$/);
}

test("A reviewer sets up two-step sign-in at first sign-in, then signs in with a code and with a recovery code once", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The password alone leads to setting it up, and nothing else opens meanwhile.
  await signIn(page, EMAIL, undefined, "/en/staff/sign-in");
  await expect(page).toHaveURL(/\/en\/staff\/sign-in\/enrol$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up two-step sign-in");
  await expect(page.locator("img.app-totp-qr")).toHaveAttribute(
    "src",
    /^data:image\/svg\+xml;base64,/,
  );
  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);
  secret = (await page.locator("#totp-key").innerText()).replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.goto("/en/staff");
  await expect(page).toHaveURL(/\/en\/staff\/sign-in\?redirectTo=/);
  await page.goto("/en/staff/sign-in/enrol");

  // A wrong code is refused with a clear message; the right one turns it on and signs in.
  await typeCode(page, "000000");
  await expect(page.locator(".app-error-summary")).toContainText("The code is not correct");
  await typeCode(page, nextTotpCode(EMAIL, secret));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your recovery codes");
  const codes = (await page.locator("#recovery-codes li").allInnerTexts()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  expect(codes[0]).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: "I have kept them: continue" }).click();
  await expect(page).toHaveURL(/\/en\/staff$/);
  await signOut(page);

  // With a code from the app; a used code and a wrong one are each refused clearly.
  await signIn(page, EMAIL, undefined, "/en/staff/sign-in");
  await expect(page).toHaveURL(/\/en\/staff\/sign-in\/code$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Enter the code from your app");
  await expectNoAxeViolations(page);
  await typeCode(page, "123 45");
  await expect(page.locator(".app-error-summary")).toContainText("Enter the 6-digit code");
  const code = nextTotpCode(EMAIL, secret);
  await typeCode(page, code);
  await expect(page).toHaveURL(/\/en\/staff$/);
  await signOut(page);
  await signIn(page, EMAIL, undefined, "/en/staff/sign-in");
  await typeCode(page, code);
  await expect(page.locator(".app-error-summary")).toContainText("This code has already been used");

  // With a recovery code, typed in capitals: it works once.
  await typeCode(page, codes[0]!.toUpperCase());
  await expect(page).toHaveURL(/\/en\/staff$/);
  await page.goto("/en/staff/account/two-factor");
  await expect(page.locator("#two-factor-status")).toHaveText(
    "Two-step sign-in is on. You have 9 unused recovery codes.",
  );
  await expectNoAxeViolations(page);
  await signOut(page);
  await signIn(page, EMAIL, undefined, "/en/staff/sign-in");
  await typeCode(page, codes[0]!);
  await expect(page.locator(".app-error-summary")).toContainText("The code is not correct");
  await typeCode(page, codes[1]!);
  await expect(page).toHaveURL(/\/en\/staff$/);
});

test("An admin resets someone's two-step sign-in: audited, signed out, and set up again at the next sign-in", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  expect(secret, "set by the first test").not.toBe("");
  const person = await (await browser.newContext()).newPage();
  await signIn(person, EMAIL, undefined, "/en/staff/sign-in", secret);
  await expect(person).toHaveURL(/\/en\/staff$/);

  await signInOk(page, DEMO.admin);
  await page.goto("/en/staff/admin/users");
  const row = page.getByRole("row", { name: new RegExp(EMAIL) });
  await expect(row).toContainText("Two-step sign-in on");
  await row.getByRole("button", { name: /Reset two-step sign-in/ }).click();
  await expect(page.locator("#users-notice")).toContainText("Two-step sign-in has been reset");
  await expect(page.getByRole("row", { name: new RegExp(EMAIL) })).toContainText(
    "Two-step sign-in off",
  );
  await expectNoAxeViolations(page);
  await page.goto("/en/staff/admin/audit?action=two_factor_reset");
  await expect(page.getByRole("row", { name: new RegExp(EMAIL) }).first()).toContainText(
    "Two-step sign-in reset by an admin",
  );

  // Their session has ended; with the password they must set it up again before anything else.
  await person.goto("/en/staff");
  await expect(person).toHaveURL(/\/en\/staff\/sign-in\?redirectTo=/);
  await signIn(person, EMAIL, undefined, "/en/staff/sign-in");
  await expect(person).toHaveURL(/\/en\/staff\/sign-in\/enrol$/);
  await expect(person.getByRole("heading", { level: 1 })).toHaveText("Set up two-step sign-in");
});

test("A coordinator may set up two-step sign-in from the account page, in Albanian", async ({
  page,
}) => {
  await signInOk(page, DEMO.coordinator, undefined, "sq");
  await page.goto("/staff/account");
  await page.getByRole("link", { name: "Konfiguroni hyrjen me dy hapa" }).click();
  await expect(page).toHaveURL(/\/staff\/account\/two-factor$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hyrja me dy hapa");
  await expect(page.locator("#totp-key")).toBeVisible();
  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);
});
