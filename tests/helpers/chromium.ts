import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

/*
 * The one way every browser test starts Chromium: Debian's build through
 * playwright-core, a fresh profile per call, and a loud failure (never a
 * skip) when it is missing. .ci/run installs it.
 */

export const CHROMIUM = "/usr/bin/chromium";

/** Headless Chromium says "HeadlessChrome", and the Shopify library answers bots 410 on admin pages; a merchant's Chrome says this. */
export const MERCHANT_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36";

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  userAgent?: string;
  /** Created for the test's screenshots (under test-results/). */
  shots?: string;
}

export async function launch(opts: LaunchOptions = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: run "apt-get install -y chromium" (.ci/run does it). The browser tests need it.`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "tactful-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    ...(opts.viewport ? { viewport: opts.viewport } : {}),
    ...(opts.userAgent ? { userAgent: opts.userAgent } : {}),
  });
  if (opts.shots) mkdirSync(opts.shots, { recursive: true });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
