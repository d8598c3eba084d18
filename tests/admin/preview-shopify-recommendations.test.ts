import { afterAll, beforeEach, describe, expect, it } from "vitest";
// First: MSW must patch fetch before the Shopify library captures it.
import { adminServer, FakeAdminApi, jsonPost, useFakeAdmin, type ProductFixture } from "./fake-admin-api";
import db from "../../app/platform/db.server";
import { action as previewAction } from "../../app/routes/app.preview";
import { recordOrderBatch, type OrderBasket } from "../../app/recommendations/recommendations.server";
import { UNREAD_SHOPIFY_FIX } from "../../app/recommendations/shopify-recommendations.server";
import { installShop, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";
import { crossSell } from "./fixtures";

/*
 * The editor's preview of an automatic cross-sell shows the products Shopify's
 * own recommendations chose (decision record 0098): asked of the Storefront
 * API's productRecommendations by the preview's server, for the trigger
 * products in the sample cart, and chosen by the engine under every rule,
 * in the merchant's source order. Without them (no scope, Shopify failing)
 * the preview still answers, without Shopify's products, and says why.
 */

withCleanDatabase();

const product = (id: number, handle: string, title: string, price: string, tags: string[] = []): ProductFixture => ({
  id: `gid://shopify/Product/${id}`,
  handle,
  title,
  tags,
  variants: [{ id: `gid://shopify/ProductVariant/${id}1`, title: "Default Title", price }],
});
const PHONE = product(7001, "phone-x-pro", "Phone X Pro", "720.00");
const CASE = product(7002, "phone-case", "Phone X Case", "30.00");
const PROTECTOR = product(7003, "screen-protector", "Screen Protector", "12.00", ["no-upsell"]);
const CHARGER = product(7004, "usb-c-charger", "USB-C Charger", "25.00");
const STAND = product(7005, "gold-stand", "Gold stand", "900.00");
const BOTTLE = product(7006, "water-bottle", "Water bottle", "20.00");

let api = new FakeAdminApi();
beforeEach(async () => {
  api = new FakeAdminApi();
  for (const p of [PHONE, CASE, PROTECTOR, CHARGER, STAND, BOTTLE]) api.products.set(p.id, p);
  // Search & Discovery's pairs; the stand is over the price cap.
  api.complementary = { "phone-x-pro": ["gold-stand", "phone-case", "screen-protector"] };
  // Related: the phone's collection.
  api.collections.set("gid://shopify/Collection/90", { title: "Electronics", productIds: [PHONE.id, CHARGER.id] });
  useFakeAdmin(api);
  await installShop();
});
afterAll(() => adminServer.close());

const args = (request: Request) => ({ request, params: {}, context: {} });
const preview = async (body: Record<string, unknown>) => (await (await previewAction(args(await jsonPost("/app/preview", body))) as Response).json()) as Record<string, unknown>;

function automatic(sources: string[], excludeTags: string[] = []) {
  const o = crossSell({ items: [], triggerProducts: [{ id: PHONE.id, title: PHONE.title, handle: PHONE.handle }] });
  return { ...o, definition: { ...o.definition, productsFrom: "RECOMMENDED", recommendation: { sources, excludeTags } } };
}
/** The fix the preview gives for a hidden reason. */
const fixFor = (body: Record<string, unknown>, code: string) => (body.reasons as { code: string; fix: string }[]).find((r) => r.code === code)?.fix;
const phoneCart = [{ productId: PHONE.id, variantId: PHONE.variants[0]?.id, quantity: 1 }];

describe("the preview of an automatic cross-sell with Shopify's recommendations", () => {
  it("shows the products Shopify's complementary recommendations chose, each named with its source, under the cap and the exclusions", async () => {
    const body = await preview({ offer: automatic(["shopify_complementary"], ["no-upsell"]), cart: phoneCart });
    expect(body).toMatchObject({ ok: true, show: true, automatic: true, shopifyUnavailable: null });
    // The stand is over the 25% cap, the protector has an excluded tag (read from the Admin API, as the storefront reads its product JSON).
    expect(body.chosen).toEqual([{ title: "Phone X Case", source: "shopify_complementary" }]);
    expect(body.srcdoc).toContain("phone-case");
    // Asked once: the one trigger product in the cart, the one intent the offer names.
    expect(api.calls.filter((c) => c.operation === "TactfulProductRecommendations").map((c) => c.variables)).toEqual([{ productId: PHONE.id, intent: "COMPLEMENTARY" }]);
  });

  it("fills the places in the merchant's source order", async () => {
    const related = await preview({ offer: automatic(["shopify_related", "shopify_complementary"]), cart: phoneCart });
    expect(related.chosen).toEqual([
      { title: "USB-C Charger", source: "shopify_related" },
      { title: "Phone X Case", source: "shopify_complementary" },
      { title: "Screen Protector", source: "shopify_complementary" },
    ]);
    const complementaryFirst = await preview({ offer: automatic(["shopify_complementary", "shopify_related"]), cart: phoneCart });
    expect(complementaryFirst.chosen).toEqual([
      { title: "Phone X Case", source: "shopify_complementary" },
      { title: "Screen Protector", source: "shopify_complementary" },
      { title: "USB-C Charger", source: "shopify_related" },
    ]);
  });

  it("asks nothing of the Storefront API when the cart holds no trigger product", async () => {
    const body = await preview({ offer: automatic(["shopify_complementary"]), cart: [{ productId: BOTTLE.id, variantId: BOTTLE.variants[0]?.id, quantity: 1 }] });
    expect(body).toMatchObject({ ok: true, show: false, shopifyUnavailable: null });
    expect(api.count("TactfulProductRecommendations")).toBe(0);
  });

  describe("when Shopify's recommendations cannot be read", () => {
    beforeEach(async () => {
      // The shop's own orders pair the phone with the water bottle.
      const at = new Date("2026-11-01T00:00:00Z");
      const orders: OrderBasket[] = [];
      for (let i = 0; i < 30; i++) orders.push({ orderId: String(i + 1), orderedAt: at, productIds: [PHONE.id, BOTTLE.id] });
      for (let i = 0; i < 60; i++) orders.push({ orderId: String(i + 100), orderedAt: at, productIds: [`gid://shopify/Product/${9000 + (i % 20)}`] });
      await recordOrderBatch(db, TEST_SHOP, orders);
    });

    it("without the storefront scope: the other sources' products, none of Shopify's, and the reason", async () => {
      api.storefrontScope = false;
      const body = await preview({ offer: automatic(["shopify_complementary", "co_purchase"]), cart: phoneCart });
      expect(body).toMatchObject({ ok: true, show: true });
      expect(body.chosen).toEqual([{ title: "Water bottle", source: "co_purchase" }]);
      expect(body.shopifyUnavailable).toBe(
        "the app has not been granted storefront access (the unauthenticated_read_product_listings scope); reinstall the app, or approve its updated access, to grant it",
      );
    });

    it("when Shopify fails: the same, with Shopify's answer", async () => {
      api.fail("TactfulProductRecommendations", { kind: "http", status: 500 });
      const body = await preview({ offer: automatic(["shopify_complementary", "co_purchase"]), cart: phoneCart });
      expect(body.chosen).toEqual([{ title: "Water bottle", source: "co_purchase" }]);
      expect(body.shopifyUnavailable).toBe("Shopify's Storefront API answered HTTP 500");
      // With Shopify's as the only source, the offer is hidden for want of a recommendation, explained as usual.
      api.storefrontScope = false;
      const only = await preview({ offer: automatic(["shopify_complementary"]), cart: phoneCart });
      expect(only).toMatchObject({ ok: true, show: false, chosen: [] });
      expect(only.shopifyUnavailable).toMatch(/unauthenticated_read_product_listings/);
      // The fix under "nothing recommended" names the preview's blind spot, not "add a source".
      expect(fixFor(only, "NO_RECOMMENDATION")).toBe(UNREAD_SHOPIFY_FIX);
      // Read and empty, Shopify's answer leaves the usual fix.
      api.storefrontScope = true;
      api.complementary = {};
      const read = await preview({ offer: automatic(["shopify_complementary"]), cart: phoneCart });
      expect(read).toMatchObject({ ok: true, show: false, chosen: [], shopifyUnavailable: null });
      expect(fixFor(read, "NO_RECOMMENDATION")).toMatch(/^Add a source/);
    });
  });

  it("a fixed cross-sell asks nothing of the Storefront API", async () => {
    const body = await preview({ offer: crossSell({ items: [{ productId: CASE.id, handle: CASE.handle, title: CASE.title, variantIds: [CASE.variants[0]?.id] }], triggerProducts: [{ id: PHONE.id, title: PHONE.title, handle: PHONE.handle }] }), cart: phoneCart });
    expect(body).toMatchObject({ ok: true, show: true, shopifyUnavailable: null });
    expect(api.count("TactfulProductRecommendations")).toBe(0);
  });
});
