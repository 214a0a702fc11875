import http from "node:http";

import { expect, test } from "./fixtures";
import { expectAllTextTranslated, expectNoAxeViolations } from "./helpers";

const NEUTRAL_SITE = /^https:\/\/www\.bbc\.com\/weather/;

test.describe("Survivor-facing pages without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  for (const { path, lang, heading, exit } of [
    { path: "/", lang: "sq", heading: "Zëri juaj e përmirëson ndihmën", exit: "Dil nga kjo faqe" },
    { path: "/en", lang: "en", heading: "Your voice improves support", exit: "Leave this site" },
  ]) {
    test(`the landing page in ${lang} works, sets no cookie and asks no other host`, async ({
      page,
      context,
      baseURL,
    }) => {
      const otherHosts: string[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith(baseURL!)) otherHosts.push(request.url());
      });
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      const exitLink = page.getByRole("link", { name: new RegExp(exit) });
      await expect(exitLink).toHaveAttribute("href", NEUTRAL_SITE);
      await expect(exitLink).toHaveAttribute("rel", /noreferrer/);
      for (const number of ["116006", "129", "116111"]) {
        await expect(page.locator(`a[href="tel:${number}"]`)).toBeVisible();
      }
      await expect(page.locator("script[src]")).toHaveCount(0);
      await expectAllTextTranslated(page);
      expect(await context.cookies()).toEqual([]);
      expect(response?.headers()["set-cookie"]).toBeUndefined();
      expect(otherHosts).toEqual([]);
    });
  }

  test("the language switch keeps the current page", async ({ page }) => {
    await page.goto("/safety");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Si të qëndroni të sigurt në internet",
    );
    await page.getByRole("link", { name: "English" }).click();
    await expect(page).toHaveURL(/\/en\/safety$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staying safe online");
    await page.getByRole("link", { name: "Shqip" }).click();
    await expect(page).toHaveURL(/\/safety$/);
  });

  test("the staying-safe page is linked from every public page and explains what is kept", async ({
    page,
  }) => {
    await page.goto("/en");
    await page.getByRole("link", { name: "Staying safe online" }).first().click();
    await expect(page.getByText("does not erase your browsing history")).toBeVisible();
    await expect(page.getByText("may itself raise suspicion")).toBeVisible();
    await expect(page.getByText("Nothing until you send a form")).toBeVisible();
  });

  test("quick exit without JavaScript is a plain link to the neutral site", async ({ page }) => {
    await page.route(NEUTRAL_SITE, (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/html",
        body: "<title>Weather</title><h1>Weather</h1>",
      }),
    );
    await page.goto("/");
    await page.getByRole("link", { name: /Dil nga kjo faqe/ }).click();
    await expect(page).toHaveURL(NEUTRAL_SITE);
    await expect(page.getByRole("heading", { name: "Weather" })).toBeVisible();
  });

  test("the quick exit stays in view while scrolling on a 320 px phone", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 568 });
    await page.goto("/en/safety");
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(320);
    await page.mouse.wheel(0, 2000);
    await page.waitForFunction(() => window.scrollY > 200);
    const box = await page.getByRole("link", { name: /Leave this site/ }).boundingBox();
    expect(box?.y).toBeGreaterThanOrEqual(0);
    expect(box?.y).toBeLessThan(40);
    expect(box?.height).toBeGreaterThanOrEqual(44);
  });

  test("unknown addresses get a friendly 404 in the page's language", async ({ page }) => {
    let response = await page.goto("/no-such-page/here");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Faqja nuk u gjet");
    response = await page.goto("/en/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByRole("link", { name: /Leave this site/ })).toBeVisible();
    response = await page.goto("/de/safety");
    expect(response?.status()).toBe(404);
  });
});

