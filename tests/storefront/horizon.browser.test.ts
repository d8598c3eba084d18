import type { BrowserContext, Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { compileFunctionConfig, functionMetafield } from "../../app/offers/offer-compiler";
import { shopSettingsSchema } from "../../app/offers/settings.schema";
import { compile, item, offerRecord, product, ref, upgrade, type OfferSpec } from "../../demo/storefront/demo-config";
import type { Storefront } from "../../demo/storefront/server";
import { storefrontInBrowser, SHOTS } from "./browser";

/*
 * The popup in the Horizon-shaped storefront (decision record 0070): the
 * theme's own script (demo/storefront/themes/horizon.theme.js) draws the drawer,
 * the count bubble and the cart page from its own `cart:update` events and
 * section morphing; tactful.js must make them show every accept without a
 * reload. Plus the discount Function's allocations in /cart.js and on the
 * cart page (both themes), as Shopify shows them.
 */

// Arabic copy too: the right-to-left run opens /ar/, and an offer shows only in a language it has words in (decision 0074).
const copy = (headline: string, accept = "Add") => ({ en: { headline, body: "Pairs well with what you chose.", accept, decline: "No thanks" }, ar: { headline: "عرض لك", body: "يناسب ما اخترته.", accept: "أضف", decline: "لا، شكرًا" } });
const crossSell = (id: string, trigger: string, offered: string, moments: OfferSpec["moments"], discount?: { kind: "PERCENT"; bps: number }): OfferSpec => ({
  id,
  type: "CROSS_SELL",
  moments,
  definition: { trigger: { products: [ref(trigger)] }, items: [item(offered)], content: copy("Offer " + id), ...(discount ? { discount } : {}) },
});
const socks = (moments: OfferSpec["moments"] = ["ADD_TO_CART"], discount?: { kind: "PERCENT"; bps: number }) => crossSell("socks", "trail-runner", "merino-socks", moments, discount);
const phoneUpsell = (moments: OfferSpec["moments"]): OfferSpec => ({
  id: "phone-pro",
  type: "UPSELL",
  moments,
  definition: { upgrades: [upgrade("phone-x", "phone-x-pro")], content: { en: { headline: "Double the storage", body: "256 GB.", accept: "Upgrade", decline: "Keep mine" } } },
});
const variantOf = (handle: string) => product(handle).variants[0]?.id as number;

let sf: Storefront;
let context: BrowserContext;
storefrontInBrowser({ theme: "horizon" }, (shop, browser) => ([sf, context] = [shop, browser]));
beforeEach(async () => {
  delete sf.state.metafields.function_config;
});

/** Offers for the popup, and for the discount Function as the admin would write its metafield. */
function configure(specs: OfferSpec[]) {
  sf.setConfig(compile(specs));
  const fn = functionMetafield(compileFunctionConfig(specs.map(offerRecord), shopSettingsSchema.parse({})), "EUR");
  sf.state.metafields.function_config = JSON.parse(fn.value) as unknown;
}

async function open(path: string, opts: { viewport?: { width: number; height: number }; cart?: string[] } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The demo checkout page has no icon; the browser's own favicon request is not the page's error.
  page.on("console", (m) => m.type() === "error" && !m.location().url.endsWith("/favicon.ico") && errors.push(m.text()));
  await page.setViewportSize(opts.viewport ?? { width: 1280, height: 800 });
  await page.goto(sf.url + "/");
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  for (const h of opts.cart ?? [])
    await page.evaluate((id) => fetch("/cart/add.js", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id, quantity: 1 }) }), variantOf(h));
  await page.goto(sf.url + path, { waitUntil: "load" });
  return { page, errors };
}

const popup = (page: Page) => page.locator("tactful-popup dialog");
const drawer = (page: Page) => page.locator("cart-drawer-component dialog");
const drawerRows = (page: Page) => page.locator("cart-drawer-component .cart-items__table-row");
const bubble = (page: Page) => page.locator("cart-icon [ref=cartBubbleCount]");
const pageLoads = (path: string) => sf.state.requests.filter((r) => r === `GET ${path}` || r.startsWith(`GET ${path}?`)).length;
type AjaxCart = { items: { variant_id: number; quantity: number; discounted_price: number; final_line_price: number; total_discount: number; line_level_discount_allocations: { amount: number; discount_application: { title: string } }[] }[]; total_price: number; total_discount: number };
const cartJs = async (page: Page) => (await page.evaluate(() => fetch("/cart.js").then((r) => r.json()))) as AjaxCart;
const lines = async (page: Page) => (await cartJs(page)).items.map((i) => [i.variant_id, i.quantity]);

