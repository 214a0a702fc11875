import { expect, test, type Page } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signInOk } from "./helpers";
import { startPortalInstance, startSmtpSink } from "./smtp-sink";

// The demo board's call (app/board/demo-board.server.ts): three applicants; the demo reviewer is
// assigned to it and works for Demo NGO Tirana, which nominated "Demo Aplikant Dy".
const ONE = "Demo Aplikante Një";
const TWO = "Demo Aplikant Dy";
const THREE = "Demo Aplikante Tre";

test.describe.configure({ mode: "serial" });

/** The secretariat's review page of the demo call; answers its path. */
async function openCallReview(page: Page): Promise<string> {
  await page.goto("/en/staff/board");
  await page.getByRole("link", { name: "Demo advisory board (Tirana)", exact: true }).click();
  await page.locator('main a[href*="/calls/"]').first().click();
  await page.getByRole("link", { name: "Review of applications" }).click();
  await expect(page.getByRole("heading", { name: "Review of applications" })).toBeVisible();
  return new URL(page.url()).pathname;
}

const conflictRow = (page: Page, applicant: string) =>
  page.getByRole("row").filter({ hasText: "Demo Reviewer" }).filter({ hasText: applicant });

let reviewPath = "";
let twoId = "";

test("A reviewer goes through the names alone, reviews blind and scores, and every opening is audited", async ({
  browser,
}) => {
  const secretariat = await (await browser.newContext()).newPage();
  await signInOk(secretariat, DEMO.secretariat);
  reviewPath = await openCallReview(secretariat);
  // The portal found the conflict by itself: the reviewer's organisation nominated applicant two.
  await expect(conflictRow(secretariat, TWO)).toContainText(
    "The reviewer's organisation nominated the applicant",
  );
  twoId =
    /redact\/([0-9a-f-]{36})/.exec(
      (await secretariat
        .getByRole("row")
        .filter({ hasText: TWO })
        .getByRole("link")
        .getAttribute("href")) ?? "",
    )?.[1] ?? "";
  expect(twoId).not.toBe("");

  // The secretariat redacts applicant one's free text for blind review: preview, then save.
  await secretariat.getByRole("link", { name: `Redact ${ONE}` }).click();
  await secretariat.getByLabel("Organisations").fill("qender komunitare");
  await secretariat.getByRole("button", { name: "Preview" }).click();
  await expect(secretariat.locator(".app-redaction__preview")).toContainText(
    "Vullnetare në një [organisation] për gra (demo).",
  );
  await expectNoAxeViolations(secretariat);
  await secretariat.getByRole("button", { name: "Save for reviewers" }).click();
  await expect(secretariat.getByRole("row").filter({ hasText: ONE })).toContainText("Redacted");

  // The reviewer must go through the list of names before any application.
  const reviewer = await (await browser.newContext()).newPage();
  await signInOk(reviewer, DEMO.reviewer);
  await reviewer.goto("/en/staff/review");
  await reviewer.getByRole("link", { name: "First: the list of names" }).click();
  await expect(
    reviewer.getByRole("heading", { name: "Do you know any of the applicants?" }),
  ).toBeVisible();
  for (const name of [ONE, TWO, THREE]) await expect(reviewer.getByLabel(name)).toBeVisible();
  // Names alone: nothing on the page ties a name to an application's address.
  expect(await reviewer.content()).not.toContain(twoId);
  await expectNoAxeViolations(reviewer);
  await expectAllTextTranslated(reviewer);
  await reviewer.getByLabel(THREE).check();
  await reviewer.getByRole("button", { name: "Continue" }).click();

  // Only applicant one is open: two is their organisation's nominee, three they know.
  await expect(reviewer.getByText("Thank you. You can now review the applications.")).toBeVisible();
  await expect(reviewer.locator("main tbody tr")).toHaveCount(1);
  await reviewer.getByRole("link", { name: /^Application [0-9A-F]{6}$/ }).click();
  await expect(reviewer.getByText("Blind review: names, towns and organisations")).toBeVisible();
  await expect(reviewer.getByText("[organisation]")).toBeVisible();
  const blindPage = await reviewer.locator("main").innerText();
  expect(blindPage).not.toMatch(/Aplikante|1994|11\.02|Tiranë|applicant1@/);
  await expectNoAxeViolations(reviewer);
  // A score missing: one message per criterion, the notes kept.
  await reviewer.getByLabel("Your notes (optional)").fill("Clear answers about community work.");
  await reviewer.getByRole("button", { name: "Save my scores" }).click();
  await expect(reviewer.locator("#experience-error")).toContainText("Choose a score from 0 to 3");
  await expect(reviewer.getByLabel("Your notes (optional)")).toHaveValue(
    "Clear answers about community work.",
  );
  await reviewer.getByRole("radiogroup", { name: "Experience" }).getByLabel("2: clearly").check();
  await reviewer.getByRole("radiogroup", { name: "Expertise" }).getByLabel("3: strongly").check();
  await reviewer
    .getByRole("radiogroup", { name: "Active participation" })
    .getByLabel("1: a little")
    .check();
  await reviewer.getByRole("button", { name: "Save my scores" }).click();
  await expect(reviewer.locator("main tbody tr")).toContainText("Scored");

  // The application their organisation nominated does not exist for them.
  const callId = /\/calls\/([0-9a-f-]{36})\//.exec(reviewPath)?.[1] ?? "";
  const refused = await reviewer.goto(`/en/staff/review/${callId}/${twoId}`);
  expect(refused?.status()).toBe(404);

  // The secretariat sees the reviewer's recusal.
  await secretariat.goto(reviewPath);
  await expect(conflictRow(secretariat, THREE)).toContainText("The reviewer marked the name");

  // The admin reads who opened which application, and when.
  const admin = await (await browser.newContext()).newPage();
  await signInOk(admin, DEMO.admin);
  await admin.goto("/en/staff/admin/audit?action=board_application_opened");
  await expect(
    admin
      .getByRole("row")
      .filter({ hasText: DEMO.reviewer })
      .filter({ hasText: "Application opened" })
      .first(),
  ).toBeVisible();
  await expect(
    admin
      .getByRole("row")
      .filter({ hasText: DEMO.secretariat })
      .filter({ hasText: "Application opened" })
      .first(),
  ).toBeVisible();
  for (const page of [secretariat, reviewer, admin]) await page.context().close();
});

