import { describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { withAdminBrowser } from "../helpers/with-admin-browser";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import type { BrowserContext } from "playwright-core";
import { DEBUG_LINK_TTL_MS, DEBUG_PARAM, verifyDebugToken } from "../../app/debugger/debug-link.server";
import { TEST_SHOP } from "../helpers/shopify-requests";
import type { AdminBrowser } from "./admin-browser";
import { SNEAKERS, SOCKS } from "./fixtures";

/*
 * "Debug a storefront session" on Home (decision record 0090): an
 * authenticated admin mints a 15-minute link to the shop's storefront that
 * the app's /proxy/debug accepts; nobody else can mint one.
 */

let admin: AdminBrowser;
let context: BrowserContext;
withAdminBrowser({
  products: [SNEAKERS, SOCKS],
  onStart: (started) => {
    admin = started;
    context = started.context;
  },
});

describe("the admin's session debugger link", () => {
  it("Home mints a signed storefront link for this shop, shows when it expires and copies it", async () => {
    const page = await context.newPage();
    await admin.open(page, "/app");
    const create = page.getByRole("button", { name: "Create debug link" });
    await create.waitFor({ timeout: 120_000 });
    const before = Date.now();
    await create.click();
    const field = page.getByLabel("Debug link");
    await field.waitFor();
    const url = new URL(await field.inputValue());
    expect(url.origin).toBe(`https://${TEST_SHOP}`);
    const verdict = verifyDebugToken(url.searchParams.get(DEBUG_PARAM), TEST_SHOP, API_SECRET_KEY, Date.now());
    expect(verdict.ok).toBe(true);
    if (verdict.ok) {
      expect(verdict.expiresAt).toBeGreaterThanOrEqual(Math.floor((before + DEBUG_LINK_TTL_MS) / 1000) * 1000);
      expect(verdict.expiresAt).toBeLessThanOrEqual(Date.now() + DEBUG_LINK_TTL_MS);
    }
    await page.getByText("Works until", { exact: false }).waitFor();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: admin.url });
    await page.getByRole("button", { name: "Copy link" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();

    await field.scrollIntoViewIfNeeded();
    await admin.shot(page, "debug-link-1280.png");
    await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
    await admin.shot(page, "debug-link-rtl-1280.png");
    await page.evaluate(() => document.documentElement.setAttribute("dir", "ltr"));
    await page.setViewportSize({ width: 390, height: 844 });
    await field.scrollIntoViewIfNeeded();
    await admin.shot(page, "debug-link-390.png");
    await page.close();
  }, 300_000);

  it("refuses to mint a link without an admin session", async () => {
    // From a page of the app's origin with no App Bridge: no session token on the request.
    const page = await context.newPage();
    await page.goto(`${admin.url}/app/debug-link`);
    const [status, text] = await page.evaluate(() => fetch("/app/debug-link", { method: "POST", redirect: "manual" }).then(async (r) => [r.status, await r.text()] as const));
    await page.close();
    expect(status).not.toBe(200);
    const res = { text: () => Promise.resolve(text) };
    expect(await res.text()).not.toContain(DEBUG_PARAM);
  });
});
