import { fillAbout, fillRest, signAndSend } from "./board-apply-helpers";
import { survivorPage } from "./feedback-helpers";
import { expect, test } from "./fixtures";
import { DEMO, expectAllTextTranslated, expectNoAxeViolations, signInOk } from "./helpers";

/**
 * The advisory board's call for members: the secretariat opens a call, applicants apply
 * without JavaScript, and an applicant checks, corrects and withdraws with the reference code.
 */
let callPath = "";

test.describe.serial("Applying to the advisory board", () => {
  test("the secretariat creates a board and opens a call with blind review", async ({ page }) => {
    test.setTimeout(120_000);
    await signInOk(page, DEMO.secretariat);
    await page.goto("/en/staff/board");
    await expectNoAxeViolations(page);
    await page.getByLabel("Name of the board, in English (optional)").fill("County Advisory Board");
    await page.getByRole("button", { name: "Create board" }).click();
    await expect(page.locator(".app-error-summary")).toContainText("Enter the name of the board");
    // The 400 keeps what was typed.
    await expect(page.getByLabel("Name of the board, in English (optional)")).toHaveValue(
      "County Advisory Board",
    );
    await page.getByLabel("Name of the board, in Albanian").fill("Bordi Këshillimor i Qarkut");
    await page.getByRole("checkbox", { name: /Prevention and awareness/ }).check();
    await page.getByRole("button", { name: "Create board" }).click();
    // The English interface names the board in English, the Albanian one in Albanian.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("County Advisory Board");
    const boardUrl = page.url();
    await page.goto(boardUrl.replace("/en/staff/", "/staff/"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bordi Këshillimor i Qarkut");
    await page.goto(boardUrl);
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await expect(page.getByLabel("Blind review")).toBeChecked();
    await page.getByLabel("Opens on").fill(today);
    await page.getByLabel("Closes on (last day to apply)").fill(later);
    await page.getByRole("button", { name: "Create the call" }).click();
    await expect(page.getByRole("cell", { name: "Open", exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
    callPath = new URL(
      (await page.getByRole("link", { name: "Open the public page" }).getAttribute("href"))!,
      "http://x",
    ).pathname.replace(/^\/en/, "");
    await page.getByRole("link", { name: new RegExp(`^${today}`) }).click();
    await expect(page.getByLabel("Blind review")).toBeChecked();
    await expectNoAxeViolations(page);
  });

  test("an applicant applies in Albanian without JavaScript and gets a reference code once", async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(180_000);
    const page = await survivorPage(browser);
    const otherHosts: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(baseURL!)) otherHosts.push(request.url());
    });
    await page.setViewportSize({ width: 320, height: 640 });
    // The English call page names the board in English, the Albanian one in Albanian.
    await page.goto(`/en${callPath}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Call for members: County Advisory Board",
    );
    await expect(page.getByText(/County Advisory Board is not set up to act/)).toBeVisible();
    await page.goto(callPath);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Thirrje për anëtarë: Bordi Këshillimor i Qarkut",
    );
    await expect(page.getByText(/nuk është i pajisur për të vepruar si grup primar/)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Të dhënat tuaja personale" })).toBeVisible();
    await expectAllTextTranslated(page);
    await expectNoAxeViolations(page, { javaScript: false });
    await page.getByRole("link", { name: "Filloni aplikimin" }).click();

    // Nothing typed: a message per field, and what was typed is kept.
    await page.getByLabel("Emri", { exact: true }).fill("Ana");
    await page.getByRole("button", { name: "Vazhdo" }).click();
    await expect(page.locator(".app-error-summary")).toContainText("Shkruani mbiemrin");
    await expect(page.locator(".app-error-summary")).toContainText("Shkruani datën e lindjes");
    await expect(page.getByLabel("Emri", { exact: true })).toHaveValue("Ana");
    await expectNoAxeViolations(page, { javaScript: false });
    await fillAbout(page, { day: "3", month: "5", year: "1995" });
    await fillRest(page, "ana.apply@example.org");
    await expect(page.getByText("03.05.1995")).toBeVisible();
    await expectAllTextTranslated(page);
    await expectNoAxeViolations(page, { javaScript: false });

    // Change a section from the check page: the answers travel along.
    await page.getByRole("button", { name: "Ndrysho: Pyetje" }).click();
    await page.getByLabel(/Informacion shtesë/).fill("Flas italisht.");
    await page.getByRole("button", { name: "Vazhdo" }).click();
    await page.getByRole("button", { name: "Vazhdo" }).click();
    await expect(page.getByText("Flas italisht.")).toBeVisible();
    await page.getByRole("button", { name: "Dërgo" }).click();
    await expect(page.locator(".app-error-summary")).toContainText(
      "Konfirmoni që e keni lexuar njoftimin",
    );
    const sent = await signAndSend(page);
    expect(sent.reference).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    await expect(page).toHaveTitle(/^U dërgua|^Formulari/);
    await expectNoAxeViolations(page, { javaScript: false });
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([]);
    expect(otherHosts).toEqual([]);

    // The applicant checks with the reference code: a wrong passphrase gets the one message.
    await page.goto("/gjendja");
    await page.getByLabel("Kodi i referencës").first().fill(sent.reference);
    await page.getByLabel("Fjalëkalimi").fill("gabim-gabim");
    await page.getByRole("button", { name: "Hap" }).click();
    await expect(page.locator(".app-error-summary")).toContainText(
      "Kodi i referencës ose fjalëkalimi nuk është i saktë",
    );
    await page.getByLabel("Kodi i referencës").first().fill(sent.reference.toLowerCase());
    await page.getByLabel("Fjalëkalimi").fill(sent.passphrase);
    await page.getByRole("button", { name: "Hap" }).click();
    await expect(page.locator("#application-status")).toHaveText("U mor, në shqyrtim");
    await expectNoAxeViolations(page, { javaScript: false });
    await page.getByLabel("Numri i telefonit").fill("+355 69 000 1111");
    await page.getByRole("button", { name: "Ruaj kontaktet" }).click();
    await expect(page.getByText("Kontaktet tuaja u ruajtën.")).toBeVisible();
    await expect(page.getByLabel("Numri i telefonit")).toHaveValue("+355 69 000 1111");
    await page.getByRole("button", { name: "Tërhiqe", exact: true }).click();
    await expect(page.locator(".app-error-summary")).toContainText("Shënoni kutinë");
    await page.getByLabel("Po, tërhiqe dhe fshi gjithçka").check();
    await page.getByRole("button", { name: "Tërhiqe", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("U tërhoq dhe u fshi");
    await expectNoAxeViolations(page, { javaScript: false });

    // Erased: the same reference and passphrase open nothing any more.
    await page.goto("/gjendja");
    await page.getByLabel("Kodi i referencës").first().fill(sent.reference);
    await page.getByLabel("Fjalëkalimi").fill(sent.passphrase);
    await page.getByRole("button", { name: "Hap" }).click();
    await expect(page.locator(".app-error-summary")).toContainText(
      "Kodi i referencës ose fjalëkalimi nuk është i saktë",
    );
    await page.context().close();
  });

  test("a 17-year-old applies with their guardian's consent; at 15 nothing is kept", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const page = await survivorPage(browser);
    const year = new Date().getFullYear();
    await page.goto(`${callPath}/apliko`);
    await fillAbout(page, { day: "1", month: "1", year: String(year - 15) });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Faleminderit për interesin");
    await expect(page.getByText("Asgjë nga ato që shkruat nuk është ruajtur.")).toBeVisible();
    await expectNoAxeViolations(page, { javaScript: false });

    await page.goto(`${callPath}/apliko`);
    await fillAbout(page, { day: "1", month: "1", year: String(year - 17) });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kujdestari juaj ligjor");
    await page.getByRole("button", { name: "Vazhdo" }).click();
    await expect(page.locator(".app-error-summary")).toContainText(
      "Konfirmoni që kujdestari ligjor është dakord",
    );
    await expectNoAxeViolations(page, { javaScript: false });
    await page.getByLabel("Emri i plotë i kujdestarit tuaj ligjor").fill("Besa Hoxha");
    await page.getByLabel("Telefoni ose emaili i kujdestarit tuaj ligjor").fill("+355 68 000 2222");
    await page.getByLabel("Kujdestari im ligjor është dakord që të aplikoj").check();
    await page.getByRole("button", { name: "Vazhdo" }).click();
    await fillRest(page, "ana17@example.org");
    await expect(page.getByText("Besa Hoxha")).toBeVisible();
    await expect(page.getByText("(17 vjeç)")).toBeVisible();
    const sent = await signAndSend(page);
    expect(sent.passphrase).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

    // A lost passphrase: a link is asked for with the reference code alone (the admin's test
    // below opens it from the outbox).
    await page.goto("/gjendja");
    await page.getByLabel("Kodi i referencës").last().fill(sent.reference);
    await page.getByRole("button", { name: "Më dërgoni një lidhje" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kontrolloni emailin");
    await page.context().close();
  });

  test("an admin exports and erases an applicant's data on request, both audited", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    await signInOk(page, DEMO.admin);

    // The reset link asked for above (no SMTP_URL: the admin's outbox) gives the applicant a
    // new passphrase, on a survivor page without JavaScript.
    await page.goto("/en/staff/admin/outbox");
    await page.locator("tr", { hasText: "ana17@example.org" }).first().getByRole("link").click();
    const mail = (await page.locator(".app-mail-body").textContent()) ?? "";
    const resetPath = /\/rivendos\/[A-Za-z0-9_-]+/.exec(mail)?.[0] ?? "";
    expect(resetPath).not.toBe("");
    const applicant = await survivorPage(browser);
    await applicant.goto(resetPath);
    await expect(applicant.getByRole("heading", { level: 1 })).toHaveText(
      "Merrni një fjalëkalim të ri",
    );
    await expectNoAxeViolations(applicant, { javaScript: false });
    await applicant.getByRole("button", { name: "Më trego fjalëkalimin e ri" }).click();
    await expect(applicant.getByRole("heading", { level: 1 })).toHaveText("U dërgua");
    await expect(applicant.locator("#passphrase")).toHaveText(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    // The link works once.
    await applicant.goto(resetPath);
    await applicant.getByRole("button", { name: "Më trego fjalëkalimin e ri" }).click();
    await expect(
      applicant.getByText("Kjo lidhje nuk funksionon më.", { exact: false }),
    ).toBeVisible();
    await applicant.context().close();

    await page.goto("/en/staff/admin/applicants");
    await page.getByLabel("Reference code or email address").fill("ANA17@example.org");
    await page.getByRole("button", { name: "Find" }).click();
    await page.getByRole("link", { name: /^Reference / }).click();
    await expect(page.getByText("Besa Hoxha")).toBeVisible();
    // Each field is named in the page's language, not by the file's key.
    await expect(page.locator("dt", { hasText: /^Date of birth$/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "How long it is kept" })).toBeVisible();
    await expect(page.getByText("dateOfBirth")).toHaveCount(0);
    // …and each stored code in words, as the applicant chose it.
    await expect(page.locator("dd", { hasText: /^Received, under review$/ })).toBeVisible();
    await expect(page.locator("dd", { hasText: /^(submitted|citizen|resident|sq)$/ })).toHaveCount(
      0,
    );
    await expectNoAxeViolations(page);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download as a file (JSON)" }).click();
    expect((await download).suggestedFilename()).toMatch(/^export-\d{4}-\d{2}-\d{2}\.json$/);
    await page.getByRole("button", { name: "Erase", exact: true }).click();
    await expect(page.locator(".app-error-summary")).toContainText("Tick the box");
    await page.getByLabel(/The applicant asked for erasure/).check();
    await page.getByRole("button", { name: "Erase", exact: true }).click();
    await expect(page).toHaveURL(/\/en\/staff\/admin\/applicants/);
    await page.getByLabel("Reference code or email address").fill("ana17@example.org");
    await page.getByRole("button", { name: "Find" }).click();
    await expect(
      page.getByText("Nothing is held under this reference code or email."),
    ).toBeVisible();

    // An address kept after retention to stay informed (the demo keeps one): found by the
    // address, shown with its board, erased on request.
    await page.getByLabel("Reference code or email address").fill("KEPT.news@demo.example");
    await page.getByRole("button", { name: "Find" }).click();
    const kept = page.getByRole("region", { name: "Email kept to stay informed" });
    await expect(kept).toContainText("kept.news@demo.example");
    await expectNoAxeViolations(page);
    await kept.getByRole("button", { name: "Erase this address" }).click();
    await expect(page.locator(".app-error-summary")).toContainText("Tick the box");
    await page.getByLabel(/The person asked for erasure/).check();
    await page.getByRole("button", { name: "Erase this address" }).click();
    await expect(page.getByText("The address was erased.")).toBeVisible();
    await expect(
      page.getByText("Nothing is held under this reference code or email."),
    ).toBeVisible();
    await page.goto("/en/staff/admin/audit");
    await expect(
      page.locator("main table").getByText("Applicant's data erased").first(),
    ).toBeVisible();
    await expect(
      page.locator("main table").getByText("Applicant's data exported").first(),
    ).toBeVisible();
  });
});
