import { afterAll, describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { withAdminBrowser } from "../helpers/with-admin-browser";
import { adminServer, INSTALLATION_ID } from "./fake-admin-api";
import { http, passthrough } from "msw";
import type { Page } from "playwright-core";
import db from "../../app/platform/db.server";
import { TEST_SHOP } from "../helpers/shopify-requests";
import type { AdminBrowser } from "./admin-browser";
import { crossSell, JACKET, SNEAKERS, SOCKS } from "./fixtures";
import { waitForVisible } from "../helpers/progress";
import { createOffer } from "../../app/offers/offers.server";
import { offerInputSchema } from "../../app/offers/offer.schema";
import { getShopSettings } from "../../app/offers/settings.server";

/*
 * The Offers list as a merchant sees it (issue 19), in Chromium: a switch on
 * every row that takes effect at once and says so when the server refuses,
 * figures per offer, and "Never shows" on an active offer that cannot show
 * for any of its trigger products, with the reason and the fix; Home counts
 * only offers that can show. And the app's log stays quiet: no stack trace
 * for /favicon.ico, no line per request.
 */

let admin: AdminBrowser;
const logged: string[] = [];
const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error };

const { api } = withAdminBrowser({
  products: [SNEAKERS, SOCKS, JACKET],
  seed: async () => {
    const { settings } = await getShopSettings(TEST_SHOP);
    await createOffer(TEST_SHOP, offerInputSchema.parse(crossSell({ name: "Socks with sneakers" })), settings);
    // A $31 jacket for a $12 pair of socks: +259%, over the 25% cap for its only trigger.
    const jacket = crossSell({
      name: "Jacket with socks (over the cap)",
      discount: { kind: "NONE" },
      triggerProducts: [{ id: SOCKS.id, title: SOCKS.title, handle: SOCKS.handle }],
      items: [{ productId: JACKET.id, handle: JACKET.handle, title: JACKET.title, variantIds: [JACKET.variants[0]?.id] }],
    });
    await createOffer(TEST_SHOP, offerInputSchema.parse(jacket), settings);
    const socks = await db.offer.findFirstOrThrow({ where: { name: "Socks with sneakers" } });
    const day = new Date().toISOString().slice(0, 10);
    await db.dailyStat.createMany({
      data: [
        { shop: TEST_SHOP, day, offerId: socks.id, arm: "", moment: "ADD_TO_CART", impressions: 120, accepts: 18 },
        { shop: TEST_SHOP, day, offerId: socks.id, arm: "", moment: "", orders: 15, revenue: 16_200 },
      ],
    });
  },
  onStart: (started) => {
    admin = started;
    // The app runs in this process: what it prints, the test sees.
    for (const k of ["log", "info", "warn", "error"] as const) console[k] = (...a: unknown[]) => void logged.push(a.map(String).join(" "));
  },
  timeoutMs: 240_000,
});

afterAll(() => {
  Object.assign(console, originals);
});

const row = (page: Page, name: string) => page.locator("tr", { hasText: name });

