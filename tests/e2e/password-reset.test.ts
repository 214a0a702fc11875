import { expect, test, type Browser, type Page } from "./fixtures";
import {
  DEMO,
  DEMO_PASSWORD,
  expectAllTextTranslated,
  expectNoAxeViolations,
  signIn,
  signInOk,
} from "./helpers";

const EMAIL = "reset@test.example";
const NEW_PASSWORD = "kafe e forte ne mengjes";

async function askForLink(page: Page, email: string) {
  await page.goto("/en/staff/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reset your password");
  await page.locator("#email").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  return (await page.getByRole("status").innerText()).replace(email, "ADDRESS");
}

async function outboxLinks(browser: Browser, to: string): Promise<string[]> {
  const admin = await (await browser.newContext()).newPage();
  await signInOk(admin, DEMO.admin);
  await admin.goto("/en/staff/admin/outbox");
  const rows = admin.getByRole("row").filter({ hasText: to });
  const links: string[] = [];
  const count = await rows.count();
  for (let index = 0; index < count; index += 1) {
    await admin.goto("/en/staff/admin/outbox");
    await admin.getByRole("row").filter({ hasText: to }).nth(index).getByRole("link").click();
    const body = await admin.locator(".app-mail-body").innerText();
    links.push(/(http\S+\/staff\/reset-password\/\S+)/.exec(body)?.[1] ?? "");
  }
  await admin.context().close();
  return links;
}

test("A person who forgot their password resets it through an emailed link, which signs them out everywhere", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  // A session on another device, which the reset must end.
  const otherDevice = await (await browser.newContext()).newPage();
  await signInOk(otherDevice, EMAIL);

  const answer = await askForLink(page, EMAIL);
  await expectNoAxeViolations(page, { javaScript: false });
  await expectAllTextTranslated(page);
  // An address without an account gets exactly the same answer.
  expect(await askForLink(page, "nobody-here@test.example")).toBe(answer);

  const [link] = await outboxLinks(browser, EMAIL);
  expect(link).toMatch(/\/en\/staff\/reset-password\/[A-Za-z0-9_-]{43}$/);
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set a new password");
  await expectNoAxeViolations(page, { javaScript: false });
  await page.locator("#password").fill("short");
  await page.locator("#confirmPassword").fill("short");
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.locator(".app-error-summary")).toContainText("at least 12 characters");
  await page.locator("#password").fill(NEW_PASSWORD);
  await page.locator("#confirmPassword").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page.getByText("Your new password is set")).toBeVisible();

  // Single use; the other device is signed out; the old password no longer works.
  await page.goto(link!);
  await expect(page.getByText("This link has already been used")).toBeVisible();
  await otherDevice.goto("/en/staff");
  await expect(otherDevice).toHaveURL(/\/staff\/sign-in/);
  await signIn(page, EMAIL, DEMO_PASSWORD, "/en/staff/sign-in");
  await expect(page.locator(".app-error-summary")).toContainText("not correct");
  await signInOk(page, EMAIL, NEW_PASSWORD);

  // The admin sees both steps in the audit log.
  const admin = await (await browser.newContext()).newPage();
  await signInOk(admin, DEMO.admin);
  await admin.goto("/en/staff/admin/audit?action=password_reset_completed");
  await expect(
    admin.getByRole("cell", { name: "Password reset with a link" }).first(),
  ).toBeVisible();
  await admin.goto("/en/staff/admin/audit?action=password_reset_requested");
  await expect(admin.getByRole("cell", { name: "Password reset requested" }).first()).toBeVisible();
});

test("Reset links are throttled to three an hour per account, with the same answer", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const email = "reset-throttle@test.example";
  const answers = new Set<string>();
  for (let attempt = 0; attempt < 4; attempt += 1) answers.add(await askForLink(page, email));
  expect(answers.size).toBe(1);
  const links = await outboxLinks(browser, email);
  expect(links).toHaveLength(3);
  // Only the newest link works: asking again voids the earlier ones.
  await page.goto(links[links.length - 1]!);
  await expect(page.getByText("This link cannot be used")).toBeVisible();
});

test("A reset link that is unknown says so, in Albanian too", async ({ page }) => {
  await page.goto("/staff/reset-password/not-a-real-token");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Kjo lidhje nuk mund të përdoret",
  );
  await expectNoAxeViolations(page, { javaScript: false });
  await expectAllTextTranslated(page);
});
