import { randomBytes } from "node:crypto";

import { signCurrentDeclaration } from "./declaration-helpers";
import { expect, test, type Browser } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signIn, signInOk } from "./helpers";

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
  // Signed, the member opens a meeting of their board (the demo's latest past meeting).
  await member.goto("/en/staff/meetings");
  const meetingUrl =
    (await member.getByRole("table").last().getByRole("link").first().getAttribute("href")) ?? "";
  expect(meetingUrl).toMatch(/^\/en\/staff\/meetings\/[0-9a-f-]{36}$/);

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

  // The member is blocked at once: the meeting answers 403, says why and links to the
  // declaration; they follow the link, sign the new version, and the meeting opens again.
  const blocked = await member.goto(meetingUrl);
  expect(blocked?.status()).toBe(403);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(
    "Sign the confidentiality declaration first",
  );
  await expect(member.locator("main")).not.toContainText("Meeting of");
  await expectNoAxeViolations(member);
  await member.getByRole("link", { name: "Read and sign the declaration" }).click();
  await expect(member).toHaveURL(/\/en\/staff\/declaration$/);
  await expect(member.locator("main")).toContainText(
    `A new version (${version}) of the declaration has been published`,
  );
  await expect(member.locator(".app-declaration")).toContainText("I keep what I hear to myself.");
  await member.getByLabel("Your full name").fill("Arta Hoxha");
  await member.getByLabel("I have read the declaration and I agree to it").check();
  await member.getByRole("button", { name: "Sign the declaration" }).click();
  await expect(member.getByRole("status")).toContainText(`You have signed version ${version}`);
  const opened = await member.goto(meetingUrl);
  expect(opened?.status()).toBe(200);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(/^Meeting of /);
  await expect(member.getByRole("heading", { name: "Agenda" })).toBeVisible();
  await member.goto("/en/staff/declaration");

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

test("A member who does not want to sign a new version leaves the board from the declaration page, and their access ends", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const suffix = randomBytes(4).toString("hex");
  const name = `Entela Leaves-${suffix}`;
  const email = `entela-${suffix}@test.example`;
  const password = "a long passphrase of a leaving member";
  const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

  // The secretariat adds and activates a member of the board in formation (requests only).
  await signInOk(page, DEMO.secretariat);
  await signCurrentDeclaration(page.request);
  const boardPath =
    /href="(\/en\/staff\/board\/[0-9a-f-]{36}\/members)">Members of Demo advisory board in formation/.exec(
      await (await page.request.get("/en/staff/membership")).text(),
    )?.[1] ?? "";
  expect(boardPath).not.toBe("");
  const added = await page.request.post(boardPath, {
    form: {
      csrf: csrfOf(await (await page.request.get(boardPath)).text()),
      intent: "add",
      fullName: name,
      email,
      phone: "",
    },
  });
  expect(added.status()).toBe(200);
  const admin = await (await browser.newContext()).newPage();
  await signInOk(admin, DEMO.admin);
  await admin.goto("/en/staff/admin/outbox");
  await admin.getByRole("row").filter({ hasText: email }).first().getByRole("link").click();
  const invitation = /(\/staff\/invitations\/\S+)/.exec(
    await admin.locator(".app-mail-body").innerText(),
  )?.[1];
  expect(invitation).toBeTruthy();
  const member = await (await browser.newContext()).newPage();
  await member.goto(invitation!);
  await member.locator("#password").fill(password);
  await member.locator("#confirmPassword").fill(password);
  await member.locator("main form button[type=submit]").click();
  await signIn(member, email, password, "/en/staff/sign-in");
  const membershipPage = await (await member.request.get("/en/staff/membership")).text();
  const membershipId = /name="membershipId" value="([0-9a-f-]{36})"/.exec(membershipPage)?.[1];
  await member.request.post("/en/staff/membership", {
    form: {
      csrf: csrfOf(membershipPage),
      intent: "sign",
      membershipId: membershipId ?? "",
      signature: name,
      confirm: "yes",
    },
  });
  const activated = await page.request.post(boardPath, {
    form: {
      csrf: csrfOf(await (await page.request.get(boardPath)).text()),
      intent: "activate",
      membershipId: membershipId ?? "",
      reason: "Forming the board.",
    },
  });
  expect(await activated.text()).toContain("The membership is active.");
  await signCurrentDeclaration(member.request, name);
  expect((await member.request.get("/en/staff/meetings")).status()).toBe(200);

  // An admin publishes a new version; the member reads it and chooses to leave instead.
  await admin.goto("/en/staff/admin/declaration");
  await admin.getByLabel("Text in English").fill(`Leaving test ${suffix}\n\nA stricter text.`);
  await admin
    .getByLabel("Text in Albanian")
    .fill(`Leaving test ${suffix}\n\nNjë tekst më i rreptë.`);
  await admin.getByRole("button", { name: "Publish the new version" }).click();
  await expect(admin.getByRole("status")).toContainText("is published");
  await member.goto("/en/staff/declaration");
  await expect(member.locator("main")).toContainText("You can leave the board instead");
  await expect(member.getByRole("heading", { name: "Withdraw from the board" })).toBeVisible();
  // The notice without the confirmation is refused on the withdrawal's own box, reason kept.
  await member.locator("#reason").fill("I cannot agree to the new text.");
  await member.getByRole("button", { name: "Send my notice and withdraw" }).click();
  await expect(member.locator("#withdraw-confirm-error")).toContainText("Tick the box");
  await expect(member.locator("#reason")).toHaveValue("I cannot agree to the new text.");
  await expect(member.locator("#confirm-error")).toHaveCount(0);
  await expectNoAxeViolations(member);
  await member.getByLabel("I want to withdraw from the board now.").check();
  await member.getByRole("button", { name: "Send my notice and withdraw" }).click();
  await expect(member.getByRole("heading", { level: 1 })).toHaveText("You have withdrawn");
  await expectNoAxeViolations(member);
  // Access ends at once: the board's pages ask to sign in, and signing in again is refused.
  await member.goto("/en/staff/meetings");
  await expect(member).toHaveURL(/\/en\/staff\/sign-in/);
  await signIn(member, email, password, "/en/staff/sign-in");
  await expect(member).toHaveURL(/\/en\/staff\/sign-in/);
});
