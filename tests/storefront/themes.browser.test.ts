import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { compile, item, product, ref, upgrade, type OfferSpec } from "../../demo/storefront/demo-config";
import type { Storefront } from "../../demo/storefront/server";
import { storefrontInBrowser, SHOTS } from "./browser";

/*
 * Issue 14's scenarios in the theme shapes of the simulated shop, with the
 * real built asset: what the shopper sees of the cart after each accept, and
 * whether the theme's own controls still work (decision record 0069).
 * "dawn" is Dawn 15's shape (body-level drawer, handlers bound to elements,
 * Esc on keyup, line-index +/−); "standard" dispatches Shopify's standard
 * cart events and configures Shopify.actions.
 */

// Arabic copy too: the right-to-left runs open /ar/, and an offer shows only in a language it has words in (decision 0074).
const copy = (headline: string, accept: string) => ({ en: { headline, body: "", accept, decline: "No thanks" }, ar: { headline: "عرض لك", body: "", accept: "أضف", decline: "لا، شكرًا" } });
const socks = (moments: OfferSpec["moments"] = ["ADD_TO_CART"]): OfferSpec => ({
  id: "socks",
  type: "CROSS_SELL",
  moments,
  definition: { trigger: { products: [ref("trail-runner")] }, items: [item("merino-socks")], content: copy("Complete your run", "Add") },
});
const phonePro = (moments: OfferSpec["moments"], delayMs = 0): OfferSpec => ({
  id: "phone-pro",
  type: "UPSELL",
  moments,
  definition: { upgrades: [upgrade("phone-x", "phone-x-pro")], content: copy("Double the storage", "Upgrade"), delayMs },
});

/** Where each shape shows what the tests read. */
const SHAPES = {
  dawn: { total: "#main-cart-footer .totals__total-value", hasQuantityControls: true },
  standard: { total: "#main-cart-items .totals", hasQuantityControls: false },
} as const;
type Shape = keyof typeof SHAPES;

let sf: Storefront;
let context: BrowserContext;
storefrontInBrowser({}, (shop, browser) => ([sf, context] = [shop, browser]));

/** A fresh shopper on `path` in the given shape, with `seed` (handles) already in the cart. */
async function open(shape: Shape, path: string, seed: string[] = [], viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(`${sf.url}/?theme=${shape}`);
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  for (const h of seed)
    await page.evaluate((id) => fetch("/cart/add.js", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id, quantity: 1 }) }), product(h).variants[0]?.id);
  await page.goto(sf.url + path, { waitUntil: "load" });
  // Marks this document: still there after an accept means the page was not reloaded.
  await page.evaluate(() => ((window as { __sameDocument?: boolean }).__sameDocument = true));
  return page;
}
const dialog = (page: Page) => page.locator("tactful-popup dialog");
const accept = (page: Page, name: string) => dialog(page).getByRole("button", { name, exact: true }).click();
const drawer = (page: Page) => page.locator("cart-drawer");
const drawerOpen = (page: Page) => drawer(page).evaluate((d) => d.classList.contains("active"));
const drawerTitles = (page: Page) => page.locator("cart-drawer .cart-item a").allTextContents();
const bubble = (page: Page) => page.locator("#cart-icon-bubble .cart-count-bubble").first().textContent();
const sameDocument = (page: Page) => page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument === true);
const cart = async (page: Page) =>
  (await page.evaluate(() => fetch("/cart.js").then((r) => r.json()))) as { item_count: number; items: { handle: string; quantity: number }[] };
const lines = async (page: Page) => (await cart(page)).items.map((i) => `${i.handle} x${i.quantity}`);

/** The cart icon still does what the theme bound to it: opens the drawer, no navigation. */
async function cartIconOpensDrawer(page: Page) {
  const before = page.url();
  if (await drawerOpen(page)) {
    await page.locator("cart-drawer .drawer__header .drawer__close").click();
    await expect.poll(() => drawerOpen(page)).toBe(false);
  }
  await page.locator("#cart-icon-bubble").click();
  await expect.poll(() => drawerOpen(page)).toBe(true);
  expect(page.url()).toBe(before);
}