describe("the Offers list in a browser", () => {
  it("shows switches, figures and a never-shows warning with its fix; Home counts only offers that can show", async () => {
    const page = await admin.context.newPage();
    await admin.open(page, "/app/offers");
    await waitForVisible(page, page.getByRole("heading", { name: "Offers" }));
    const never = row(page, "Jacket with socks");
    await waitForVisible(page, never.getByText("Never shows"));
    await never.getByText("Over its 25% cap for every trigger: adding Rain jacket to a cart of its trigger product raises it by 259%.").waitFor();
    await never.getByText("Fix: Raise the cap to 260%, or offer a cheaper product.").waitFor();
    const socks = row(page, "Socks with sneakers");
    await admin.shot(page, "offers-list-1280.png");
    expect(await socks.getByText("Active", { exact: true }).count()).toBe(1);
    // 120 impressions, 18 accepted (15.0%), 16,200 cents attributed, in the shop's own money format.
    for (const text of ["120", "15.0%", "€162,00"]) await socks.getByText(text, { exact: true }).waitFor();
    expect(await page.getByRole("switch").count()).toBe(2);
    await admin.shot(page, "offers-list-1280.png");
    await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
    await admin.shot(page, "offers-list-rtl-1280.png");
    await page.evaluate(() => document.documentElement.removeAttribute("dir"));
    await page.setViewportSize({ width: 390, height: 844 });
    await waitForVisible(page, page.getByText("Never shows"));
    await admin.shot(page, "offers-list-390.png");
    await page.close();

    const home = await admin.context.newPage();
    await admin.open(home, "/app");
    await waitForVisible(home, home.getByText("1 live of 2."));
    await home.getByRole("link", { name: "1 active offer never shows" }).waitFor();
    await admin.shot(home, "home-live-count-1280.png");
    await home.close();
  }, 240_000);

  it("the switch turns an offer off at once and publishes it, and rolls back with the reason when the server refuses", async () => {
    const page = await admin.context.newPage();
    await admin.open(page, "/app/offers");
    const socks = row(page, "Socks with sneakers").getByRole("switch");
    await waitForVisible(page, socks);
    expect(await socks.getAttribute("aria-checked")).toBe("true");
    const id = (await db.offer.findFirstOrThrow({ where: { name: "Socks with sneakers" } })).id;
    // Optimistic: off before the server answers. The action's answer is held until the switch shows
    // off (Remix updates a fetcher's state after the click returns, so this is polled, not read once).
    let answer: () => void = () => undefined;
    const held = new Promise<void>((r) => (answer = r));
    const hold = (url: URL) => url.pathname === "/app/offers" && url.searchParams.has("index");
    await page.route(hold, async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    });
    await socks.click();
    await expect.poll(() => socks.getAttribute("aria-checked")).toBe("false");
    // The held handler stays registered: unrouting while it still holds the request would let
    // Playwright continue it first, and the handler's own continue would then throw.
    answer();
    await expect.poll(async () => (await db.offer.findUniqueOrThrow({ where: { id } })).status, { timeout: 60_000 }).toBe("PAUSED");
    // Saved and synced as Save does: the storefront config no longer holds it.
    await expect.poll(() => api.metafield(INSTALLATION_ID, "tactful", "config") ?? "", { timeout: 60_000 }).not.toContain(id);
    await page.getByText("Off", { exact: true }).first().waitFor();

    // The server refuses (here, answered by the test as the action answers a bad request): the switch goes back, and says why.
    const jacketRow = row(page, "Jacket with socks");
    const jacket = jacketRow.getByRole("switch");
    await page.route((url) => url.pathname === "/app/offers" && url.searchParams.has("index"), (route) =>
      route.request().method() === "POST" ? route.fulfill({ status: 400, contentType: "application/json", headers: { "X-Remix-Response": "yes" }, body: JSON.stringify({ ok: false, error: "Select at least one offer" }) }) : route.continue(),
    );
    await jacket.click();
    await jacketRow.getByText("Not changed: Select at least one offer").waitFor({ timeout: 60_000 });
    expect(await jacket.getAttribute("aria-checked")).toBe("true");
    await page.close();
  }, 240_000);

  it("Settings on a phone: the Guardrails heading is inset like the cards, not against the screen's edge", async () => {
    const page = await admin.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await admin.open(page, "/app/settings");
    const heading = page.getByRole("heading", { name: "Guardrails" });
    await waitForVisible(page, heading);
    // Where the letters are drawn, not the heading's box (a block as wide as the screen).
    const letters = () =>
      heading.evaluate((h) => {
        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        range.selectNodeContents(walker.nextNode() as Text);
        const r = range.getBoundingClientRect();
        return { left: r.left, right: r.right };
      });
    expect((await letters()).left).toBeGreaterThanOrEqual(12);
    await admin.shot(page, "settings-390.png");
    await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
    expect(390 - (await letters()).right).toBeGreaterThanOrEqual(12);
    await admin.shot(page, "settings-rtl-390.png");
    await page.close();
  }, 120_000);

  it("serves a favicon, and the log carries no stack trace for it and no line per admin request", async () => {
    // Through the browser: this process's own HTTP belongs to the fake Admin API.
    // This process's fetch belongs to the fake Admin API: let requests to the app through.
    adminServer.use(http.all(`${admin.url}/*`, () => passthrough()));
    const favicon = await fetch(`${admin.url}/favicon.ico`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get("content-type")).toBe("image/x-icon");
    expect((await favicon.arrayBuffer()).byteLength).toBeGreaterThan(100);
    // An unknown page is a 404 without a stack trace either.
    expect((await fetch(`${admin.url}/no-such-page`)).status).toBe(404);
    const text = logged.join("\n");
    expect(text).not.toMatch(/ErrorResponseImpl|No route matches URL/);
    expect(text).not.toContain("[shopify-app/INFO]");
    expect(text).not.toContain("[shopify-api/INFO]");
  });
});
