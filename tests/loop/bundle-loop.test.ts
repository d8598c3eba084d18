import { describe, expect, it } from "vitest";
import { seedCatalog } from "../../app/demo-mode/catalog";
import { addToCart, cartOf, popup, SHOTS, shopper, withLoop, type Loop } from "./harness";

/*
 * Issue 13 item 6 / decision record 0056, end to end: a bundle saved through
 * the app's own model and sync, accepted on the simulated storefront, priced
 * by the real discount Function at the demo checkout. Its discount holds only
 * while every item of the bundle is in the cart together with its trigger.
 */

let loop: Loop;
withLoop((started) => (loop = started));

const catalog = seedCatalog();
const find = (handle: string) => {
  const p = catalog.find((x) => x.handle === handle);
  if (!p) throw new Error(`no ${handle} in the demo catalog`);
  return p;
};
const gid = (kind: string, id: number) => `gid://shopify/${kind}/${id}`;
const offered = (handle: string) => ({ productId: gid("Product", find(handle).id), handle, title: find(handle).title, variantIds: find(handle).variants.map((v) => gid("ProductVariant", v.id)) });

describe("a bundle, all or nothing", () => {
  let offerId = "";

  it("a bundle saved and synced by the app reaches the storefront", async () => {
    const load = loop.demo.load;
    const { DEMO_SHOP } = await load<typeof import("../../app/demo-mode/demo-mode.server")>("/app/demo-mode/demo-mode.server.ts");
    const { createOffer } = await load<typeof import("../../app/offers/offers.server")>("/app/offers/offers.server.ts");
    const { getShopSettings } = await load<typeof import("../../app/offers/settings.server")>("/app/offers/settings.server.ts");
    const { syncShop } = await load<typeof import("../../app/shopify/sync.server")>("/app/shopify/sync.server.ts");
    const { offerInputSchema } = await load<typeof import("../../app/offers/offer.schema")>("/app/offers/offer.schema.ts");
    const { unauthenticated } = await load<typeof import("../../app/shopify.server")>("/app/shopify.server.ts");
    const input = offerInputSchema.parse({
      name: "Yoga starter bundle",
      status: "ACTIVE",
      type: "BUNDLE",
      moments: ["ADD_TO_CART"],
      definition: {
        trigger: { products: [{ id: gid("Product", find("yoga-mat").id), title: "Yoga Mat", handle: "yoga-mat" }] },
        items: [offered("yoga-block"), offered("rain-cover")],
        discount: { kind: "PERCENT", bps: 1000 },
        capBps: 10000,
        content: { en: { headline: "Complete your practice", body: "A cork block and a cover, 10% off together.", accept: "Add both", decline: "No thanks" } },
      },
    });
    const { settings } = await getShopSettings(DEMO_SHOP);
    offerId = (await createOffer(DEMO_SHOP, input, settings)).id;
    const { admin } = await unauthenticated.admin(DEMO_SHOP);
    const sync = await syncShop(DEMO_SHOP, admin);
    expect(sync.ok).toBe(true);
  }, 120_000);

  it("accepted whole, both items are discounted; once one is removed, the other loses the bundle discount", async () => {
    expect(offerId).not.toBe("");
    const page = await shopper(loop, "/products/yoga-mat?theme=standard");
    await addToCart(page);
    await popup(page).waitFor({ timeout: 10_000 });
    expect(await popup(page).locator("h2").textContent()).toBe("Complete your practice");
    await popup(page).locator(".a button.y").click();
    await expect.poll(async () => (await cartOf(page)).items.length).toBe(3);
    const cart = await cartOf(page);
    expect(cart.items.map((i) => [i.title, i.properties])).toEqual([
      ["Yoga Mat - Sage", {}],
      ["Cork Yoga Block", { _tactful_offer: offerId }],
      ["Backpack Rain Cover", { _tactful_offer: offerId }],
    ]);

    // The whole bundle with its trigger: 10% off €12.00 and €15.00.
    await page.goto(loop.demo.storefront.url + "/checkout");
    expect(await page.getByTestId("line-discount").allTextContents()).toEqual(["Offer discount −€1.20", "Offer discount −€1.50"]);
    await page.screenshot({ path: `${SHOTS}/6-bundle-checkout.png`, fullPage: true });

    // The rain cover removed: the block keeps its property but not the bundle's discount.
    await page.evaluate(() => fetch("/cart/change.js", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ line: 3, quantity: 0 }) }));
    expect((await cartOf(page)).items.map((i) => [i.title, i.properties])).toEqual([
      ["Yoga Mat - Sage", {}],
      ["Cork Yoga Block", { _tactful_offer: offerId }],
    ]);
    await page.goto(loop.demo.storefront.url + "/checkout");
    expect(await page.getByTestId("line-discount").count()).toBe(0);
    expect(await page.getByTestId("discounts").textContent()).toBe("€0.00");
    expect(await page.getByTestId("total").textContent()).toBe("€52.00");
    await page.screenshot({ path: `${SHOTS}/6-bundle-item-removed-checkout.png`, fullPage: true });
    await page.close();
  }, 120_000);
});
