import type { Page } from "playwright-core";

/**
 * Opens one of the offer editor's steps ("When", "What", "Say", "Who", "Check")
 * by its button in the step row. A click that lands before React has hydrated
 * the server-rendered page does nothing, so it clicks again until the step is open.
 */
export async function openStep(page: Page, label: "When" | "What" | "Say" | "Who" | "Check", timeoutMs = 60_000) {
  const button = page.getByRole("navigation", { name: "Offer steps" }).getByRole("button", { name: new RegExp(`^${label}:`) });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await button.click();
    const opened = await button
      .and(page.locator("[aria-pressed=true]"))
      .waitFor({ timeout: 2_000 })
      .then(() => true, () => false);
    if (opened) return;
    if (Date.now() > deadline) throw new Error(`The editor's ${label} step did not open within ${timeoutMs} ms`);
  }
}
