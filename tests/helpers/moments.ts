import type { Page } from "playwright-core";
import { MOMENT_DONE } from "../../extensions/tactful-embed/src/link";

/*
 * "No popup" tied to progress: the storefront's loader dispatches MOMENT_DONE
 * when a moment is over (decided, and closed if a popup showed), so a test
 * waits for that instead of a guess at how long deciding takes.
 */

type Recorded = { tactfulDone?: string[] };

/** Records the moments the storefront finishes, on the page's current document and every one it loads later. Call before the moment. */
export async function recordMoments(page: Page): Promise<void> {
  const install = (name: string) => {
    const w = window as unknown as Recorded;
    if (w.tactfulDone) return;
    const done: string[] = (w.tactfulDone = []);
    document.addEventListener(name, (e) => done.push((e as CustomEvent<string>).detail));
  };
  await page.addInitScript(install, MOMENT_DONE);
  await page.evaluate(install, MOMENT_DONE);
}

/**
 * Resolves once this document's storefront has finished `moment`, or as soon
 * as a popup is on the page, so that an assertion of "no popup" after it
 * fails at once instead of waiting for a popup nobody closes.
 */
export async function momentOver(page: Page, moment: string, timeout = 15_000): Promise<void> {
  await page.waitForFunction((m) => !!(window as unknown as Recorded).tactfulDone?.includes(m) || !!document.querySelector("tactful-popup"), moment, { timeout });
}
