import { signCurrentDeclaration } from "./declaration-helpers";
import { expect, test } from "./fixtures";
import {
  DEMO,
  DEMO_PASSWORD,
  expectAllTextTranslated,
  expectNoAxeViolations,
  passSecondStepIfAsked,
  pdfTextPages,
  signInOk,
} from "./helpers";

/** The demo board's elected chair (app/board/membership-demo.server.ts DEMO_CHAIR_EMAIL). */
const DEMO_CHAIR = "arta.member@demo.example";

/** The day `days` after today, "YYYY-MM-DD". */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("Approved minutes are locked and printable; an amendment is drafted, saved without losing a second editor's text, circulated, commented on by a member, revised and compared", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const suffix = Date.now().toString(36);
  await signInOk(page, DEMO.secretariat);
  await signCurrentDeclaration(page.request);

  // The demo's past meeting has approved minutes; its page says so and links to them.
  await page.goto("/en/staff/meetings");
  await page.getByRole("table").last().getByRole("link").first().click();
  await expect(page.getByText("The minutes of this meeting are approved.")).toBeVisible();
  const meetingUrl = new URL(page.url()).pathname;
  // The previous meeting's minutes were approved by decision at this one (Art. 10): listed
  // here, and their page names this meeting.
  const approvedHere = page.locator("#approved-here");
  await expect(
    approvedHere.getByRole("heading", { name: "Minutes approved at this meeting" }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await approvedHere
    .getByRole("link", { name: /^Minutes of the meeting of \d\d\.\d\d\.\d{4}$/ })
    .click();
  await expect(page).toHaveURL(/\/minutes$/);
  await expect(page.locator("#minutes-status")).toContainText(
    "Approved by decision at the meeting of",
  );
  await page.goto(meetingUrl);
  await page.locator("#minutes-notice").getByRole("link", { name: "Minutes" }).click();
  await expect(page).toHaveURL(/\/minutes$/);
  const minutesUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    "Minutes of the meeting of Demo advisory board (Tirana)",
  );
  await expect(page.locator("#minutes-status")).toContainText("Approved by the chair on");
  await expect(
    page.getByText(/Fingerprint of the approved text \(SHA-256\): [0-9a-f]{64}/),
  ).toBeVisible();
  // Attendance from the meeting's record: "excused", never the reason.
  await expect(page.getByText("Blerim Demo: excused")).toBeVisible();
  await expect(page.locator("main")).not.toContainText("family commitment");
  // Markdown rendered: bold, lists.
  await expect(page.locator("strong", { hasText: "confidentiality declaration" })).toBeVisible();
  const response = await page.request.get(minutesUrl);
  expect(response.headers()["cache-control"]).toBe("no-store");
  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);

  // Editing approved minutes: 409, and the page offers an amendment.
  const csrf = (await page.locator('input[name="csrf"]').first().inputValue()) ?? "";
  const locked = await page.request.post(minutesUrl, {
    form: { csrf, intent: "save", version: "2", discussion1: "Changed after approval" },
    maxRedirects: 0,
  });
  expect(locked.status()).toBe(409);
  // The 409 page itself says why and offers the amendment (a form posting to its page).
  const lockedPage = await locked.text();
  expect(lockedPage).toContain(
    "These minutes are approved and locked. Start an amendment to change them.",
  );
  expect(lockedPage).toMatch(
    /<form[^>]*action="[^"]*\/minutes\/amendment"[^]*?Start amendment 1<\/button>/,
  );

  // The print view carries the confidentiality mark; the export leaves confidential items out.
  await page.getByRole("link", { name: "Print view", exact: true }).click();
  await expect(page.locator("main")).toContainText("Konfidenciale / Confidential");
  await expect(
    page.getByText("Members' minutes: includes the confidential agenda items."),
  ).toBeVisible();
  // Printed on small pages, so the minutes run over several: every page carries the mark.
  const printed = pdfTextPages(await page.pdf({ format: "A6" }));
  expect(printed.length).toBeGreaterThan(1);
  // Once per page: in its top margin, not again in the document (it was three times on page 1).
  for (const [i, text] of printed.entries())
    expect(text.split("Konfidenciale / Confidential").length - 1, `printed page ${i + 1}`).toBe(1);
  await expectNoAxeViolations(page);
  await page.goBack();

  // An amendment starts from the approved text, shown beside.
  await page.getByRole("button", { name: "Start amendment 1" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Amendment 1 to the minutes");
  await expect(
    page.getByRole("heading", { name: "The approved text before this amendment" }),
  ).toBeVisible();
  await expect(page.locator("#minutes-status")).toContainText("Draft");
  await expectNoAxeViolations(page);

  // Two editors: the second save over the same version keeps both texts.
  const other = await page.context().newPage();
  await other.goto(minutesUrl);
  await page.locator("#discussion2").fill(`Members agreed on three priorities ${suffix}.`);
  await page.getByLabel("Confidential item (left out of the report export)").nth(1).check();
  await page.getByRole("button", { name: "Save", exact: true }).last().click();
  await expect(page.getByText("The minutes are saved.")).toBeVisible();
  await other.locator("#decisions1").fill(`Second editor's decision ${suffix}`);
  await other.getByRole("button", { name: "Save", exact: true }).last().click();
  await expect(other.getByRole("alert").filter({ hasText: "Someone else saved" })).toBeVisible();
  await expect(other.locator("#decisions1")).toHaveValue(`Second editor's decision ${suffix}`);
  await expect(other.getByText(`Members agreed on three priorities ${suffix}.`)).toBeVisible();
  await other.close();

  // The session ends while the secretariat drafts (signed out in another tab): Save leads to
  // the sign-in page, and after signing in the typed text is back on the draft and saves.
  await page.reload();
  await page.locator("#decisions2").fill(`Typed as the session ended ${suffix}`);
  const tab = await page.context().newPage();
  await tab.goto("/en/staff");
  await tab.getByRole("button", { name: "Sign out" }).click();
  await expect(tab).toHaveURL(/signedOut=1/);
  await tab.close();
  await page.getByRole("button", { name: "Save", exact: true }).last().click();
  await expect(page).toHaveURL(/\/staff\/sign-in\?redirectTo=.*&kept=/);
  await page.locator("#email").fill(DEMO.secretariat);
  await page.locator("#password").fill(DEMO_PASSWORD);
  await page.locator("main form button[type=submit]").click();
  await passSecondStepIfAsked(page, DEMO.secretariat);
  await expect(page).toHaveURL(new RegExp(`${minutesUrl}\\?(.*&)?restore=`));
  await expect(page.locator("#restored-notice")).toContainText("Nothing has been saved yet");
  // Not "saved": the earlier save's message (?saved=1) does not come back with unsaved input.
  await expect(page.getByText("The minutes are saved.")).toHaveCount(0);
  await expect(page.locator("#decisions2")).toHaveValue(`Typed as the session ended ${suffix}`);
  await page.getByRole("button", { name: "Save", exact: true }).last().click();
  await expect(page.getByText("The minutes are saved.")).toBeVisible();
  await page.reload();
  await expect(page.locator("#decisions2")).toHaveValue(`Typed as the session ended ${suffix}`);

  // Circulate: a deadline in the past is refused; a later one sends it to the members.
  await page.reload();
  await page.locator("#deadline").fill(dayFromNow(-1));
  await page.getByRole("button", { name: "Save and circulate for comments" }).click();
  await expect(page.locator("#deadline-error")).toContainText("must be after today");
  await page.locator("#deadline").fill(dayFromNow(7));
  await page.getByRole("button", { name: "Save and circulate for comments" }).click();
  await expect(page.getByText("The minutes are circulated. Members have been told.")).toBeVisible();
  await expect(page.locator("#minutes-status")).toContainText("Circulated for comments until");

  // A member comments on one agenda item (a comment needs text).
  const member = await (await browser.newContext()).newPage();
  await signInOk(member, DEMO.board_member);
  await signCurrentDeclaration(member.request);
  await member.goto(minutesUrl);
  await expect(member.getByText("Your answer is awaited")).toBeVisible();
  await member.getByLabel("I have a comment").check();
  await member.getByRole("button", { name: "Send" }).click();
  await expect(member.locator("#body-error")).toContainText("Write your comment.");
  await member.getByLabel("About").selectOption("2");
  await member.locator("#body").fill(`Please add the date ${suffix}.`);
  await member.getByRole("button", { name: "Send" }).click();
  await expect(member.getByText("Your answer is saved. Thank you.")).toBeVisible();
  await expect(member.getByText(`Please add the date ${suffix}.`)).toBeVisible();
  await expectNoAxeViolations(member);
  await member.context().close();

  // The secretariat sees the comment, revises and tells the members, marks it dealt with.
  await page.reload();
  await expect(page.getByText("1 comment not yet dealt with")).toBeVisible();
  await page.locator("#discussion2").fill(`Members agreed on four priorities ${suffix}.`);
  await page.getByRole("button", { name: "Save the revision and tell the members" }).click();
  await expect(page.getByText("The minutes are saved.")).toBeVisible();
  await page.getByRole("button", { name: "Mark as dealt with" }).click();
  await expect(page.getByText("The comment is marked as dealt with.")).toBeVisible();
  await expect(page.getByText("0 comments not yet dealt with")).toBeVisible();

  // Compare the last two revisions: words marked inserted and deleted, not by colour alone.
  await page.getByRole("link", { name: "Compare revisions" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compare two revisions");
  await expect(page.locator("del.app-diff__del").first()).toContainText("three");
  await expect(page.locator("ins.app-diff__ins").first()).toContainText("four");
  const sign = await page
    .locator("ins.app-diff__ins")
    .first()
    .evaluate((el) => getComputedStyle(el, "::before").content);
  expect(sign).toContain("[+");
  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);

  // The report export leaves out the item now marked confidential.
  const exported = await page.request.get(`${minutesUrl}/export`);
  expect(exported.headers()["content-type"]).toContain("text/markdown");
  expect(exported.headers()["content-disposition"]).toMatch(/attachment; filename="document-/);
  const text = await exported.text();
  expect(text).toContain("Konfidenciale / Confidential");
  expect(text).toContain("1. Opening");
  expect(text).not.toContain("Work plan");
  expect(text).not.toContain(`four priorities ${suffix}`);
});

test("The chair signs in, sees the comment not yet dealt with, and approves the circulated minutes, which are then locked with their fingerprint", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInOk(page, DEMO_CHAIR);
  await signCurrentDeclaration(page.request, "Arta Demo");

  // The demo's earlier past meeting (the oldest in the list): its comment period is over.
  await page.goto("/en/staff/meetings");
  const meetingUrl = await page
    .getByRole("table")
    .last()
    .getByRole("link")
    .last()
    .getAttribute("href");
  await page.goto(`${meetingUrl}/minutes`);
  await expect(page.locator("#minutes-status")).toContainText("Waiting for approval.");
  await expect(page.getByText("1 comment not yet dealt with")).toBeVisible();
  await expect(page.getByText("Demo: please add how often the board meets.")).toBeVisible();
  await expect(page.getByText("Comments are closed.")).toBeVisible();
  // Only the chair and the secretariat see who has not answered.
  await expect(page.getByText(/^Not answered yet: /)).toBeVisible();
  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);

  await page.getByRole("button", { name: "Approve and lock the minutes" }).click();
  await expect(page.getByText("The minutes are approved and locked.")).toBeVisible();
  await expect(page.locator("#minutes-status")).toContainText("Approved by the chair on");
  await expect(
    page.getByText(/Fingerprint of the approved text \(SHA-256\): [0-9a-f]{64}/),
  ).toBeVisible();
  // Locked: no approval form any more, and the chair cannot start an amendment.
  await expect(page.getByRole("button", { name: "Approve and lock the minutes" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Start amendment/ })).toHaveCount(0);
});
