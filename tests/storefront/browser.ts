import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startStorefront, type Storefront, type StorefrontOptions } from "../../demo/storefront/server";
import { launch as launchChromium } from "../helpers/chromium";

export const SHOTS = path.resolve("test-results/storefront");

/** Chromium for the storefront tests (a shopper's default viewport; screenshots under test-results/storefront). */
export const launch = () => launchChromium({ shots: SHOTS });

/**
 * One simulated storefront and one Chromium for the test file, and a new
 * shopper before each test: no cookies, and no requests, beacons or faults
 * left over from the test before. `bind` hands both to the file's own
 * variables (vitest hooks run later than the module body, so they cannot be
 * returned). A file resets whatever else of the shop's state it changes
 * (catalogue, config, block settings) in its own beforeEach, which runs after
 * this one.
 */
export function storefrontInBrowser(options: StorefrontOptions, bind: (sf: Storefront, context: BrowserContext) => void): void {
  let sf: Storefront | undefined;
  let context: BrowserContext | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    sf = await startStorefront(options);
    ({ context, close } = await launch());
    bind(sf, context);
  }, 60_000);
  afterAll(async () => {
    await close?.();
    await sf?.close();
  });
  beforeEach(async () => {
    await context?.clearCookies();
    if (!sf) return;
    sf.state.requests.length = 0;
    sf.state.beacons.length = 0;
    sf.state.faults.length = 0;
  });
}
