import path from "node:path";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launch, MERCHANT_USER_AGENT } from "../helpers/chromium";
import { openStep } from "../helpers/offer-editor";
import { DEMO_API_KEY, DEMO_SECRET } from "../../app/demo-mode/demo-mode.server";
import type { Demo } from "../../demo/launch";

/*
 * The whole simulated shop for an end-to-end test: startDemo() exactly as
 * `npm run demo` runs it (demo Admin API, app in demo mode, storefront,
 * seed) on random 127.0.0.1 ports and this test file's own SQLite copy, plus
 * one Chromium profile.
 */

export const SHOTS = path.resolve("test-results/loop");

export interface Loop {
  demo: Demo;
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * One simulated shop for the calling test file: started before its tests,
 * closed after them. `onStart` receives it (the file keeps it in a variable).
 */
export function withLoop(onStart: (loop: Loop) => void): void {
  let started: Loop | undefined;
  beforeAll(async () => {
    started = await startLoop();
    onStart(started);
  }, 240_000);
  afterAll(async () => {
    await started?.close();
  });
}

type Db = typeof import("../../app/platform/db.server").default;

/** The app's own Prisma client inside the running demo (the demo loads the app through Vite). */
export const appDb = async (loop: Loop): Promise<Db> => (await loop.demo.load<{ default: Db }>("/app/platform/db.server.ts")).default;

export async function startLoop(): Promise<Loop> {
  // tests/setup gives every file Shopify's test-helper credentials; the demo runs with its own.
  Object.assign(process.env, { SHOPIFY_API_KEY: DEMO_API_KEY, SHOPIFY_API_SECRET: DEMO_SECRET });
  const { startDemo } = await import("../../demo/launch");
  const demo = await startDemo();
  const chromium = await launch({ viewport: { width: 1280, height: 900 }, userAgent: MERCHANT_USER_AGENT, shots: SHOTS });
  const { context } = chromium;
  // Polaris' font stylesheet comes from Shopify's CDN, unreachable here; nothing else does (App Bridge is the demo stand-in).
  await context.route("https://cdn.shopify.com/**", (route) => route.fulfill({ status: 200, contentType: "text/css", body: "" }));
  return {
    demo,
    context,
    close: async () => {
      await chromium.close();
      await demo.close();
    },
  };
}

/** A new shopper: no cart cookie, no popup memory. */
export async function shopper(loop: Loop, pathname: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  await loop.context.clearCookies();
  const page = await loop.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(loop.demo.storefront.url + "/");
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.goto(loop.demo.storefront.url + pathname, { waitUntil: "load" });
  return page;
}

/**
 * The merchant: the admin through the demo sign-in, in a normal tab, ready
 * when `ready` shows. On a cold Vite cache the first load can be left
 * half-hydrated while Vite optimizes dependencies (its reload message has no
 * websocket here), so a page that isn't ready in time is reloaded once.
 */
export async function merchant(loop: Loop, appPath: string, ready: (page: Page) => Locator): Promise<Page> {
  const page = await loop.context.newPage();
  page.on("pageerror", (e) => {
    if (!/WebSocket/.test(e.message)) console.log("admin page error:", e.message);
  });
  for (let attempt = 1; ; attempt++) {
    await page.goto(`${loop.demo.app.url}/demo?to=${encodeURIComponent(appPath)}`);
    try {
      await ready(page).first().waitFor({ timeout: 60_000 });
      return page;
    } catch (e) {
      await page.screenshot({ path: `${SHOTS}/admin-not-ready-${attempt}.png` });
      if (attempt >= 2) throw new Error(`The admin page ${appPath} did not become ready: ${(await page.locator("body").innerText()).slice(0, 300)}`, { cause: e });
    }
  }
}

export const popup = (page: Page) => page.locator("tactful-popup dialog");
export const addToCart = (page: Page) => page.locator("product-form button[type=submit]").click();
export interface AjaxCart {
  items: { variant_id: number; quantity: number; properties: Record<string, string>; title: string }[];
  attributes: Record<string, string>;
}
export const cartOf = async (page: Page) => (await page.evaluate(() => fetch("/cart.js").then((r) => r.json()))) as AjaxCart;

/** Ticks these titles in the demo ResourcePicker and confirms. */
export async function pick(page: Page, ...titles: string[]) {
  const dialog = page.getByTestId("resource-picker");
  await dialog.waitFor();
  for (const t of titles) await dialog.getByLabel(t, { exact: true }).check();
  await dialog.getByTestId("picker-select").click();
  await dialog.waitFor({ state: "detached" });
}

/** The editor's go-live action, from its Check step (the test's stand-in save bar covers the page header). */
export async function saveAndActivate(page: Page) {
  await openStep(page, "Check");
  await page.getByRole("button", { name: "Save and activate" }).last().click();
}