for (const shape of Object.keys(SHAPES) as Shape[])
  describe(`after an accept, in the ${shape} shape`, () => {
    const s = SHAPES[shape];

    it("a cross-sell accepted on the product page with the drawer open shows in the drawer and the bubble, and the cart icon still opens the drawer", async () => {
      sf.setConfig(compile([socks()]));
      const page = await open(shape, "/products/trail-runner");
      await page.locator("product-form button[type=submit]").click();
      await dialog(page).waitFor();
      await expect.poll(() => drawerOpen(page)).toBe(true);
      await accept(page, "Add");
      await expect.poll(() => dialog(page).count()).toBe(0);
      expect(await lines(page)).toEqual(["trail-runner x1", "merino-socks x1"]);
      await expect.poll(() => drawerTitles(page)).toEqual(["Trail Runner", "Merino Running Socks"]);
      await expect.poll(() => bubble(page)).toContain("2");
      await page.screenshot({ path: `${SHOTS}/${shape}-cross-sell-accepted.png` });
      await cartIconOpensDrawer(page);
      expect(await sameDocument(page)).toBe(true);
      await page.close();
    });

    it("an upsell swapped on the cart page shows the new line and the new total, without a reload", async () => {
      sf.setConfig(compile([phonePro(["CART"])]));
      const page = await open(shape, "/cart", ["phone-x"]);
      await dialog(page).waitFor();
      expect(await page.locator(s.total).textContent()).toContain("600.00");
      await accept(page, "Upgrade");
      await expect.poll(() => dialog(page).count()).toBe(0);
      expect(await lines(page)).toEqual(["phone-x-pro x1"]);
      await expect.poll(() => page.locator("#main-cart-items").textContent()).toContain("Phone X Pro");
      expect(await page.locator("#main-cart-items").textContent()).not.toContain("Phone X 128");
      await expect.poll(() => page.locator(s.total).textContent()).toContain("720.00");
      expect(await sameDocument(page)).toBe(true);
      await page.screenshot({ path: `${SHOTS}/${shape}-cart-upsell-accepted.png` });
      if (s.hasQuantityControls) {
        // The page's own + on the new row changes that row.
        await page.locator("#main-cart-items .cart-item", { hasText: "Phone X Pro" }).locator("button[name=plus]").click();
        await expect.poll(() => lines(page)).toEqual(["phone-x-pro x2"]);
        await expect.poll(() => page.locator(s.total).textContent()).toContain("1,440.00");
      }
      await page.close();
    });

    it("an upsell offered when the drawer opens right after add-to-cart is not dropped, and the drawer shows the swap", async () => {
      // The add-to-cart moment decides (and shows nothing: socks need trail runners) while the drawer opens.
      sf.setConfig(compile([socks(), phonePro(["CART"])]));
      const page = await open(shape, "/products/phone-x");
      await page.locator("product-form button[type=submit]").click();
      await dialog(page).waitFor({ timeout: 5000 });
      expect(await dialog(page).textContent()).toContain("Double the storage");
      await accept(page, "Upgrade");
      await expect.poll(() => dialog(page).count()).toBe(0);
      expect(await lines(page)).toEqual(["phone-x-pro x1"]);
      await expect.poll(() => drawerTitles(page)).toEqual(["Phone X Pro 256 GB"]);
      await cartIconOpensDrawer(page);
      await page.close();
    });

    it("Escape closes the popup and leaves the drawer open", async () => {
      // The delay lets the drawer take focus first, so focus goes back into it when the popup closes.
      sf.setConfig(compile([phonePro(["CART"], 600)]));
      const page = await open(shape, "/products/trail-runner", ["phone-x"]);
      await page.locator("#cart-icon-bubble").click();
      await dialog(page).waitFor();
      expect(await drawerOpen(page)).toBe(true);
      await page.keyboard.press("Escape");
      await expect.poll(() => dialog(page).count()).toBe(0);
      await page.waitForTimeout(300);
      expect(await drawerOpen(page)).toBe(true);
      if (shape === "dawn") {
        // The theme's own Escape still works once the popup is gone.
        await page.locator("cart-drawer .drawer__inner").focus();
        await page.keyboard.press("Escape");
        await expect.poll(() => drawerOpen(page)).toBe(false);
      }
      await page.close();
    });

    it("a refused offered item (422) leaves the cart as it was and the cart icon working", async () => {
      sf.setConfig(compile([socks()]));
      const page = await open(shape, "/products/trail-runner");
      await page.locator("product-form button[type=submit]").click();
      await dialog(page).waitFor();
      sf.state.faults.push({ route: "POST /cart/add.js", status: 422, times: 1 });
      await accept(page, "Add");
      await expect.poll(() => dialog(page).count()).toBe(0);
      expect(await lines(page)).toEqual(["trail-runner x1"]);
      await cartIconOpensDrawer(page);
      await expect.poll(() => drawerTitles(page)).toEqual(["Trail Runner"]);
      await page.close();
    });

    it("accepting the pre-checkout offer on the cart page continues to checkout with it", async () => {
      sf.setConfig(compile([socks(["PRE_CHECKOUT"])]));
      const page = await open(shape, "/cart", ["trail-runner"]);
      await page.locator("#checkout").click();
      await dialog(page).waitFor();
      await accept(page, "Add");
      await page.waitForURL("**/checkout");
      expect(await page.locator("body").textContent()).toContain("Merino Running Socks");
      await page.close();
    });
  });

