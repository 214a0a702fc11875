import { expect, test } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signIn, signInOk } from "./helpers";

test("An admin invites a coordinator, who sets a password once and signs in", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInOk(page, DEMO.admin);
  await page.getByRole("navigation").getByRole("link", { name: "People", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("People and roles");
  await expectNoAxeViolations(page);

  // Invalid first: values kept, one message per field.
  await page.locator("#displayName").fill("Arta Hoxha");
  await page.locator("#email").fill("not-an-email");
  await page.getByRole("button", { name: "Send invitation", exact: true }).click();
  await expect(page.locator(".app-error-summary")).toContainText(
    "Enter an email address in the correct format",
  );
  await expect(page.locator(".app-error-summary")).toContainText("Select at least one role");
  await expect(page.locator("#displayName")).toHaveValue("Arta Hoxha");

  await page.locator("#email").fill("arta@example.org");
  await page.locator('input[name="roles"][value="coordinator"]').last().check();
  await page.getByRole("button", { name: "Send invitation", exact: true }).click();
  await expect(page.getByText("The invitation is in the Outbox")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Arta Hoxha arta@example.org" })).toBeVisible();

  await page.getByRole("navigation").getByRole("link", { name: "Outbox", exact: true }).click();
  await page.getByRole("link", { name: "Your invitation to Your Voice" }).first().click();
  const body = await page.locator(".app-mail-body").innerText();
  const link = /(http\S+\/staff\/invitations\/\S+)/.exec(body)?.[1];
  expect(link).toBeTruthy();

  const invitee = await browser.newContext();
  const inviteePage = await invitee.newPage();
  await inviteePage.goto(link!);
  await expect(inviteePage.getByRole("heading", { level: 1 })).toHaveText("Set your password");
  await expectNoAxeViolations(inviteePage);
  await inviteePage.locator("#password").fill("password1234");
  await inviteePage.locator("#confirmPassword").fill("password1234");
  await inviteePage.getByRole("button", { name: "Set password" }).click();
  await expect(inviteePage.locator(".app-error-summary")).toContainText("too common");
  await inviteePage.locator("#password").fill("short");
  await inviteePage.locator("#confirmPassword").fill("short");
  await inviteePage.getByRole("button", { name: "Set password" }).click();
  await expect(inviteePage.locator(".app-error-summary")).toContainText("at least 12 characters");
  await inviteePage.locator("#password").fill("lule-bore ne mal te thate");
  await inviteePage.locator("#confirmPassword").fill("lule-bore ne mal te thate");
  await inviteePage.getByRole("button", { name: "Set password" }).click();
  await expect(inviteePage.getByText("Your password is set. You can now sign in.")).toBeVisible();

  // The link works once.
  await inviteePage.goto(link!);
  await expect(inviteePage.getByText("This link has already been used")).toBeVisible();

  await signIn(inviteePage, "arta@example.org", "lule-bore ne mal te thate", "/en/staff/sign-in");
  await expect(inviteePage.getByText("Welcome, Arta Hoxha.")).toBeVisible();
  await expect(inviteePage.getByText("Your roles: Coordinator")).toBeVisible();
  await expect(
    inviteePage.getByRole("navigation").getByRole("link", { name: "People", exact: true }),
  ).toHaveCount(0);
  await expectAllTextTranslated(inviteePage);
  await invitee.close();

  // The admin sees it all in the audit log.
  await page.getByRole("navigation").getByRole("link", { name: "Audit log", exact: true }).click();
  await page.locator("#action").selectOption("invitation_accepted");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("cell", { name: "arta@example.org" }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test("An admin changes someone's roles, and it is audited", async ({ page }) => {
  await signInOk(page, DEMO.admin);
  await page.goto("/en/staff/admin/users");
  const row = page.getByRole("row", { name: /roles-change@test.example/ });
  await row.locator("summary").click();
  await row.locator('input[value="secretariat"]').check();
  await row.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByText("The roles have been saved.")).toBeVisible();
  await expect(page.getByRole("row", { name: /roles-change@test.example/ })).toContainText(
    "Secretariat, Reviewer",
  );
  await page.goto("/en/staff/admin/audit?action=roles_changed");
  await expect(page.getByRole("row", { name: /roles-change@test.example/ }).first()).toContainText(
    "Roles changed",
  );
});

test("Changing a password signs out the person's other sessions", async ({ browser }) => {
  const laptop = await (await browser.newContext()).newPage();
  const phone = await (await browser.newContext()).newPage();
  await signInOk(laptop, "password-change@test.example");
  await signInOk(phone, "password-change@test.example");
  await expect(phone).toHaveURL(/\/en\/staff$/);

  await laptop.goto("/en/staff/account");
  await expectNoAxeViolations(laptop);
  await laptop.locator("#currentPassword").fill("demo-password-for-tests-only");
  await laptop.locator("#password").fill("a brand new board passphrase");
  await laptop.locator("#confirmPassword").fill("a brand new board passphrase");
  await laptop.getByRole("button", { name: "Change password" }).click();
  await expect(laptop.getByText("Your password has been changed.")).toBeVisible();

  await phone.goto("/en/staff");
  await expect(phone).toHaveURL(/sign-in/);
  await laptop.goto("/en/staff");
  await expect(laptop).toHaveURL(/\/en\/staff$/);
});

test("An admin invites a coordinator into an organisation, in Albanian, and can send a pending invitation again", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signInOk(page, DEMO.admin);
  await page.goto("/en/staff/admin/users");
  // Each role says what it can do.
  await expect(page.locator("#roles-coordinator-item-hint")).toContainText(
    "Runs feedback campaigns",
  );

  await page.locator("#displayName").fill("Drita Leka");
  await page.locator("#email").fill("drita@example.org");
  await page.locator('input[name="roles"][value="coordinator"]').last().check();
  await page.getByRole("checkbox", { name: "Demo NGO Tirana" }).check();
  await page.getByRole("radio", { name: "Albanian" }).check();
  await page.getByRole("button", { name: "Send invitation", exact: true }).click();

  // The message is at the top, in view, and the form is empty for the next person.
  const notice = page.locator("#users-notice");
  await expect(notice).toContainText("The invitation is in the Outbox");
  await expect(notice).toBeInViewport();
  await expect(page.locator("#displayName")).toHaveValue("");
  await expect(page.locator("#email")).toHaveValue("");
  await expect(page.getByRole("checkbox", { name: "Demo NGO Tirana" })).not.toBeChecked();
  await expectNoAxeViolations(page);

  // The email is in Albanian, names the portal as its pages do, and links to an Albanian page.
  await page.goto("/en/staff/admin/outbox");
  await page
    .getByRole("row")
    .filter({ hasText: "drita@example.org" })
    .getByRole("link", { name: "Ftesa juaj për Zëri juaj" })
    .click();
  const firstBody = await page.locator(".app-mail-body").innerText();
  expect(firstBody).toContain("Zëri juaj");
  const firstLink = /(http\S+\/staff\/invitations\/\S+)/.exec(firstBody)?.[1] ?? "";
  expect(firstLink).not.toContain("/en/");

  // Inviting the same address again offers to send it again instead of "already exists".
  await page.goto("/en/staff/admin/users");
  await page.locator("#displayName").fill("Drita Leka");
  await page.locator("#email").fill("drita@example.org");
  await page.locator('input[name="roles"][value="coordinator"]').last().check();
  await page.getByRole("button", { name: "Send invitation", exact: true }).click();
  await expect(page.getByText("has been invited but has not set a password yet")).toBeVisible();
  await expect(page.getByText("already exists")).toHaveCount(0);
  await page.getByRole("button", { name: "Send the invitation again" }).click();
  await expect(page.locator("#users-notice")).toContainText("The invitation is in the Outbox");

  await page.goto("/en/staff/admin/outbox");
  await page
    .getByRole("row")
    .filter({ hasText: "drita@example.org" })
    .first()
    .getByRole("link")
    .click();
  const secondLink =
    /(http\S+\/staff\/invitations\/\S+)/.exec(
      await page.locator(".app-mail-body").innerText(),
    )?.[1] ?? "";
  expect(secondLink).not.toBe(firstLink);

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(firstLink);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText(
    "Kjo lidhje nuk mund të përdoret",
  );
  await invitee.goto(secondLink);
  await invitee.locator("#password").fill("drita lule ne pranvere");
  await invitee.locator("#confirmPassword").fill("drita lule ne pranvere");
  await invitee.locator("main form button[type=submit]").click();
  // After accepting, the sign-in form already has the email filled in.
  await expect(invitee.locator("#email")).toHaveValue("drita@example.org");
  await expectNoAxeViolations(invitee, { javaScript: false });
  await invitee.locator("#password").fill("drita lule ne pranvere");
  await invitee.locator("main form button[type=submit]").click();
  await expect(invitee).toHaveURL(/\/staff$/);
  // Attached at once: the coordinator lands on their organisation, not "not a member".
  await invitee.goto("/staff/organisations");
  await expect(invitee.getByRole("link", { name: "Demo NGO Tirana" })).toBeVisible();
});
