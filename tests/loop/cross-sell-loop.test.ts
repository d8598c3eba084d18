import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addToCart, cartOf, merchant, pick, popup, saveAndActivate, SHOTS, shopper, withLoop, appDb, type Loop } from "./harness";
import { openStep } from "../helpers/offer-editor";

/*
 * The project's most important test: merchant -> shopper -> order ->
 * analytics, through the real admin, the real storefront script, the real
 * discount Function and the real webhook and beacon routes.
 */

let loop: Loop;
withLoop((started) => (loop = started));

const db = () => appDb(loop);

describe("the cross-sell loop", () => {
  let offerId = "";

  it("a merchant creates and activates a cross-sell in the admin, and the storefront receives it", async () => {
    const page = await merchant(loop, "/app/offers/new", (p) => p.getByRole("heading", { name: "Create offer" }));
    await page.getByLabel("Name").fill("Rain cover with the backpack");
    await openStep(page, "When");
    await page.getByRole("button", { name: "Products", exact: true }).click();
    await pick(page, "Day Backpack 20 L");
    await page.getByLabel("Delay", { exact: true }).fill("1");
    await openStep(page, "What");
    await page.getByLabel("Cross-sell").check();
    await page.getByRole("button", { name: "Add products" }).click();
    await pick(page, "Backpack Rain Cover");
    await page.getByLabel("Discount on the offered product").selectOption("PERCENT");
    await page.getByLabel("Percentage").fill("10");
    await openStep(page, "Say");
    await page.getByLabel("Headline").fill("Keep your pack dry");
    await page.getByLabel("Accept button").fill("Add cover");
    await page.screenshot({ path: `${SHOTS}/1-admin-editor.png`, fullPage: true });
    await saveAndActivate(page);
    await page.waitForURL(/\/app\/offers\/(?!new)[a-z0-9]+/, { timeout: 30_000 });
    offerId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const row = await (await db()).offer.findUniqueOrThrow({ where: { id: offerId } });
    expect(row).toMatchObject({ status: "ACTIVE", type: "CROSS_SELL" });
    // The save synced through the demo Admin API, which forwarded the metafields to the storefront.
    await expect.poll(() => JSON.stringify(loop.demo.storefront.state.metafields.config ?? null), { timeout: 15_000 }).toContain(offerId);
    expect(JSON.stringify(loop.demo.storefront.state.metafields.function_config ?? null)).toContain(offerId);
    await page.screenshot({ path: `${SHOTS}/1-admin-saved.png`, fullPage: true });
    await page.close();
  }, 240_000);

  let shop: Page;
  it("the shopper sees the popup after the configured delay, accepts, and the cart and drawer hold the item with the property", async () => {
    expect(offerId).not.toBe("");
    shop = await shopper(loop, "/products/day-backpack?theme=standard");
    const t0 = Date.now();
    await addToCart(shop);
    await shop.waitForTimeout(500);
    expect(await popup(shop).count()).toBe(0);
    await popup(shop).waitFor({ timeout: 10_000 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(await popup(shop).locator("h2").textContent()).toBe("Keep your pack dry");
    await shop.screenshot({ path: `${SHOTS}/1-popup.png` });
    await popup(shop).locator("li button.y").click();
    await expect.poll(() => popup(shop).count()).toBe(0);
    const cart = await cartOf(shop);
    expect(cart.items.map((i) => [i.title, i.properties])).toEqual([
      ["Day Backpack 20 L", {}],
      ["Backpack Rain Cover", { _tactful_offer: offerId }],
    ]);
    await expect.poll(() => shop.locator("cart-drawer .cart-item").count()).toBe(2);
    expect(await shop.locator("cart-drawer").textContent()).toContain("Backpack Rain Cover");
    await shop.screenshot({ path: `${SHOTS}/1-drawer.png` });
  }, 60_000);

  it("checkout applies the discount from the real Function, and paying sends orders/create that the app attributes", async () => {
    await shop.goto(loop.demo.storefront.url + "/checkout");
    expect(await shop.getByTestId("line-discount").textContent()).toBe("Offer discount −€1.50");
    expect(await shop.getByTestId("total").textContent()).toBe("€103.50");
    await shop.screenshot({ path: `${SHOTS}/1-checkout.png`, fullPage: true });
    await shop.getByTestId("pay").click();
    await shop.getByTestId("thank-you").waitFor();
    expect(await shop.getByTestId("webhook-status").textContent()).toContain("200");
    const conversions = await (await db()).conversion.findMany({ where: { offerId } });
    expect(conversions.map((c) => [c.revenue, c.currency])).toEqual([[1350n, "EUR"]]);
    await shop.screenshot({ path: `${SHOTS}/1-thank-you.png`, fullPage: true });
    await shop.close();
  }, 60_000);

  it("analytics show 1 impression, 1 accept and the order's revenue", async () => {
    // The beacons left with the page (pagehide) through the signed app proxy.
    const byType = async () => {
      const groups = await (await db()).analyticsEvent.groupBy({ by: ["type"], where: { offerId }, _count: { _all: true } });
      return Object.fromEntries(groups.map((g) => [g.type, g._count._all]));
    };
    await expect.poll(byType, { timeout: 10_000 }).toMatchObject({ IMPRESSION: 1, ACCEPT: 1 });
    const page = await merchant(loop, "/app/analytics", (p) => p.getByRole("heading", { name: "Analytics" }));
    const row = page.getByRole("row").filter({ hasText: "Rain cover with the backpack" });
    await row.waitFor();
    await page.screenshot({ path: `${SHOTS}/1-analytics.png`, fullPage: true });
    // Offer, Impressions, Clicks, Accept rate, Orders, Revenue: the order's line after its 10% discount is €13.50.
    const cells = (await row.locator("th, td").allTextContents()).map((t) => t.trim());
    expect(cells[0]).toContain("Rain cover with the backpack");
    expect(cells.slice(1, 3)).toEqual(["1", "1"]);
    expect(cells[4]).toBe("1");
    expect(cells[5]).toMatch(/€13[.,]50/);
    expect(await byType()).toEqual({ IMPRESSION: 1, CLICK: 1, ACCEPT: 1 });
    await page.close();
  }, 90_000);
});
