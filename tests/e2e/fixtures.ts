import { test as base } from "@playwright/test";

export * from "@playwright/test";

/**
 * Playwright's `test`, with one addition: every browser context a test opens itself
 * (`browser.newContext()`) is closed when the test ends. Pages left open kept their renderer
 * alive with the staff pages' timers running, and by the end of a shard some thirty of them
 * used about a whole core of a 2-core machine. Contexts made in `beforeAll` (before the test
 * started) are left to the file's `afterAll`.
 */
export const test = base.extend<{ closeOwnContexts: void }>({
  closeOwnContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      for (const context of browser.contexts())
        if (!before.has(context)) await context.close().catch(() => {});
    },
    { auto: true },
  ],
});
