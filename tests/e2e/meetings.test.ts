import { signCurrentDeclaration } from "./declaration-helpers";
import { expect, test } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signIn, signInOk } from "./helpers";
import { startPortalInstance, startSmtpSink } from "./smtp-sink";

const BOARD = "Demo advisory board (Tirana)";

/** What a test started (a second portal instance, an SMTP server): stopped even when it fails. */
const stopAfterTest: (() => Promise<void>)[] = [];
test.afterEach(async () => {
  for (const stop of stopAfterTest.splice(0)) await stop();
});

/** The day `days` after today, "YYYY-MM-DD" (UTC is close enough: a few days either way). */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("The secretariat schedules a meeting (refused inside the notice window, accepted as extraordinary with a reason), a member declines with a reason only the secretariat sees, and attendance is recorded apart from the answers", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  await signInOk(page, DEMO.secretariat);
  await signCurrentDeclaration(page.request);

  // The board page counts this year's meetings and leads to the board's meetings.
  await page.goto("/en/staff/board");
  await page.getByRole("link", { name: BOARD, exact: true }).click();
  await expect(page.getByRole("heading", { name: "Meetings", exact: true })).toBeVisible();
  await expect(page.getByText(/\d+ meetings? held this year/)).toBeVisible();
  // The warning (Art. 11: at least twice a year) shows exactly when held and scheduled this
  // year are fewer than two: the demo board's count depends on today's date.
  const counted = await page.locator("#board-meetings-heading + p").innerText();
  const [held, scheduled] = [/(\d+) meetings? held/, /(\d+) meetings? scheduled/].map((re) =>
    Number(re.exec(counted)?.[1]),
  );
  const warning = page.locator('[data-meetings="few"]');
  await expect(warning).toHaveCount(held! + scheduled! < 2 ? 1 : 0);
  const boardUrl = page.url();
  // The board in formation has held and scheduled none: warned.
  await page.goto("/en/staff/board");
  await page.getByRole("link", { name: "Demo advisory board in formation (Shkodër)" }).click();
  await expect(page.getByText("0 meetings held this year")).toBeVisible();
  await expect(warning).toContainText("Fewer than two meetings are held or scheduled this year.");
  await page.goto(boardUrl);
  await page.getByRole("link", { name: "Meetings of this board" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Meetings of ${BOARD}`);
  await expectNoAxeViolations(page);

  // The invitations go through a real SMTP conversation: an SMTP server started here, and a
  // second instance of the portal sending through it (same data), where the meeting is
  // scheduled. The session is the same on both.
  const sink = await startSmtpSink();
  const smtpPortal = await startPortalInstance({ SMTP_URL: sink.url });
  stopAfterTest.push(smtpPortal.stop, sink.close);
  await page.goto(`${smtpPortal.url}${new URL(page.url()).pathname}`);

  // Three days ahead is inside the 5-working-day notice: refused, naming the last day, the
  // typed values kept.
  const day = dayFromNow(3);
  const place = `Room ${suffix}`;
  await page.locator("#date").fill(day);
  await page.locator("#time").fill("10:00");
  await page.locator("#place").fill(place);
  await page.locator("#itemTitle1").fill("Opening");
  await page.locator("#itemSummary1").fill("Welcome and the agenda");
  await page.locator("#briefing").fill("Work since the last meeting.");
  // Every current member is ticked by default, the chair included.
  await expect(page.getByLabel("Arta Demo (chair)")).toBeChecked();
  await page.getByRole("button", { name: "Schedule and send the invitations" }).click();
  await expect(page.locator("#date-error")).toContainText("too late to give 5 working days");
  await expect(page.locator("#notice-late")).toContainText(
    /Notice would have been in time on or before \d{2}\.\d{2}\.\d{4}/,
  );
  await expect(page.locator("#place")).toHaveValue(place);
  // A day in the past: refused, naming the first day that can still get the notice.
  await page.locator("#date").fill(dayFromNow(-2));
  await page.getByRole("button", { name: "Schedule and send the invitations" }).click();
  await expect(page.locator("#date-error")).toContainText("must start later than now");
  await expect(page.locator("#notice-first")).toContainText(
    /The first day a meeting can be scheduled for .* is \d{2}\.\d{2}\.\d{4}\./,
  );
  await page.locator("#date").fill(day);

  // Extraordinary needs a reason; with one, it is scheduled.
  await page.getByLabel("This is an extraordinary meeting").check();
  await page.getByRole("button", { name: "Schedule and send the invitations" }).click();
  await expect(page.locator("#extraordinaryReason-error")).toContainText("Enter the reason");
  await page.locator("#extraordinaryReason").fill("Requested by a member");
  await page.getByRole("button", { name: "Schedule and send the invitations" }).click();
  await expect(
    page.getByText("The meeting is scheduled and the invitations are sent."),
  ).toBeVisible();
  await expect(
    page.getByText("Extraordinary meeting. Reason: Requested by a member"),
  ).toBeVisible();
  await expect(page.getByText("Welcome and the agenda")).toBeVisible();
  await expect(page.getByText("5 not answered")).toBeVisible();
  const meetingUrl = new URL(page.url()).pathname;

  // The SMTP server received the invitations: a neutral subject in sq or en, and a link to
  // the meeting (behind sign-in) that the member follows below.
  await expect
    .poll(() => sink.received.some((mail) => mail.to.includes(DEMO.board_member)))
    .toBe(true);
  for (const mail of sink.received) {
    expect(mail.subject).not.toMatch(/bord|board|trafik|traffick|surviv|mbijet|mbledhj/i);
    expect(mail.text).not.toContain(place);
  }
  const toMember = sink.received.find((mail) => mail.to.includes(DEMO.board_member));
  expect(toMember?.subject).toMatch(/^(Information|Informacion)$/);
  const mailLink =
    /(http\S+\/staff\/meetings\/[0-9a-f-]{36})/.exec(toMember?.text ?? "")?.[1] ?? "";
  expect(mailLink.endsWith(meetingUrl.replace(/^\/en/, ""))).toBe(true);
  await page.goto(meetingUrl);
  const response = await page.request.get(meetingUrl);
  // Agendas, briefings and answers are never cached (the server sets it on every page).
  expect(response.headers()["cache-control"]).toBe("no-store");
  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);

  // The demo board member answers in the portal: a decline needs a written reason.
  const member = await (await browser.newContext()).newPage();
  await signInOk(member, DEMO.board_member);
  await signCurrentDeclaration(member.request);
  await member.goto("/en/staff/meetings");
  await expect(member.getByRole("heading", { name: "Coming meetings" })).toBeVisible();
  // The link from the email (in the member's language, Albanian) opens the meeting.
  await member.goto(new URL(mailLink).pathname);
  await expect(member.getByText("Nuk jeni përgjigjur ende.")).toBeVisible();
  await member.goto(meetingUrl);
  await expect(member.getByText("You have not answered yet.")).toBeVisible();
  await member.getByLabel("I cannot attend").check();
  await member.getByRole("button", { name: "Send my answer" }).click();
  await expect(member.locator("#reason-error")).toContainText("Write why you cannot attend");
  const reason = `Hospital appointment ${suffix}`;
  await member.locator("#reason").fill(reason);
  await member.getByRole("button", { name: "Send my answer" }).click();
  await expect(member.getByText("Your answer is saved.")).toBeVisible();
  await expect(member.getByText("You said that you cannot attend.")).toBeVisible();
  // Members do not see the answers of others, nor any reason.
  await expect(member.getByRole("heading", { name: "Answers" })).toHaveCount(0);
  await expect(member.getByText(reason)).toHaveCount(0);
  await member.context().close();

  // The secretariat sees who declined and why, and cannot record attendance before the day.
  await page.reload();
  await expect(page.getByText("1 declined")).toBeVisible();
  await expect(page.getByRole("cell", { name: reason })).toBeVisible();
  await expect(
    page.getByText("Attendance can be recorded from the day of the meeting."),
  ).toBeVisible();

  // The demo's past meeting: attendance recorded apart from the answers, and changed.
  await page.goto("/en/staff/meetings");
  await page.getByRole("table").last().getByRole("link").first().click();
  // The answers table (the page's task tables name members too).
  const answers = page.locator("section", { has: page.getByRole("heading", { name: "Answers" }) });
  const blerim = answers.getByRole("row").filter({ hasText: "Blerim Demo" });
  await expect(blerim).toContainText("Declined");
  await expect(blerim).toContainText("Excused");
  await page.getByLabel("Attendance of Dorina Demo").selectOption("left_early");
  await page.getByRole("button", { name: "Save the attendance" }).click();
  await expect(page.getByText("Attendance recorded for 5 people.")).toBeVisible();
  await expect(answers.getByRole("row").filter({ hasText: "Dorina Demo" })).toContainText(
    "Left early",
  );
});

test("A guest invited to one meeting signs the declaration, then sees that meeting and no other; the admin adds and removes a day the office is closed", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const email = `guest-${Date.now().toString(36)}@test.example`;
  await signInOk(page, DEMO.secretariat);
  await signCurrentDeclaration(page.request);
  await page.goto("/en/staff/meetings");
  const coming = page.getByRole("table").first().getByRole("link").first();
  const meetingUrl = (await coming.getAttribute("href")) ?? "";
  const pastUrl =
    (await page.getByRole("table").last().getByRole("link").first().getAttribute("href")) ?? "";
  await page.goto(meetingUrl);
  await page.locator("#guestName").fill("Gentiana Guest");
  await page.locator("#guestEmail").fill(email);
  // The guest's email goes in the language chosen for them.
  await page.locator('input[name="guestLang"][value="en"]').check();
  await page.getByRole("button", { name: "Invite the guest" }).click();
  await expect(page.getByText("The guest is invited.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Gentiana Guest (guest)" })).toBeVisible();

  // The neutral invitation, read from the admin outbox.
  const admin = await (await browser.newContext()).newPage();
  await signInOk(admin, DEMO.admin);
  await admin.goto("/en/staff/admin/outbox");
  const row = admin.getByRole("row").filter({ hasText: email }).first();
  await expect(row).toContainText("Information");
  await row.getByRole("link").click();
  const body = await admin.locator(".app-mail-body").innerText();
  expect(body).not.toMatch(/bord|board|meeting|mbledhj|trafik|traffick/i);
  const link = /(http\S+\/staff\/invitations\/\S+)/.exec(body)?.[1] ?? "";

  // The admin keeps the days the office is closed (they do not count for the notice): a day
  // without a label is refused with the day kept, then added, listed and removed again (a
  // year ahead, so no other test's notice changes).
  const closed = dayFromNow(400);
  const label = `Office closed ${Date.now().toString(36)}`;
  const shown = closed.split("-").reverse().join(".");
  await admin.goto("/en/staff/admin/closed-days");
  await admin.locator("#day").fill(closed);
  await admin.getByRole("button", { name: "Add the day" }).click();
  await expect(admin.locator("#label-error")).toContainText("Write a short label");
  await expect(admin.locator("#day")).toHaveValue(closed);
  await admin.locator("#label").fill(label);
  await admin.getByRole("button", { name: "Add the day" }).click();
  await expect(admin.getByText("The closed day is added.")).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: label })).toContainText(shown);
  await expectNoAxeViolations(admin);
  await expectAllTextTranslated(admin);
  await admin.getByRole("button", { name: `Remove ${shown}` }).click();
  await expect(admin.getByText("The closed day is removed.")).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: label })).toHaveCount(0);
  await admin.context().close();

  // The guest sets a password and signs in: the meeting asks for the declaration first.
  const guest = await (await browser.newContext()).newPage();
  await guest.goto(new URL(link).pathname);
  const password = "a long guest passphrase for tests";
  await guest.locator("#password").fill(password);
  await guest.locator("#confirmPassword").fill(password);
  await guest.locator("main form button[type=submit]").click();
  await signIn(guest, email, password, "/en/staff/sign-in");
  const refused = await guest.goto(meetingUrl);
  expect(refused?.status()).toBe(403);
  await expect(
    guest.getByRole("heading", { name: "Sign the confidentiality declaration first" }),
  ).toBeVisible();
  await signCurrentDeclaration(guest.request, "Gentiana Guest");
  await guest.goto(meetingUrl);
  await expect(guest.getByRole("heading", { name: "Agenda" })).toBeVisible();
  await expect(guest.getByText("You have not answered yet.")).toBeVisible();
  // Another meeting of the same board stays closed, and the list shows this one only.
  expect((await guest.goto(pastUrl))?.status()).toBe(403);
  await guest.goto("/en/staff/meetings");
  await expect(guest.getByRole("table").getByRole("link")).toHaveCount(1);
  await expectNoAxeViolations(guest);
});