test("The secretariat compares the scores, shortlists with a balance table, fixes the list (ending blind review), records the NRM vote, and a reviewer who leaves keeps their scores counted", async ({
  browser,
}) => {
  const secretariat = await (await browser.newContext()).newPage();
  await signInOk(secretariat, DEMO.secretariat);
  await secretariat.goto(reviewPath);
  await expectNoAxeViolations(secretariat);
  await secretariat.getByRole("link", { name: "Scores side by side" }).click();
  const one = secretariat.getByRole("row").filter({ hasText: ONE });
  await expect(one).toContainText("2 / 3 / 1 (total 6)");
  await expect(one).toContainText("Clear answers about community work.");
  await expect(secretariat.getByRole("row").filter({ hasText: TWO })).toContainText(
    "Conflict: left out",
  );
  await expectNoAxeViolations(secretariat);

  await secretariat.goto(`${reviewPath.replace(/\/review$/, "")}/shortlist`);
  await secretariat.getByLabel(ONE).check();
  await secretariat.getByLabel(TWO).check();
  await secretariat.getByRole("button", { name: "Save the shortlist" }).click();
  await expect(secretariat.getByText("The shortlist was saved.")).toBeVisible();
  // One woman and one man: each shown as "fewer than 3", never as 1.
  const gender = secretariat.locator("table").filter({ hasText: "Gender" });
  await expect(gender.getByRole("row", { name: /^Woman/ })).toContainText("fewer than 3");
  await expect(gender.getByRole("row", { name: /^Man/ })).toContainText("fewer than 3");
  await expectAllTextTranslated(secretariat);
  await expectNoAxeViolations(secretariat);
  await secretariat.getByRole("button", { name: "Fix the shortlist" }).click();
  await expect(secretariat.getByText("The shortlist is fixed.", { exact: true })).toBeVisible();

  // The NRM vote: a list sent less than 10 working days before the meeting needs a reason.
  await secretariat.goto(`${reviewPath.replace(/\/review$/, "")}/selection`);
  await secretariat.getByLabel("Date of the NRM meeting").fill("2026-12-14");
  await secretariat.getByLabel("Day the list was sent to the directorate").fill("2026-11-27");
  await secretariat.getByRole("button", { name: "Save", exact: true }).click();
  await expect(secretariat.locator("#lateReason-error")).toContainText("give the reason");
  await expect(secretariat.getByText("the list had to be sent by 26.11.2026")).toBeVisible();
  await expect(secretariat.getByLabel("Day the list was sent to the directorate")).toHaveValue(
    "2026-11-27",
  );
  await secretariat
    .getByLabel("Reason, if the list was sent late")
    .fill("The directorate moved the meeting.");
  await secretariat.getByRole("button", { name: "Save", exact: true }).click();
  await expect(secretariat.getByText("Sent late. Reason recorded")).toBeVisible();
  const candidate = secretariat.locator("form").filter({ hasText: ONE });
  await candidate.getByLabel("Votes for").fill("5");
  await candidate.getByLabel("Votes against").fill("1");
  await candidate.getByLabel("Selected", { exact: true }).check();
  await candidate.getByRole("button", { name: "Save the vote" }).click();
  await expect(secretariat.getByText("The vote was recorded.")).toBeVisible();
  await expect(secretariat.locator("form").filter({ hasText: ONE })).toContainText("Selected");
  // The outcome: a neutral message to the applicant (email was allowed) and the invitation,
  // through a real SMTP conversation: an SMTP server started here, and a second instance of
  // the portal on the same data sending through it (tests/e2e/smtp-sink.ts).
  await expect(secretariat.getByText("1 decided applicant has not been told yet.")).toBeVisible();
  const sink = await startSmtpSink();
  const smtpPortal = await startPortalInstance({ SMTP_URL: sink.url });
  try {
    const selectionPath = new URL(secretariat.url()).pathname;
    await secretariat.goto(`${smtpPortal.url}${selectionPath}`);
    await secretariat.getByRole("button", { name: "Send the outcome messages" }).click();
    await expect(secretariat.getByText("1 message sent.")).toBeVisible();
    await expect
      .poll(() => sink.received.filter((mail) => mail.to.includes("applicant1@demo.example")))
      .toHaveLength(2);
    for (const mail of sink.received) {
      // Neutral in sender and subject: nothing about the board, trafficking or survivors.
      expect(mail.subject).not.toMatch(
        /bord|board|trafik|traffick|surviv|mbijet|select|zgjedh|anëtar|member/i,
      );
      expect(mail.text).not.toMatch(/board|bord|trafik|traffick|selected|zgjedh/i);
    }
    // The outcome itself waits behind the reference code, on the status page (in Albanian,
    // the language the applicant applied in).
    const outcome = sink.received.find((mail) => mail.text.includes("/gjendja"));
    expect(outcome?.subject).toBe("Informacion për takimin");
    expect(outcome?.text).toContain("Ka të reja për formularin që na dërguat.");
    await secretariat.goto(selectionPath);
  } finally {
    await smtpPortal.stop();
    await sink.close();
  }
  await expectNoAxeViolations(secretariat);

  // Blind review has ended: the reviewer now sees the name.
  const reviewer = await (await browser.newContext()).newPage();
  await signInOk(reviewer, DEMO.reviewer);
  await reviewer.goto("/en/staff/review");
  await reviewer.getByRole("link", { name: "Review the applications" }).click();
  await reviewer.getByRole("link", { name: /^Application [0-9A-F]{6}$/ }).click();
  await expect(reviewer.getByText(ONE)).toBeVisible();
  await reviewer.context().close();

  // The reviewer leaves the call: the scores they gave still count, shown as a former
  // reviewer's (decision 039). Assigned again afterwards, they go through the names again.
  await secretariat.goto(reviewPath);
  const demoReviewer = secretariat.getByLabel("Demo Reviewer (reviewer@demo.example)");
  await demoReviewer.uncheck();
  await secretariat.getByRole("button", { name: "Save the reviewers" }).click();
  await expect(secretariat.getByText("The reviewers were saved.")).toBeVisible();
  await secretariat.getByRole("link", { name: "Scores side by side" }).click();
  await expect(secretariat.getByRole("columnheader", { name: /Demo Reviewer/ })).toContainText(
    "Former reviewer",
  );
  await expect(secretariat.getByRole("row").filter({ hasText: ONE })).toContainText(
    "2 / 3 / 1 (total 6)",
  );
  await expect(secretariat.getByText("The scores they gave before stay counted")).toBeVisible();
  await expectAllTextTranslated(secretariat);
  await secretariat.goto(reviewPath);
  await secretariat.getByLabel("Demo Reviewer (reviewer@demo.example)").check();
  await secretariat.getByRole("button", { name: "Save the reviewers" }).click();
  await expect(secretariat.getByText("The reviewers were saved.")).toBeVisible();
  await secretariat.context().close();
});
