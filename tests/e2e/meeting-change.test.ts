import { signCurrentDeclaration } from "./declaration-helpers";
import { expect, test } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signInOk } from "./helpers";

const BOARD = "Demo advisory board (Tirana)";

/** The day `days` after today, "YYYY-MM-DD" (UTC is close enough: far from the notice edge). */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("The secretariat changes a coming meeting (its time and agenda) and then cancels it with a reason: the member sees it cancelled, without the reason, and can no longer answer", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  await signInOk(page, DEMO.secretariat);
  await signCurrentDeclaration(page.request);

  // A meeting far ahead (other tests use the demo's coming meeting, the soonest one).
  await page.goto("/en/staff/board");
  await page.getByRole("link", { name: BOARD, exact: true }).click();
  await page.getByRole("link", { name: "Meetings of this board" }).click();
  const place = `Room ${suffix}`;
  await page.locator("#date").fill(dayFromNow(90));
  await page.locator("#time").fill("10:00");
  await page.locator("#place").fill(place);
  await page.locator("#itemTitle1").fill("Opening");
  await page.locator("#itemSummary1").fill("Welcome and the agenda");
  await page.locator("#briefing").fill("Work since the last meeting.");
  await page.getByRole("button", { name: "Schedule and send the invitations" }).click();
  await expect(
    page.getByText("The meeting is scheduled and the invitations are sent."),
  ).toBeVisible();
  const meetingUrl = new URL(page.url()).pathname;

  // The demo board member confirms.
  const member = await (await browser.newContext()).newPage();
  await signInOk(member, DEMO.board_member);
  await signCurrentDeclaration(member.request);
  await member.goto(meetingUrl);
  await member.getByLabel("I will attend").check();
  await member.getByRole("button", { name: "Send my answer" }).click();
  await expect(member.getByText("You confirmed that you will attend.")).toBeVisible();

  // Change the time: the form starts from the meeting as it is; everyone answers again.
  await page.getByRole("link", { name: "Change or cancel this meeting" }).click();
  await expect(page.locator("#place")).toHaveValue(place);
  await expectNoAxeViolations(page);
  await expectAllTextTranslated(page);
  await page.locator("#time").fill("25:00");
  await page.getByRole("button", { name: "Save the change and tell the invitees" }).click();
  await expect(page.locator("#time-error")).toBeVisible();
  await expect(page.locator("#place")).toHaveValue(place);
  await page.locator("#time").fill("11:30");
  // The agenda too: the first item renamed, a second added in the empty row below it.
  await expect(page.locator("#itemTitle1")).toHaveValue("Opening");
  await page.locator("#itemTitle1").fill(`Opening ${suffix}`);
  await page.locator("#itemTitle2").fill(`Work plan ${suffix}`);
  await page.getByRole("button", { name: "Save the change and tell the invitees" }).click();
  await expect(page.locator("#itemSummary2-error")).toContainText("summary");
  await expect(page.locator("#itemTitle2")).toHaveValue(`Work plan ${suffix}`);
  await page.locator("#itemSummary2").fill("Priorities for the year");
  await page.getByRole("button", { name: "Save the change and tell the invitees" }).click();
  await expect(page.getByText("The meeting is changed and the invitees are told.")).toBeVisible();
  await expect(page.getByText(/\d{2}\.\d{2}\.\d{4} at 11:30/)).toBeVisible();
  await expect(page.getByText(`Opening ${suffix}`)).toBeVisible();
  await member.reload();
  await expect(member.getByText("You have not answered yet.")).toBeVisible();
  await expect(member.getByText(`Work plan ${suffix}`)).toBeVisible();
  await expect(member.getByText("Priorities for the year")).toBeVisible();

  // Cancel: a reason is needed; with one, the meeting shows as cancelled with the reason.
  await page.getByRole("link", { name: "Change or cancel this meeting" }).click();
  await page.getByRole("button", { name: "Cancel the meeting and tell the invitees" }).click();
  await expect(page.locator("#reason-error")).toContainText("Write why the meeting is cancelled");
  const reason = `The chair is ill ${suffix}`;
  await page.locator("#reason").fill(reason);
  await page.getByRole("button", { name: "Cancel the meeting and tell the invitees" }).click();
  await expect(page.locator("#cancelled")).toContainText(
    /This meeting was cancelled on \d{2}\.\d{2}\.\d{4}\./,
  );
  await expect(page.locator("#cancelled")).toContainText(reason);
  await expect(page.getByRole("link", { name: "Change or cancel this meeting" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Invite a guest" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // The member sees it cancelled, without the reason, and has nothing to answer.
  await member.goto(meetingUrl);
  await expect(member.locator("#cancelled")).toContainText("This meeting was cancelled on");
  await expect(member.getByText(reason)).toHaveCount(0);
  await expect(member.getByText("The meeting was cancelled: no answer is needed.")).toBeVisible();
  await expect(member.getByRole("button", { name: "Send my answer" })).toHaveCount(0);
  await member.goto("/en/staff/meetings");
  await expect(member.getByRole("row").filter({ hasText: "Cancelled" }).first()).toBeVisible();
  await member.context().close();
});

test("An admin adds a day the office is closed (a missing label is refused with the day kept) and removes it", async ({
  page,
}) => {
  await signInOk(page, DEMO.admin);
  await page.goto("/en/staff");
  await page.getByRole("link", { name: "Closed days" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Days the office is closed");
  await page.locator("#day").fill("2030-01-07");
  await page.getByRole("button", { name: "Add the day" }).click();
  await expect(page.locator("#label-error")).toContainText("Write a short label");
  await expect(page.locator("#day")).toHaveValue("2030-01-07");
  await expectNoAxeViolations(page);
  await page.locator("#label").fill("Inventory");
  await page.getByRole("button", { name: "Add the day" }).click();
  await expect(page.getByText("The closed day is added.")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "07.01.2030" });
  await expect(row).toContainText("Inventory");
  await expectAllTextTranslated(page);
  await row.getByRole("button", { name: "Remove 07.01.2030" }).click();
  await expect(page.getByText("The closed day is removed.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "07.01.2030" })).toHaveCount(0);
});
