import { randomBytes } from "node:crypto";

import { signCurrentDeclaration } from "./declaration-helpers";
import { expect, test, type Browser, type Page } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signIn, signInOk } from "./helpers";
import { hydrated } from "./hydration";

const BOARD = "Demo advisory board in formation (Shkodër)";
const PASSWORD = "a long board member passphrase";

/** The path of the invitation link in the newest outbox message to `email` (admin's page). */
async function invitationPath(admin: Page, email: string): Promise<string> {
  await admin.goto("/en/staff/admin/outbox");
  const row = admin.getByRole("row").filter({ hasText: email }).first();
  // Neutral: the subject says nothing about a board, survivors or trafficking.
  await expect(row).toContainText("Information");
  await row.getByRole("link").click();
  const body = await admin.locator(".app-mail-body").innerText();
  expect(body).not.toMatch(/bord|board|trafik|traffick|surviv|mbijet/i);
  const link = /(http\S+\/staff\/invitations\/\S+)/.exec(body)?.[1] ?? "";
  expect(link).not.toBe("");
  return new URL(link).pathname;
}

/** A new member accepts the invitation, signs in and signs the voluntary participation form. */
async function joinAndSign(
  browser: Browser,
  path: string,
  email: string,
  name: string,
  axe: boolean,
) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(path);
  await page.locator("#password").fill(PASSWORD);
  await page.locator("#confirmPassword").fill(PASSWORD);
  await page.locator("main form button[type=submit]").click();
  await signIn(page, email, PASSWORD, "/en/staff/sign-in");
  await page.goto("/en/staff/membership");
  await expect(page.getByRole("heading", { name: "Voluntary participation form" })).toBeVisible();
  await expect(
    page.getByText("may withdraw from the role they have taken on at any time"),
  ).toBeVisible();
  // Without the confirmation the form is refused, keeping the typed name.
  await page.locator("#signature").fill(name);
  await page.getByRole("button", { name: "Sign the form" }).click();
  await expect(page.locator("#confirm-error")).toContainText("Tick the box");
  await expect(page.locator("#signature")).toHaveValue(name);
  if (axe) await expectNoAxeViolations(page);
  await page.getByLabel("I have read this form and I take part voluntarily.").check();
  await page.getByRole("button", { name: "Sign the form" }).click();
  await expect(page.getByText("The secretariat will activate your membership.")).toBeVisible();
  return page;
}

