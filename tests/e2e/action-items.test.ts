import { signCurrentDeclaration } from "./declaration-helpers";
import { expect, test } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signInOk } from "./helpers";

/** The day `days` after today, "YYYY-MM-DD" (UTC is close enough: days ahead). */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

const DEMO_TASK = "Demo: share the work plan with two services and collect their questions.";
const OVERDUE_TASK = "Demo: propose dates for a visit to a shelter.";

test("The secretariat assigns a task at the end of a meeting, the member completes one and declines another on My tasks, and the secretariat sees the overdue task marked, the declined one without owner, and open tasks in the next meeting's briefing", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const task = `Collect the services' answers ${Date.now().toString(36)}`;
  await signInOk(page, DEMO.secretariat);
  await signCurrentDeclaration(page.request);

  // The demo's past meeting: its tasks, the overdue one marked in words, not colour alone.
  await page.goto("/en/staff/meetings");
  const upcomingUrl =
    (await page.getByRole("table").first().getByRole("link").first().getAttribute("href")) ?? "";
  await page.getByRole("table").last().getByRole("link").first().click();
  await page.waitForURL(/\/staff\/meetings\/[0-9a-f-]{36}$/);
  const meetingUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { name: "Action items", exact: true })).toBeVisible();
  const actions = page.locator("section", {
    has: page.getByRole("heading", { name: "Action items", exact: true }),
  });
  await expect(actions.getByRole("row").filter({ hasText: OVERDUE_TASK })).toContainText("Overdue");

  // Assigning without a task or an owner is refused, field by field, nothing lost.
  await page.getByLabel("Due date").fill(dayFromNow(10));
  await page.getByRole("button", { name: "Assign the task" }).click();
  await expect(page.locator("#task-error")).toContainText("Enter the task");
  await expect(page.locator("#ownerId-error")).toContainText("Choose a member of the board");
  await expect(page.locator("#agendaItemId-error")).toContainText("Choose the agenda item");
  await expect(page.getByLabel("Due date")).toHaveValue(dayFromNow(10));
  await page.getByLabel("Agenda item").selectOption({ label: "2. Work plan" });
  await page.getByLabel("Task", { exact: true }).fill(task);
  const owner = page.locator("#ownerId");
  const memberOption = owner.locator("option", { hasText: /Board Member/ });
  await owner.selectOption((await memberOption.getAttribute("value")) ?? "");
  await page.getByRole("button", { name: "Assign the task" }).click();
  await expect(page.getByText("The task is assigned.")).toBeVisible();
  await expect(actions.getByRole("row").filter({ hasText: task })).toContainText("Open");
  await expectNoAxeViolations(page);

  // The member finds both tasks on "My tasks": marks one done, declines the other (no reason).
  const member = await (await browser.newContext()).newPage();
  await signInOk(member, DEMO.board_member);
  await signCurrentDeclaration(member.request);
  await member.goto("/en/staff/meetings");
  await member.getByRole("link", { name: "My tasks" }).click();
  await expect(member.getByRole("heading", { name: "My tasks", level: 1 })).toBeVisible();
  const response = await member.request.get("/en/staff/meetings/tasks");
  expect(response.headers()["cache-control"]).toBe("no-store");
  await member.getByRole("button", { name: `Mark as done (${DEMO_TASK})` }).click();
  await expect(member.getByText("The task is updated.")).toBeVisible();
  await expect(member.getByRole("row").filter({ hasText: DEMO_TASK })).toContainText("Done");
  await member.getByRole("button", { name: `Decline this task (${task})` }).click();
  await expect(member.getByText("You declined the task.")).toBeVisible();
  await expect(member.getByRole("row").filter({ hasText: task })).toHaveCount(0);
  // A member follows no one else's tasks.
  await expect(member.getByRole("heading", { name: "Open tasks to follow" })).toHaveCount(0);
  await expectNoAxeViolations(member);
  await expectAllTextTranslated(member);
  await member.context().close();

  // The secretariat follows every open task: the overdue one counted and marked, the
  // declined one waiting for a new owner, who is then chosen on the meeting's page.
  await page.goto("/en/staff/meetings/tasks");
  await expect(page.getByText(/\d+ tasks? (is|are) past (its|their) due date\./)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: OVERDUE_TASK })).toContainText("Overdue");
  await expect(page.getByRole("row").filter({ hasText: task })).toContainText(
    "Declined: needs a new owner",
  );
  await expectNoAxeViolations(page);
  await page.goto(meetingUrl);
  await page.getByLabel(`Give to (${task})`).selectOption({ label: "Arta Demo" });
  await page.getByRole("button", { name: `Give the task (${task})` }).click();
  await expect(page.getByText("The task is updated.")).toBeVisible();
  await expect(actions.getByRole("row").filter({ hasText: task })).toContainText("Arta Demo");

  // The next meeting's briefing lists the open tasks of earlier meetings by themselves.
  await page.goto(upcomingUrl);
  const earlier = page.locator("section", {
    has: page.getByRole("heading", { name: "Open tasks from earlier meetings" }),
  });
  await expect(earlier.getByRole("row").filter({ hasText: OVERDUE_TASK })).toBeVisible();
  await expect(earlier.getByRole("row").filter({ hasText: task })).toBeVisible();
  await expect(earlier.getByRole("row").filter({ hasText: DEMO_TASK })).toHaveCount(0);
});
