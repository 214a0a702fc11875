import { expect, test } from "./fixtures";
import { DEMO, expectNoAxeViolations, signInOk } from "./helpers";

for (const lang of ["sq", "en"] as const) {
  test(`At 1280 px the staff header keeps its menu on one row (${lang}) and emails are not split`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInOk(page, DEMO.admin, undefined, lang);
    await page.goto(lang === "en" ? "/en/staff/admin/users" : "/staff/admin/users");
    const nav = page.getByRole("navigation").first();
    const tops = await nav
      .locator(".app-nav__link, button")
      .evaluateAll((elements) => elements.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(tops.length).toBeGreaterThan(7);
    expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(12);
    // Every email on the People page is on one line (not broken in the middle).
    const lines = await page
      .locator(".app-email")
      .evaluateAll((elements) => elements.map((e) => e.getClientRects().length));
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.every((n) => n === 1)).toBe(true);
    await expectNoAxeViolations(page);
  });
}

test("The audit log names what an entry is about and shows times in the portal's time zone", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInOk(page, DEMO.admin);
  await page.goto("/en/staff/feedback");
  const campaign = await page
    .getByRole("link", { name: "Feedback on the support you received (demo)" })
    .getAttribute("href");
  const results = await page.goto(`${campaign}/results`);
  expect(results?.status()).toBe(200);
  await page.goto("/en/staff/admin/audit?action=feedback_results_viewed");
  await expect(page.getByRole("columnheader", { name: "When (Europe/Tirane)" })).toBeVisible();
  const row = page.getByRole("row").nth(1);
  await expect(row).toContainText("Campaign: Feedback on the support you received (demo)");
  await expect(row).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  const time = row.locator("time");
  const iso = await time.getAttribute("datetime");
  const expected = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Tirane",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).format(new Date(iso!));
  await expect(time).toHaveText(expected);
  await expectNoAxeViolations(page);
});