test("The secretariat forms a board, its members sign up and elect a chair by secret ballot, and a member withdraws", async ({
  page,
  browser,
}) => {
  // Five people sign in (argon2 each) and four pages are scanned: about a minute on an idle machine.
  test.setTimeout(240_000);
  const suffix = randomBytes(4).toString("hex");
  const people = ["Arbana", "Besnik", "Celiku"].map((first) => ({
    name: `${first} Test-${suffix}`,
    email: `${first.toLowerCase()}-${suffix}@test.example`,
  }));

  // The secretariat opens the board in formation and adds three people (having signed the
  // declaration in force: another test may have published a new one).
  await signInOk(page, DEMO.secretariat);
  await signCurrentDeclaration(page.request);
  await page.goto("/en/staff/membership");
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: `Members of ${BOARD}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Members of ${BOARD}`);
  const membersUrl = page.url();
  await page.locator("#fullName").fill("Someone");
  await page.locator("#email").fill("not-an-address");
  await page.getByRole("button", { name: "Add and invite" }).click();
  await expect(page.locator("#email-error")).toContainText("Enter an email address like");
  await expect(page.locator("#fullName")).toHaveValue("Someone");
  for (const person of people) {
    await page.locator("#fullName").fill(person.name);
    await page.locator("#email").fill(person.email);
    await page.getByRole("button", { name: "Add and invite" }).click();
    await expect(page.getByRole("status")).toContainText("Added.");
  }
  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);

  // Each accepts the neutral invitation (in the admin outbox) and signs the form.
  const admin = await (await browser.newContext()).newPage();
  await signInOk(admin, DEMO.admin);
  const members: Page[] = [];
  for (const [i, person] of people.entries()) {
    const path = await invitationPath(admin, person.email);
    members.push(await joinAndSign(browser, path, person.email, person.name, i === 0));
  }

  // Activating: the first two leave the board below 3 members, so a reason is required.
  await page.goto(membersUrl);
  const row = (name: string) => page.getByRole("row").filter({ hasText: name });
  await row(people[0]!.name)
    .getByRole("button", { name: /^Activate/ })
    .click();
  await expect(page.locator(".app-error-summary")).toContainText("Give a reason");
  await row(people[0]!.name)
    .getByRole("textbox")
    .fill("Forming the board: three members sign this week.");
  await row(people[0]!.name)
    .getByRole("button", { name: /^Activate/ })
    .click();
  await expect(page.getByRole("status")).toContainText("The membership is active.");
  await expect(page.locator("[data-composition]")).toHaveAttribute("data-composition", "broken");
  await row(people[1]!.name).getByRole("textbox").fill("Forming the board.");
  await row(people[1]!.name)
    .getByRole("button", { name: /^Activate/ })
    .click();
  await expect(page.getByRole("status")).toContainText("The membership is active.");
  await row(people[2]!.name)
    .getByRole("button", { name: /^Activate/ })
    .click();
  await expect(page.locator("[data-composition]")).toHaveAttribute("data-composition", "ok");
  await expect(page.locator("[data-composition]")).toContainText("3 active members");

  // A chair election: Arbana and Besnik stand.
  await page.getByRole("link", { name: "Elections" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Elections of ${BOARD}`);
  await page.getByRole("checkbox", { name: people[0]!.name }).check();
  await page.getByRole("checkbox", { name: people[1]!.name }).check();
  await page.getByRole("button", { name: "Open the ballot" }).click();
  await expect(page.getByRole("status")).toContainText("The ballot is open.");
  await expect(page.locator("[data-turnout]")).toContainText("0 members have voted so far.");
  await expectNoAxeViolations(page);

  // The ballot is the board's work: not before signing the confidentiality declaration
  // (Art. 13-14, decision 027). Arbana meets the gate; the page says why and links to it.
  const chair = members[0]!;
  await chair.goto("/en/staff/membership");
  await chair.getByRole("link", { name: "Vote: Chair" }).click();
  await expect(chair.getByRole("heading", { level: 1 })).toHaveText(
    "Sign the confidentiality declaration first",
  );
  await expect(chair.getByRole("button", { name: "Cast my secret ballot" })).toHaveCount(0);
  await expectNoAxeViolations(chair);
  await chair.getByRole("link", { name: "Read and sign the declaration" }).click();
  await chair.getByLabel("Your full name").fill(people[0]!.name);
  await chair.getByLabel("I have read the declaration and I agree to it").check();
  await chair.getByRole("button", { name: "Sign the declaration" }).click();
  await expect(chair.getByRole("status")).toContainText("You have signed version");
  for (const [i, member] of members.entries())
    if (i > 0) await signCurrentDeclaration(member.request, people[i]!.name);

  // Three members vote: two for Arbana, one blank. The choice never appears in a URL.
  const choices = [people[0]!.name, "Blank ballot (abstain)", people[0]!.name];
  for (const [i, member] of members.entries()) {
    await member.goto("/en/staff/membership");
    await member.getByRole("link", { name: "Vote: Chair" }).click();
    await expect(member.getByRole("heading", { level: 1 })).toHaveText("Secret ballot: Chair");
    await expect(
      member.getByText("does not protect against someone operating the live server"),
    ).toBeVisible();
    await expect(member.getByText("If everyone votes the same way")).toBeVisible();
    if (i === 0) await expectNoAxeViolations(member);
    await member.getByLabel(choices[i]!).check();
    await member.getByRole("button", { name: "Cast my secret ballot" }).click();
    await expect(member.getByRole("status")).toContainText("Your ballot is in.");
    expect(member.url()).not.toMatch(/choice|blank/);
  }

  // While open, the secretariat sees only how many have voted; then the close shows results.
  await page.reload();
  await expect(page.locator("[data-turnout]")).toContainText("3 members have voted so far.");
  await expect(page.getByRole("table")).toHaveCount(0);
  await page.getByRole("button", { name: "Close the ballot" }).click();
  await expect(page.getByText(`Elected: ${people[0]!.name}`)).toBeVisible();
  const results = page.getByRole("table", { name: "Votes per candidate" });
  await expect(results.getByRole("row").filter({ hasText: people[0]!.name })).toContainText("2");
  await expect(results.getByRole("row").filter({ hasText: "Blank ballots" })).toContainText("1");
  await expectNoAxeViolations(page);

  // The chair, who signed the declaration, may now see the members list with contacts
  // (Art. 14 d).
  await chair.goto("/en/staff/membership");
  await chair.getByRole("link", { name: `Members of ${BOARD}` }).click();
  await expect(chair.getByRole("heading", { level: 1 })).toHaveText(`Members of ${BOARD}`);
  await expect(members[0]!.getByRole("table")).toContainText(people[2]!.email);

  // Celiku withdraws with a written notice and loses access at once.
  const leaving = members[2]!;
  await leaving.goto("/en/staff/membership");
  // Hydrated, so the notice goes through Remix, whose reloading of the page's data afterwards
  // once sent the person to the sign-in page a moment after the confirmation showed (their
  // sessions are gone): this step then passed or failed with the timing.
  await hydrated(leaving);
  await leaving.locator("#reason").fill("Moving to another city.");
  await leaving.getByLabel("I want to withdraw from the board now.").check();
  await leaving.getByRole("button", { name: "Send my notice and withdraw" }).click();
  await expect(leaving.getByRole("heading", { name: "You have withdrawn" })).toBeVisible();
  // ...and it stays: the page's data is not asked for again without a session.
  await leaving.waitForLoadState("networkidle");
  await expect(leaving).toHaveURL(/\/en\/staff\/membership$/);
  await expect(leaving.getByRole("heading", { name: "You have withdrawn" })).toBeVisible();
  await leaving.goto("/en/staff/membership");
  await expect(leaving).toHaveURL(/\/en\/staff\/sign-in/);
  await signIn(leaving, people[2]!.email, PASSWORD, "/en/staff/sign-in");
  await expect(leaving).toHaveURL(/\/en\/staff\/sign-in/);

  // The secretariat and the chair are told by a neutral email; the board is now below the rule.
  await admin.goto("/en/staff/admin/outbox");
  await expect(admin.getByRole("row").filter({ hasText: DEMO.secretariat }).first()).toContainText(
    "Information",
  );
  await expect(admin.getByRole("row").filter({ hasText: people[0]!.email })).toHaveCount(2);
  await page.goto(membersUrl);
  await expect(page.locator("[data-composition]")).toHaveAttribute("data-composition", "broken");
  await expect(row(people[2]!.name)).toContainText("Withdrew on");

  // Celiku asks for their data and its erasure: the admin finds the membership by the exact
  // email (a POST), reads everything held, and erases it now that the membership has ended.
  await signCurrentDeclaration(admin.request);
  await admin.goto("/en/staff/admin/applicants");
  await admin.getByLabel("Reference code or email address").fill(people[2]!.email);
  await admin.getByRole("button", { name: "Find" }).click();
  await admin.getByRole("link", { name: `${BOARD}: member added on` }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Personal data of a member");
  await expect(
    admin.locator(".app-summary-list__row", { hasText: "Full name" }).first(),
  ).toContainText(people[2]!.name);
  await expect(admin.getByRole("heading", { name: "Account" })).toBeVisible();
  await expectNoAxeViolations(admin);
  await admin.getByLabel("The person asked for their data to be erased").check();
  await admin.getByRole("button", { name: "Erase this member's data" }).click();
  await expect(admin.getByRole("status")).toContainText(
    "The member's personal data has been erased.",
  );
  await expect(admin.locator("main")).not.toContainText(people[2]!.name);
});
