import { expect, test, type Browser } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signInOk } from "./helpers";

async function signedIn(browser: Browser, email: string, lang: "sq" | "en" = "en") {
  const page = await (await browser.newContext()).newPage();
  await signInOk(page, email, undefined, lang);
  return page;
}

test("A board member reads and signs the declaration, a new version asks again, and each signed copy can be printed", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const member = await signedIn(browser, DEMO.board_member, "sq");
  await member.goto("/staff/declaration");
  const heading = member.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText("Deklarata e konfidencialitetit");
  await expect(member.locator(".app-declaration")).toContainText("Ligjin nr. 124/2024");
  const form = member.locator("main form");
  if (await form.count()) {
    // Nothing typed: one message per field, in Albanian, and the page keeps working.
    await form.getByRole("button", { name: "Nënshkruaj deklaratën" }).click();
    await expect(member.locator(".app-error-summary")).toContainText("Shkruani emrin dhe mbiemrin");
    await expect(member.locator(".app-error-summary")).toContainText(
      "Konfirmoni që e keni lexuar deklaratën",
    );
    await expectNoAxeViolations(member);
    await member.getByLabel("Emri dhe mbiemri juaj").fill("Arta Hoxha");
    await member.getByLabel("E kam lexuar deklaratën dhe jam dakord me të").check();
    await member.getByRole("button", { name: "Nënshkruaj deklaratën" }).click();
    await expect(member.getByRole("status")).toContainText("Keni nënshkruar versionin");
  }
  await expect(member.locator("main form")).toHaveCount(0);
  await expectAllTextTranslated(member);
  await expectNoAxeViolations(member);

  // An admin publishes a new version: the member is asked to sign again.
  const admin = await signedIn(browser, DEMO.admin);
  await admin.goto("/en/staff/admin/declaration");
  await expectNoAxeViolations(admin);
  await admin.getByLabel("Text in English").fill("");
  await admin.getByRole("button", { name: "Publish the new version" }).click();
  await expect(admin.locator(".app-error-summary")).toContainText("Enter the text in English");
  // What was typed in the other box is kept.
  await expect(admin.getByLabel("Text in Albanian")).not.toHaveValue("");
  const marker = `Version test ${Date.now()}`;
  await admin.getByLabel("Text in English").fill(`${marker}\n\nI keep what I hear to myself.`);
  await admin.getByLabel("Text in Albanian").fill(`${marker}\n\nRuaj për vete atë që dëgjoj.`);
  await admin.getByRole("button", { name: "Publish the new version" }).click();
  await expect(admin.getByRole("status")).toContainText("is published");
  const version = Number(
    /Version (\d+) is published/.exec(await admin.getByRole("status").innerText())?.[1],
  );
  expect(version).toBeGreaterThan(1);

  await member.goto("/en/staff/declaration");
  await expect(member.locator("main")).toContainText(
    `A new version (${version}) of the declaration has been published`,
  );
  await expect(member.locator(".app-declaration")).toContainText("I keep what I hear to myself.");
  await member.getByLabel("Your full name").fill("Arta Hoxha");
  await member.getByLabel("I have read the declaration and I agree to it").check();
  await member.getByRole("button", { name: "Sign the declaration" }).click();
  await expect(member.getByRole("status")).toContainText(`You have signed version ${version}`);

  // The signed copy: the text read, the typed name, the date and the text's fingerprint.
  await member.getByRole("link", { name: new RegExp(`^Version ${version}, signed on`) }).click();
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(
    `Signed document, version ${version}`,
  );
  await expect(member.locator("main")).toContainText("Arta Hoxha");
  await expect(member.locator("main")).toContainText(/[0-9a-f]{64}/);
  // Neutral in a browser tab, a print-out or a saved PDF.
  await expect(member).toHaveTitle(/^Signed document/);
  await expectNoAxeViolations(member);

  // The audit log names both actions and never the typed name.
  await admin.goto("/en/staff/admin/audit");
  await expect(admin.locator("main")).toContainText("Confidentiality declaration published");
  await expect(admin.locator("main")).toContainText("Confidentiality declaration signed");
  await expect(admin.locator("main")).not.toContainText("Arta Hoxha");
});
