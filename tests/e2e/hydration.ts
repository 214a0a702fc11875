import { expect, type Page } from "@playwright/test";

/**
 * Waits until the staff page in `page` has been hydrated by React (app/root.tsx marks
 * `<html data-hydrated>`). Typing before that can race React attaching to the form on a loaded
 * machine; survivor pages are never hydrated, so do not call this on them.
 */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true", { timeout: 30_000 });
}
