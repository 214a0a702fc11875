import { expect, type Page } from "./fixtures";

/** The application form's steps, in Albanian, as an applicant fills them (tests/e2e/board-apply.test.ts). */

/** The first step: name, date of birth, place of birth, nationality; then Continue. */
export async function fillAbout(page: Page, dob: { day: string; month: string; year: string }) {
  await page.getByLabel("Emri", { exact: true }).fill("Ana");
  await page.getByLabel("Mbiemri", { exact: true }).fill("Hoxha");
  await page.getByLabel("Dita").fill(dob.day);
  await page.getByLabel("Muaji").fill(dob.month);
  await page.getByLabel("Viti").fill(dob.year);
  await page.getByLabel("Vendi i lindjes").fill("Fier");
  await page.getByLabel("Kombësia").fill("Shqiptare");
  await page.getByLabel("Jam shtetas shqiptar").check();
  await page.getByRole("button", { name: "Vazhdo" }).click();
}

/** Contacts, questions and about you, up to the check page, with `email`. */
export async function fillRest(page: Page, email: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Si t’ju kontaktojmë në mënyrë të sigurt",
  );
  await page.getByLabel("Adresa e postës elektronike").fill(email);
  await page.getByRole("checkbox", { name: "Email" }).check();
  await page
    .getByRole("radiogroup", { name: "A është e sigurt t’ju lëmë një mesazh zanor?" })
    .getByLabel("Jo")
    .check();
  await page
    .getByRole("radiogroup", { name: /A është e sigurt t’ju dërgojmë mesazh/ })
    .getByLabel("Jo")
    .check();
  await page.getByRole("button", { name: "Vazhdo" }).click();
  await page.getByLabel(/Në rast se keni qenë aktiv/).fill("Vullnetare në një strehëz në Vlorë.");
  await page.getByLabel(/pse mendoni se jeni të përshtatshëm/).fill("Njoh nga afër riintegrimin.");
  await page.getByRole("button", { name: "Vazhdo" }).click();
  await page
    .getByRole("radiogroup", { name: /A ju propozon një organizatë/ })
    .getByLabel("Jo")
    .check();
  await page
    .getByRole("radiogroup", { name: "Gjinia" })
    .getByLabel("Preferoj të mos e them")
    .check();
  await page.getByRole("radiogroup", { name: "Qarku ku jetoni" }).getByLabel("Fier").check();
  await page.getByRole("checkbox", { name: "Preferoj të mos e them" }).check();
  await page.getByRole("button", { name: "Vazhdo" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Kontrolloni përgjigjet dhe dërgoni",
  );
}

/** Signs and sends from the check page; answers the reference code and passphrase shown once. */
export async function signAndSend(page: Page) {
  await page.getByLabel("E kam lexuar dhe kuptuar njoftimin më sipër").check();
  await page.getByLabel("Nënshkrimi: shkruani emrin tuaj të plotë").fill("Ana Hoxha");
  await page.getByLabel(/Konfirmoj se përgjigjet/).check();
  await page.getByRole("button", { name: "Dërgo" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("U dërgua");
  return {
    reference: (await page.locator("#reference").textContent()) ?? "",
    passphrase: (await page.locator("#passphrase").textContent()) ?? "",
  };
}
