import { expect, test } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signIn, signInOk } from "./helpers";

test.describe("Staff sign-in", () => {
  test("a coordinator signs in, sees their home page, and signs out", async ({ page, context }) => {
    await signIn(page, DEMO.coordinator);
    await expect(page).toHaveURL(/\/staff$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kreu");
    await expect(page.getByText("Mirë se vini, Demo Coordinator.")).toBeVisible();
    const cookies = await context.cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });
    await expectNoAxeViolations(page);
    await expectAllTextTranslated(page);

    await page.getByRole("button", { name: "Dil" }).click();
    await expect(page).toHaveURL(/\/staff\/sign-in\?signedOut=1$/);
    await expect(page.getByText("Dolët nga llogaria.")).toBeVisible();
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/staff\/sign-in\?redirectTo=%2Fstaff$/);
  });

  test("an admin moves through every staff page in the browser without a script error", async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await signInOk(page, DEMO.admin);
    const nav = page.getByRole("navigation");
    for (const [link, heading] of [
      ["People", "People and roles"],
      ["Audit log", "Audit log"],
      ["Outbox", "Outbox"],
      ["Account", "Your account"],
      ["Home", "Home"],
    ] as const) {
      await nav.getByRole("link", { name: link, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await expectAllTextTranslated(page);
    }
    expect(errors).toEqual([]);
  });

  test("a wrong password and an unknown email get the same message, with the email kept", async ({
    page,
  }) => {
    await signIn(page, DEMO.reviewer, "not-the-right-password", "/en/staff/sign-in");
    const wrongPassword = await page.locator(".app-error-summary").innerText();
    await expect(page.locator("#email")).toHaveValue(DEMO.reviewer);
    await expect(page.locator("#password")).toHaveValue("");
    await signIn(page, "nobody@demo.example", "not-the-right-password", "/en/staff/sign-in");
    const unknownEmail = await page.locator(".app-error-summary").innerText();
    expect(wrongPassword).toBe(unknownEmail);
    expect(unknownEmail).toContain("The email address or password is not correct");
    await page.locator(".app-error-summary a").click();
    await expect(page.locator("#email")).toBeFocused();
  });

  test("an empty form is refused with a message per field and status 400", async ({ request }) => {
    const form = await request.get("/en/staff/sign-in");
    const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
    const response = await request.post("/en/staff/sign-in", {
      form: { email: "", password: "", csrf },
    });
    expect(response.status()).toBe(400);
    const html = await response.text();
    expect(html).toContain("Enter your email address");
    expect(html).toContain("Enter your password");
    expect(html).toContain('href="#email"');
  });

  test("repeated failures are slowed, then refused for 15 minutes even with the right password", async ({
    page,
  }) => {
    test.setTimeout(90_000);
    for (let attempt = 1; attempt <= 7; attempt += 1) {
      await signIn(page, "lockout@test.example", `wrong-password-${attempt}`, "/en/staff/sign-in");
      await expect(page.locator(".app-error-summary")).toContainText("not correct");
    }
    await signIn(page, "lockout@test.example", "wrong-password-8", "/en/staff/sign-in");
    await expect(page.locator(".app-error-summary")).toContainText("paused for 15 minutes");
    await signIn(page, "lockout@test.example", undefined, "/en/staff/sign-in");
    await expect(page.locator(".app-error-summary")).toContainText("paused for 15 minutes");
    await expect(page).toHaveURL(/sign-in/);
  });

  test("a staff form posted without its CSRF token is refused with 403 and changes nothing", async ({
    page,
  }) => {
    await signIn(page, DEMO.admin);
    await expect(page).toHaveURL(/\/staff$/);
    const response = await page.request.post("/staff/admin/users", {
      form: {
        intent: "invite",
        email: "csrf-victim@example.org",
        displayName: "X",
        roles: "admin",
      },
    });
    expect(response.status()).toBe(403);
    await page.goto("/staff/admin/users");
    await expect(page.getByText("csrf-victim@example.org")).toHaveCount(0);
    const signOut = await page.request.post("/staff/sign-out", { form: {} });
    expect(signOut.status()).toBe(403);
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/staff$/);
  });
});
