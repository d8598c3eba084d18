import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { compile, item, product, ref, type OfferSpec } from "../../demo/storefront/demo-config";
import type { Storefront } from "../../demo/storefront/server";
import { storefrontInBrowser } from "./browser";

/*
 * Automatic cross-sells on the simulated storefront (decision record 0085):
 * the sources' order, co-purchase lists from the config, Shopify's
 * recommendations only at decision time, and priority against fixed offers.
 */

const copy = { en: { headline: "Pairs well", body: "Chosen for your cart.", accept: "Add", decline: "No thanks" } };
const automatic = (over: Partial<OfferSpec> = {}, sources: ("co_purchase" | "shopify_complementary" | "shopify_related")[] = ["shopify_complementary"]): OfferSpec => ({
  id: "auto",
  type: "CROSS_SELL",
  moments: ["ADD_TO_CART"],
  definition: { trigger: { products: [ref("day-backpack")] }, productsFrom: "RECOMMENDED", recommendation: { sources }, content: copy },
  ...over,
});

let sf: Storefront;
let context: BrowserContext;
storefrontInBrowser({}, (s, c) => {
  sf = s;
  context = c;
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(sf.url + "/");
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.goto(sf.url + path, { waitUntil: "load" });
  return page;
}
const dialog = (page: Page) => page.locator("tactful-popup dialog");
const titles = (page: Page) => dialog(page).locator("li strong").allTextContents();
const asked = () => sf.state.requests.filter((r) => r.includes("/recommendations/products.json"));

describe("automatic cross-sells on the storefront", () => {
  it("takes co-purchase products from the config first when that source comes first, then Shopify's", async () => {
    const backpack = String(product("day-backpack").id);
    sf.setConfig(compile([automatic({}, ["co_purchase", "shopify_complementary"])], {}, { [backpack]: [item("yoga-block")] }));
    const page = await open("/products/day-backpack");
    await page.locator("product-form button[type=submit]").click();
    await dialog(page).waitFor({ timeout: 15_000 });
    // Yoga block 12.00 (co-purchase) first; then Shopify's: the rain cover (15.00) and the bottle (20.00) would take
    // the added value past the 22.50 headroom, the batteries (8.00) fit: 20.00 in all.
    await expect.poll(() => titles(page)).toEqual(["Cork Yoga Block", "Rechargeable AA Batteries"]);
    // Asked once, for the trigger product, in the default (English) routes root.
    expect(asked()).toEqual([`GET /recommendations/products.json?product_id=${backpack}&limit=6&intent=complementary`]);
    await page.close();
  });

  it("a higher-priority automatic offer gets its recommendations even while a lower fixed offer could show", async () => {
    const fixed: OfferSpec = { id: "fixed", type: "CROSS_SELL", moments: ["ADD_TO_CART"], priority: 0, definition: { trigger: { products: [ref("day-backpack")] }, items: [item("water-bottle")], content: copy } };
    sf.setConfig(compile([fixed, automatic({ priority: 10 })]));
    const page = await open("/products/day-backpack");
    expect(asked()).toEqual([]);
    await page.locator("product-form button[type=submit]").click();
    await dialog(page).waitFor({ timeout: 15_000 });
    // No discount: 22.50 of headroom takes the rain cover (15.00); the bottle (20.00) and the batteries (8.00) would break it.
    await expect.poll(() => titles(page)).toEqual(["Backpack Rain Cover"]);
    expect(asked().length).toBe(1);
    await page.close();
  });

  it("a higher-priority fixed offer still wins over an automatic one", async () => {
    const fixed: OfferSpec = { id: "fixed", type: "CROSS_SELL", moments: ["ADD_TO_CART"], priority: 10, definition: { trigger: { products: [ref("day-backpack")] }, items: [item("water-bottle")], content: copy } };
    sf.setConfig(compile([fixed, automatic({ priority: 0 })]));
    const page = await open("/products/day-backpack");
    await page.locator("product-form button[type=submit]").click();
    await dialog(page).waitFor({ timeout: 15_000 });
    await expect.poll(() => titles(page)).toEqual(["Insulated Water Bottle"]);
    await page.close();
  });
});