describe("in the dawn shape, the theme's own line controls after a swap", () => {
  it("+ and remove in the drawer change the line they show", async () => {
    sf.setConfig(compile([phonePro(["CART"])]));
    const page = await open("dawn", "/products/trail-runner", ["trail-runner", "phone-x"]);
    await page.locator("#cart-icon-bubble").click();
    await dialog(page).waitFor();
    await accept(page, "Upgrade");
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(await lines(page)).toEqual(["trail-runner x1", "phone-x-pro x1"]);
    await expect.poll(() => drawerTitles(page)).toEqual(["Trail Runner", "Phone X Pro 256 GB"]);
    await page.locator("cart-drawer .cart-item", { hasText: "Phone X Pro" }).locator("button[name=plus]").click();
    await expect.poll(() => lines(page)).toEqual(["trail-runner x1", "phone-x-pro x2"]);
    await expect.poll(() => page.locator("cart-drawer .totals__total-value").textContent()).toContain("1,560.00");
    await page.locator("cart-drawer .cart-item", { hasText: "Trail Runner" }).locator("cart-remove-button button").click();
    await expect.poll(() => lines(page)).toEqual(["phone-x-pro x2"]);
    await expect.poll(() => bubble(page)).toContain("2");
    await page.close();
  });
});

describe("the Dawn shape on a phone and right to left", () => {
  for (const [name, path, viewport] of [
    ["390", "/products/trail-runner", { width: 390, height: 780 }],
    ["rtl", "/ar/products/trail-runner", { width: 1280, height: 800 }],
  ] as const)
    it(`after a cross-sell accept the drawer shows both lines (${name})`, async () => {
      sf.setConfig(compile([socks()]));
      const page = await open("dawn", path, [], viewport);
      await page.locator("product-form button[type=submit]").click();
      await dialog(page).waitFor();
      await page.screenshot({ path: `${SHOTS}/dawn-cross-sell-${name}.png` });
      await dialog(page).locator("li button").last().click();
      await expect.poll(() => dialog(page).count()).toBe(0);
      await expect.poll(() => drawerTitles(page)).toEqual(["Trail Runner", "Merino Running Socks"]);
      await expect.poll(() => bubble(page)).toContain("2");
      const box = await page.locator("cart-drawer .drawer__inner").boundingBox();
      // The drawer sits on the reading direction's end side, within the viewport.
      expect(box && box.x >= 0 && box.x + box.width <= viewport.width + 1).toBe(true);
      if (name === "rtl") expect(box?.x).toBe(0);
      await page.screenshot({ path: `${SHOTS}/dawn-cross-sell-accepted-${name}.png` });
      await page.close();
    });
});

describe("a Dawn fork whose cart components do not say which sections they show", () => {
  it("falls back to the theme-agnostic refresh: the bubble updates and the cart icon keeps its handler", async () => {
    sf.setConfig(compile([socks()]));
    const page = await open("dawn", "/products/trail-runner");
    await page.evaluate(() => {
      for (const tag of ["cart-items", "cart-drawer-items"]) delete (customElements.get(tag)?.prototype as { getSectionsToRender?: unknown }).getSectionsToRender;
    });
    await page.locator("product-form button[type=submit]").click();
    await dialog(page).waitFor();
    await accept(page, "Add");
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(await lines(page)).toEqual(["trail-runner x1", "merino-socks x1"]);
    await expect.poll(() => bubble(page)).toContain("2");
    await cartIconOpensDrawer(page);
    await page.close();
  });
});

describe("a cart page whose cart UI nothing can refresh", () => {
  it("accepting the pre-checkout offer goes on to checkout instead of reloading the cart page", async () => {
    sf.setConfig(compile([socks(["PRE_CHECKOUT"])]));
    const page = await open("dawn", "/cart", ["trail-runner"]);
    await page.evaluate(() => {
      for (const tag of ["cart-items", "cart-drawer-items"]) delete (customElements.get(tag)?.prototype as { getSectionsToRender?: unknown }).getSectionsToRender;
      for (const s of document.querySelectorAll("[id^=shopify-section-]")) s.id = "unrecognised-" + s.id;
    });
    const navigations: string[] = [];
    page.on("framenavigated", (f) => f === page.mainFrame() && navigations.push(new URL(f.url()).pathname));
    await page.locator("#checkout").click();
    await dialog(page).waitFor();
    await accept(page, "Add");
    await page.waitForURL("**/checkout");
    await page.waitForTimeout(500);
    expect(navigations).toEqual(["/checkout"]);
    expect(await page.locator("body").textContent()).toContain("Merino Running Socks");
    await page.close();
  });
});
