import { readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { API_KEY, API_SECRET_KEY, getJwt, TEST_SHOP_NAME } from "@shopify/shopify-api/test-helpers";
import { launch, MERCHANT_USER_AGENT } from "../helpers/chromium";
import { signedAdminRequest } from "../helpers/shopify-requests";
import { trackProgress, whileProgressing } from "../helpers/progress";
import { startAdminServer, type ClientDeps } from "./admin-server";
import type { ProductFixture } from "./fixtures";

/*
 * The embedded admin in Chromium, outside the Shopify admin frame: the real
 * Remix app and Polaris served by Vite (admin-server.ts), the test file's own
 * database, and the fake Admin API the test file installed (import
 * ./fake-admin-api first). Only App Bridge's CDN script is replaced, by
 * app-bridge-stub.js, which asks the page's exposed __tactfulSessionToken for
 * tokens signed with the test secret (decision 0044).
 */

/** The most an admin page may take to open on a starved machine, progress or not. */
const OPEN_CAP_MS = 300_000;

const STUB = readFileSync(path.resolve("tests/admin/app-bridge-stub.js"), "utf8");

export interface AdminBrowser {
  url: string;
  context: BrowserContext;
  /** The dev server's pre-bundled client dependencies, now. */
  clientDeps(): ClientDeps;
  /** Screenshot folder for this test file. */
  shots: string;
  /** The embedded admin's first document load: shop, host and a session token in the URL; resolves once hydrated. */
  open(page: Page, appPath: string): Promise<void>;
  /** A full-page screenshot into `shots`, for people to look at (asserts nothing). */
  shot(page: Page, file: string): Promise<void>;
  close(): Promise<void>;
}

/** `shots`: the folder for this file's screenshots, created if missing. */
export async function startAdminBrowser(shots: string): Promise<AdminBrowser> {
  const server = await startAdminServer();
  const chromium = await launch({ viewport: { width: 1280, height: 900 }, userAgent: MERCHANT_USER_AGENT, shots });
  const { context } = chromium;
  // Every page's requests are counted from its first navigation, for the progress-tied waits.
  context.on("page", (page) => void trackProgress(page));
  // Shopify's CDN is unreachable here: App Bridge becomes the stub, Polaris' font CSS nothing.
  await context.route("https://cdn.shopify.com/**", (route) =>
    route.request().url().includes("app-bridge")
      ? route.fulfill({ status: 200, contentType: "text/javascript", body: STUB })
      : route.fulfill({ status: 200, contentType: "text/css", body: "" }),
  );
  await context.exposeFunction("__tactfulSessionToken", async () => (await getJwt(TEST_SHOP_NAME, API_KEY, API_SECRET_KEY)).token);
  return {
    url: server.url,
    clientDeps: server.clientDeps,
    context,
    shots,
    async open(page, appPath) {
      const signed = new URL((await signedAdminRequest(appPath)).url);
      trackProgress(page);
      // The server may be slow to answer on a busy machine; while it works the request is in flight.
      await page.goto(`${server.url}${signed.pathname}${signed.search}`, { waitUntil: "commit", timeout: OPEN_CAP_MS });
      // Vite serves the client modules one by one; wait, while they keep arriving, until the page has hydrated.
      await whileProgressing(page, `opening ${appPath}`, (timeout) => page.waitForLoadState("networkidle", { timeout }), { capMs: OPEN_CAP_MS });
    },
    async shot(page, file) {
      const target = path.join(shots, file);
      // A full-page capture resizes the viewport to the page's height; Polaris Viz charts
      // re-measure on resize, and on a starved CPU that has outlasted Playwright's 30 s.
      // The picture is for people, so fall back to the visible part rather than fail.
      await page.screenshot({ path: target, fullPage: true, timeout: 20_000 }).catch(() => page.screenshot({ path: target, timeout: 20_000 }));
    },
    async close() {
      await chromium.close();
      await server.close();
    },
  };
}

/** What App Bridge's ResourcePicker resolves with for a product (selected variants only). */
export const pick = (p: ProductFixture) => ({ id: p.id, title: p.title, handle: p.handle, variants: p.variants.map((v) => ({ id: v.id, title: v.title, price: v.price })) });

/** The stub's ResourcePicker answers these, one per call, in order. */
export async function answerPicker(page: Page, ...answers: unknown[]) {
  await page.evaluate((a) => ((window as unknown as { __pickerAnswers: unknown[] }).__pickerAnswers = a), answers);
}
