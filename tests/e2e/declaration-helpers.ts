import { expect, type APIRequestContext } from "@playwright/test";

/**
 * Signs the confidentiality declaration in force for the person signed in on `request`, if
 * they have not yet (board pages answer 403 until then). Another test may publish a new
 * version at any time, so tests that open board pages call this first.
 */
export async function signCurrentDeclaration(
  request: APIRequestContext,
  fullName = "Test Person",
): Promise<void> {
  const html = await (await request.get("/en/staff/declaration")).text();
  const version = /name="version" value="(\d+)"/.exec(html)?.[1];
  if (!version) return; // signed already: the page shows no form
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const response = await request.post("/en/staff/declaration", {
    form: { csrf, version, fullName, confirm: "yes" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
}