describe("the popup in a Horizon-shaped theme", () => {
  it("cross-sell accepted on the product page: the count bubble says 2 and the drawer lists both lines, its controls still work, no reload", async () => {
    configure([socks()]);
    const { page, errors } = await open("/products/trail-runner");
    await page.locator("product-form-component button[type=submit]").click();
    await popup(page).waitFor();
    await expect.poll(() => bubble(page).textContent()).toBe("1");
    await popup(page).locator("li button.y").click();
    await expect.poll(() => popup(page).count()).toBe(0);
    await expect.poll(() => bubble(page).textContent()).toBe("2");
    // The theme's own cart icon still opens its own drawer, which shows both lines.
    await page.locator("cart-drawer-component > button").click();
    await expect.poll(() => drawer(page).evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    await expect.poll(() => drawerRows(page).count()).toBe(2);
    expect(await drawerRows(page).nth(1).textContent()).toContain("Merino Running Socks");
    // Its + on the socks row changes the socks line, not another.
    await drawerRows(page).nth(1).getByRole("button", { name: "Increase quantity" }).click();
    await expect.poll(() => lines(page)).toEqual([
      [variantOf("trail-runner"), 1],
      [variantOf("merino-socks"), 2],
    ]);
    await expect.poll(() => bubble(page).textContent()).toBe("3");
    expect(pageLoads("/products/trail-runner")).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("opening the drawer (<cart-drawer-component> around a <dialog>) fires the cart offer; accepting shows the line in the open drawer", async () => {
    configure([socks(["CART"])]);
    const { page, errors } = await open("/products/trail-runner", { cart: ["trail-runner"] });
    await page.locator("cart-drawer-component > button").click();
    await popup(page).waitFor();
    await popup(page).locator("li button.y").click();
    await expect.poll(() => popup(page).count()).toBe(0);
    // The drawer stayed open behind the popup and was morphed in place.
    expect(await drawer(page).evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    await expect.poll(() => drawerRows(page).count()).toBe(2);
    await expect.poll(() => bubble(page).textContent()).toBe("2");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the pre-checkout offer accepted on the cart page goes on to checkout, without reloading the cart page", async () => {
    configure([socks(["PRE_CHECKOUT"])]);
    const { page, errors } = await open("/cart", { cart: ["trail-runner"] });
    await page.locator("#checkout").click();
    await popup(page).waitFor();
    await popup(page).locator("li button.y").click();
    await page.waitForURL("**/checkout", { timeout: 10_000 });
    expect(await page.locator("#checkout-title").isVisible()).toBe(true);
    expect(await lines(page)).toEqual([
      [variantOf("trail-runner"), 1],
      [variantOf("merino-socks"), 1],
    ]);
    expect(pageLoads("/cart")).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an upsell swapped on the cart page: the items and the estimated total show the Pro, without a reload", async () => {
    configure([phoneUpsell(["CART"])]);
    const { page, errors } = await open("/cart", { cart: ["phone-x"] });
    await popup(page).waitFor();
    await popup(page).locator("button.y").click();
    await expect.poll(() => popup(page).count()).toBe(0);
    const main = page.locator("#shopify-section-template--hz__main");
    await expect.poll(() => main.locator(".cart-items__table-row").allTextContents()).toEqual([expect.stringContaining("Phone X Pro 256 GB")]);
    await expect.poll(() => main.locator("[data-testid=cart-total-value]").textContent()).toBe("€720.00");
    await expect.poll(() => bubble(page).textContent()).toBe("1");
    expect(await lines(page)).toEqual([[variantOf("phone-x-pro"), 1]]);
    expect(pageLoads("/cart")).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const [name, viewport, path] of [
    ["1280", { width: 1280, height: 800 }, "/products/trail-runner"],
    ["390", { width: 390, height: 844 }, "/products/trail-runner"],
    ["rtl", { width: 1280, height: 800 }, "/ar/products/trail-runner"],
  ] as const)
    it(`screenshot after accept, drawer open (${name})`, async () => {
      configure([socks(["CART"], { kind: "PERCENT", bps: 1000 })]);
      const { page } = await open(path, { viewport, cart: ["trail-runner"] });
      await page.locator("cart-drawer-component > button").click();
      await popup(page).waitFor();
      await popup(page).locator("li button.y").click();
      await expect.poll(() => popup(page).count()).toBe(0);
      await expect.poll(() => drawerRows(page).count()).toBe(2);
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${SHOTS}/horizon-after-accept-${name}.png` });
      await page.close();
    });
});

describe("a theme on Shopify's standard events and actions (as Horizon 4.x)", () => {
  /** The standard events the page saw, as "action:context". */
  const watchEvents = (page: Page) =>
    page.evaluate(() => {
      const w = window as unknown as { seen: string[] };
      w.seen = [];
      document.addEventListener("shopify:cart:lines-update", (e) => {
        const ev = e as Event & { action: string; context: string };
        w.seen.push(`${ev.action}:${ev.context}`);
      });
    });
  const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: string[] }).seen);

  it("an accepted cross-sell goes through Shopify.actions.updateCart, and the theme's drawer shows it from the action's event", async () => {
    configure([socks()]);
    const { page, errors } = await open("/products/trail-runner?theme=standard");
    await watchEvents(page);
    await page.locator("product-form button[type=submit]").click();
    await popup(page).waitFor();
    await popup(page).locator("li button.y").click();
    await expect.poll(() => page.locator("cart-drawer .cart-item").count()).toBe(2);
    expect(await seen(page)).toEqual(["add:product", "add:standard-action"]);
    expect((await cartJs(page)).items.map((i) => i.variant_id)).toEqual([variantOf("trail-runner"), variantOf("merino-socks")]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an accepted upsell swaps through two updateCart calls (add, then remove by the Ajax line key)", async () => {
    configure([phoneUpsell(["ADD_TO_CART"])]);
    const { page, errors } = await open("/products/phone-x?theme=standard");
    await watchEvents(page);
    await page.locator("product-form button[type=submit]").click();
    await popup(page).waitFor();
    await popup(page).locator("button.y").click();
    await expect.poll(() => page.locator("cart-drawer .cart-item").allTextContents()).toEqual([expect.stringContaining("Phone X Pro 256 GB")]);
    expect(await seen(page)).toEqual(["add:product", "add:standard-action", "remove:standard-action"]);
    expect(await lines(page)).toEqual([[variantOf("phone-x-pro"), 1]]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an upsell whose removal the action refuses takes the upgrade back out through the action: the phone stays, alone", async () => {
    configure([phoneUpsell(["ADD_TO_CART"])]);
    const { page, errors } = await open("/products/phone-x?theme=standard");
    await page.locator("product-form button[type=submit]").click();
    await popup(page).waitFor();
    sf.state.faults.push({ route: "POST /cart/change.js", status: 422, times: 1 });
    await popup(page).locator("button.y").click();
    await expect.poll(() => popup(page).count()).toBe(0);
    await expect.poll(() => lines(page)).toEqual([[variantOf("phone-x"), 1]]);
    await expect.poll(() => page.locator("cart-drawer .cart-item").allTextContents()).toEqual([expect.stringContaining("Phone X 128 GB")]);
    expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
    await page.close();
  });

  it("a cart shown in a dialog and told only through shopify:cart:view fires the cart offer", async () => {
    configure([socks(["CART"])]);
    const { page } = await open("/products/trail-runner?theme=standard", { cart: ["trail-runner"] });
    await page.evaluate(() => document.dispatchEvent(Object.assign(new Event("shopify:cart:view", { bubbles: true }), { context: "dialog", cart: null })));
    await popup(page).waitFor();
    await page.close();
  });
});

describe("the discount Function in the cart", () => {
  for (const theme of ["horizon", "legacy"] as const)
    it(`/cart.js and the cart page show the price the popup promised (${theme})`, async () => {
      configure([socks(["ADD_TO_CART"], { kind: "PERCENT", bps: 1000 })]);
      const { page, errors } = await open(`/products/trail-runner?theme=${theme}`);
      await page.locator("form[action$='/cart/add'] button[type=submit]").click();
      await popup(page).waitFor();
      expect(await popup(page).textContent()).toContain("€13.50");
      await popup(page).locator("li button.y").click();
      await expect.poll(() => popup(page).count()).toBe(0);
      await expect.poll(async () => (await cartJs(page)).items.length).toBe(2);
      const c = await cartJs(page);
      const socksLine = c.items[1];
      expect(socksLine?.variant_id).toBe(variantOf("merino-socks"));
      expect(socksLine?.discounted_price).toBe(1350);
      expect(socksLine?.final_line_price).toBe(1350);
      expect(socksLine?.total_discount).toBe(150);
      expect(socksLine?.line_level_discount_allocations.map((a) => a.amount)).toEqual([150]);
      expect(c.items[0]?.total_discount).toBe(0);
      expect(c.total_discount).toBe(150);
      expect(c.total_price).toBe(12000 + 1350);
      await page.goto(sf.url + "/cart");
      const text = (await page.locator("main").textContent()) ?? "";
      expect(text).toContain("€13.50");
      expect(text).toContain("€133.50");
      expect(errors).toEqual([]);
      await page.close();
    });
});
