import type { Page } from "playwright-core";

/** Opens one of the offer editor's steps ("When", "What", "Say", "Who", "Check") by its button in the step row. */
export async function openStep(page: Page, label: "When" | "What" | "Say" | "Who" | "Check") {
  const button = page.getByRole("navigation", { name: "Offer steps" }).getByRole("button", { name: new RegExp(`^${label}:`) });
  await button.click();
  await button.and(page.locator("[aria-pressed=true]")).waitFor();
}