test.describe("Quick exit with JavaScript", () => {
  test("pressing Shift three times leaves with location.replace, announcing the count", async ({
    page,
  }) => {
    await page.route(NEUTRAL_SITE, (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Weather</h1>" }),
    );
    await page.goto("/en");
    await page.goto("/en/safety");
    const status = page.locator(".js-exit-this-page-status");
    await page.keyboard.press("Shift");
    await expect(status).toHaveText(/Press Shift 2 more times/);
    await page.keyboard.press("Shift");
    await expect(status).toHaveText(/Press Shift 1 more time/);
    await page.keyboard.press("Shift");
    await expect(page).toHaveURL(NEUTRAL_SITE);
    // location.replace: Back skips the page that was left.
    await page.goBack();
    await expect(page).toHaveURL(/\/en$/);
  });

  test("other keys in between reset the count", async ({ page }) => {
    await page.goto("/en");
    await page.keyboard.press("Shift");
    await page.keyboard.press("a");
    await page.keyboard.press("Shift");
    await page.keyboard.press("Shift");
    await expect(page).toHaveURL(/\/en$/);
  });
});

test.describe("Security headers", () => {
  test("every page carries a strict CSP with a fresh nonce and no caching", async ({ request }) => {
    const first = await request.get("/");
    const second = await request.get("/");
    const csp = first.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(second.headers()["content-security-policy"]).not.toBe(csp);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(await first.text()).toContain(`nonce="${nonce}"`);
    const headers = first.headers();
    expect(headers["cache-control"]).toBe("no-store");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["permissions-policy"]).toContain("microphone=()");
    expect(headers["permissions-policy"]).toContain("geolocation=()");
    expect(headers["strict-transport-security"]).toContain("max-age=");
    const css = await request.get("/styles/app.css");
    expect(css.headers()["content-security-policy"]).toContain("default-src 'none'");
  });

  test("every answer's CSP nonce is 16 random bytes, never the same twice (past a refill of their pool)", async ({
    request,
  }) => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const csp = (await request.get("/favicon.svg")).headers()["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";
      expect(Buffer.from(nonce, "base64")).toHaveLength(16);
      seen.add(nonce);
    }
    expect(seen.size).toBe(300);
  });

  test("the Send button is answered with a bare redirect that carries the security headers", async ({
    request,
  }) => {
    const landing = await (await request.get("/en")).text();
    const slug = /href="\/en\/f\/([a-z0-9]+)"/.exec(landing)?.[1];
    const intro = await (await request.get(`/en/f/${slug}`)).text();
    const nonce = /name="nonce" value="([^"]+)"/.exec(intro)?.[1] ?? "";
    const send = (form: Record<string, string>) =>
      request.post(`/en/f/${slug}/send`, { form, maxRedirects: 0 });
    const stored = await send({ page: "review", nav: "submit", nonce });
    // An expired or forged form goes back to the page (307), which shows the message.
    const refused = await send({ page: "review", nav: "submit", nonce: "forged" });
    for (const [reply, status, location] of [
      [stored, 302, `/en/f/${slug}/thanks`],
      [refused, 307, `/en/f/${slug}`],
    ] as const) {
      expect(reply.status()).toBe(status);
      const headers = reply.headers();
      expect(headers.location).toBe(location);
      expect(headers["cache-control"]).toBe("no-store");
      expect(headers["content-security-policy"]).toContain("default-src 'none'");
      expect(headers["referrer-policy"]).toBe("no-referrer");
      // No "Redirecting to …" text nobody reads.
      expect(headers["content-length"]).toBe("0");
      expect((await reply.body()).length).toBe(0);
    }
  });

  test("bodies that are too big, unmeasured, of another kind or from another site are refused before parsing", async ({
    request,
    baseURL,
  }) => {
    const landing = await (await request.get("/en")).text();
    const slug = /href="\/en\/f\/([a-z0-9]+)"/.exec(landing)?.[1];
    for (const path of [`/en/f/${slug}`, `/en/f/${slug}/send`]) {
      const big = await request.post(path, {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        data: `page=review&nav=submit&a%3Aclosing_anything_else=${"x".repeat(1024 * 1024)}`,
      });
      expect(big.status(), path).toBe(413);
      const json = await request.post(path, { data: { nav: "submit" } });
      expect(json.status(), path).toBe(415);
      const crossSite = await request.post(path, {
        form: { nav: "submit" },
        headers: { "sec-fetch-site": "cross-site" },
      });
      expect(crossSite.status(), path).toBe(403);
      // Streamed without a length: refused before anything reads it.
      const status = await new Promise<number>((resolve, reject) => {
        const post = http.request(
          new URL(path, baseURL),
          {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        post.on("error", reject);
        post.write("nav=submit");
        post.end();
      });
      expect(status, path).toBe(411);
    }
  });
});

test.describe("Accessibility", () => {
  for (const path of [
    "/",
    "/en",
    "/safety",
    "/en/safety",
    "/staff/sign-in",
    "/en/staff/sign-in",
    "/no-such-page",
    "/en/no-such-page",
  ]) {
    test(`${path} has no WCAG 2.1 AA violations`, async ({ page }) => {
      await page.goto(path);
      await expectNoAxeViolations(page);
      await expectAllTextTranslated(page);
    });
  }
});
