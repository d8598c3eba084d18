import { Window } from "happy-dom";
import type { BrowserContext, Page } from "playwright-core";
import { render } from "preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MEMORY_ATTRIBUTE } from "@tactful/engine";
import { compile, item, product, ref, type OfferSpec } from "../../demo/storefront/demo-config";
import type { Storefront } from "../../demo/storefront/server";
import renderCheckout from "../../extensions/tactful-checkout/src/Checkout";
import { clearFactsCache } from "../../extensions/tactful-checkout/src/OfferBlock";
import { line, stubShopify } from "../../extensions/tactful-checkout/src/test-shopify";
import { storefrontInBrowser } from "../storefront/browser";

/*
 * One frequency budget across surfaces (decision record 0080): the real
 * built popup on the simulated storefront, in Chromium, declines an offer in
 * the cart; the real checkout extension then gets that cart's attributes,
 * as Shopify hands a cart's attributes to checkout, and the same compiled
 * config, and must not ask again.
 */

const socks: OfferSpec = {
  id: "socks",
  type: "CROSS_SELL",
  moments: ["CART", "CHECKOUT"],
  definition: { trigger: { products: [ref("trail-runner")] }, items: [item("merino-socks")], content: { en: { headline: "Complete your run", body: "Merino.", accept: "Add", decline: "No thanks" } } },
};

let sf: Storefront;
let context: BrowserContext;
let dom: Window | null = null;
storefrontInBrowser({}, (shop, browser) => ([sf, context] = [shop, browser]));
afterEach(async () => {
  if (dom) render(null, dom.document.body);
  vi.unstubAllGlobals();
  await dom?.happyDOM.close();
  dom = null;
});

async function cartPageWithTrigger(): Promise<Page> {
  await context.clearCookies();
  const page = await context.newPage();
  await page.goto(sf.url + "/");
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.evaluate((id) => fetch("/cart/add.js", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id, quantity: 1 }) }), product("trail-runner").variants[0]?.id);
  await page.goto(sf.url + "/cart?theme=legacy", { waitUntil: "load" });
  return page;
}
const cartAttributes = async (page: Page) => ((await page.evaluate(() => fetch("/cart.js").then((r) => r.json()))) as { attributes: Record<string, string> }).attributes;

/** The checkout extension over the demo cart: its trigger line, the socks at the catalog's prices (the harness's lines are in USD), the cart's attributes. */
async function checkoutShows(attributes: Record<string, string>): Promise<boolean> {
  clearFactsCache();
  dom = new Window();
  vi.stubGlobal("document", dom.document);
  const runner = product("trail-runner");
  stubShopify({
    config: compile([socks]),
    lines: [line("1", String(runner.variants[0]?.id), String(runner.id), (runner.variants[0]?.price ?? 0) / 100)],
    variants: Object.fromEntries(product("merino-socks").variants.map((v) => [String(v.id), { price: (v.price / 100).toFixed(2), title: "Merino Running Socks" }])),
    attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
  });
  await renderCheckout();
  const body = dom.document.body;
  for (let i = 0; i < 100 && body.querySelector("s-skeleton-paragraph"); i++) await new Promise((r) => setTimeout(r, 10));
  expect(body.querySelector("s-skeleton-paragraph")).toBeNull();
  return body.querySelector("s-section") !== null;
}

describe("one frequency budget from the cart to checkout", () => {
  it("decline in the cart, then no offer at checkout; without the carried memory checkout would have asked", async () => {
    sf.setConfig(compile([socks]));
    const page = await cartPageWithTrigger();
    const dialog = page.locator("tactful-popup dialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "No thanks" }).click();
    await expect.poll(async () => (await cartAttributes(page))[MEMORY_ATTRIBUTE] ?? "", { timeout: 5000 }).toMatch(/\|socks:[0-9a-z]+$/);
    const attributes = await cartAttributes(page);
    await page.close();

    expect(await checkoutShows(attributes)).toBe(false);
    // The control: the same cart without the memory attribute gets the offer at checkout.
    const { [MEMORY_ATTRIBUTE]: _memory, ...rest } = attributes;
    expect(await checkoutShows(rest)).toBe(true);
  });
});
