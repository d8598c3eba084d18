import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { beaconSchema } from "../../app/analytics/beacon.schema";
import { compile, item, ref, upgrade, type OfferSpec } from "../../demo/storefront/demo-config";
import type { Storefront } from "../../demo/storefront/server";
import { momentOver, recordMoments } from "../helpers/moments";
import { storefrontInBrowser, SHOTS } from "./browser";

/*
 * The popup's design (decision record 0068), as a shopper meets it: compact
 * product rows, the "Added ✓" state, dismissing by the backdrop, the theme's
 * font and the merchant's colours. The real built assets/tactful.js on the
 * simulated storefront, in Chromium. The screenshots it writes under
 * test-results/storefront are the README's.
 */

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const copy = { en: { headline: "Complete your run", body: "Merino socks that keep blisters away, 10% off with your shoes.", accept: "Add", decline: "No thanks" } };
const crossSell = (handles: string[], over: Partial<OfferSpec["definition"]> = {}): OfferSpec => ({
  id: "run-kit",
  type: "CROSS_SELL",
  moments: ["ADD_TO_CART"],
  definition: { trigger: { products: [ref("trail-runner")] }, items: handles.map(item), discount: { kind: "PERCENT", bps: 1000 }, capBps: 6000, content: copy, ...over },
});
const phoneUpsell: OfferSpec = {
  id: "phone-pro",
  type: "UPSELL",
  moments: ["ADD_TO_CART"],
  definition: {
    upgrades: [upgrade("phone-x", "phone-x-pro")],
    content: { en: { headline: "Double the storage", body: "256 GB and a telephoto lens.", accept: "Upgrade", decline: "Keep mine" }, ar: { headline: "ضعف مساحة التخزين", body: "256 جيجابايت وعدسة مقربة.", accept: "ترقية", decline: "لا شكرًا" } },
  },
};
const THREE = ["merino-socks", "shoe-care-kit", "cushion-insoles"];

let sf: Storefront;
let context: BrowserContext;
storefrontInBrowser({}, (shop, browser) => ([sf, context] = [shop, browser]));

async function popupAfterAdd(path: string, viewport = LAPTOP): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(sf.url + "/");
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  await page.goto(sf.url + path, { waitUntil: "load" });
  await page.locator("product-form button[type=submit]").click();
  await dialog(page).waitFor();
  return page;
}
const dialog = (page: Page) => page.locator("tactful-popup dialog");
const box = async (page: Page, selector: string, nth = 0) => {
  const b = await dialog(page).locator(selector).nth(nth).boundingBox();
  if (!b) throw new Error(`${selector} is not displayed`);
  return b;
};
/** The beacon the page sends when it is hidden (here: by navigating away). */
async function beaconEvents(page: Page) {
  await page.goto(sf.url + "/");
  await expect.poll(() => sf.state.beacons.length).toBe(1);
  return beaconSchema.parse(JSON.parse(sf.state.beacons[0] as string)).events.map((e) => e.type);
}
const rgb = (page: Page, selector: string, prop: "backgroundColor" | "color") => dialog(page).locator(selector).first().evaluate((e, p) => getComputedStyle(e)[p], prop);

describe("the popup's design", () => {
  it("shows each product as a compact row: three fit a 1280 × 800 laptop screen with the page in view around them", async () => {
    sf.setConfig(compile([crossSell(THREE)]));
    const page = await popupAfterAdd("/products/trail-runner?theme=legacy");
    const d = await box(page, ":scope > div");
    // The old card was a full-width 480 px square image per product.
    expect(d.width).toBeLessThanOrEqual(480);
    expect(d.height).toBeLessThanOrEqual(0.8 * LAPTOP.height);
    expect(await dialog(page).locator(".w").evaluate((w) => w.scrollHeight <= w.clientHeight)).toBe(true);
    expect(await dialog(page).locator("li").count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const img = await box(page, "li img", i);
      expect(img.width).toBeLessThanOrEqual(96);
      expect(img.height).toBeLessThanOrEqual(96);
      // Title, price and button sit beside the thumbnail, not under it.
      for (const part of ["strong", "b", "button.y"]) expect((await box(page, `li:nth-child(${i + 1}) ${part}`)).x).toBeGreaterThanOrEqual(img.x + img.width);
    }
    await page.screenshot({ path: `${SHOTS}/design-desktop-1280.png` });
    await page.close();
  });

  it("fits a 390 px phone without scrolling sideways or down, every button reachable", async () => {
    sf.setConfig(compile([crossSell(THREE)]));
    const page = await popupAfterAdd("/products/trail-runner?theme=standard", PHONE);
    const d = await dialog(page).boundingBox();
    expect(d && d.x >= 0 && d.x + d.width <= PHONE.width && d.y >= 0 && d.y + d.height <= PHONE.height).toBe(true);
    expect(await dialog(page).locator(".w").evaluate((w) => w.scrollWidth <= w.clientWidth && w.scrollHeight <= w.clientHeight)).toBe(true);
    for (const b of await dialog(page).locator("button").all()) expect(await b.isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/design-mobile-390.png` });
    await page.close();
  });

  it("mirrors right to left in Arabic: the thumbnail on the right of its text, the close button on the left", async () => {
    sf.setConfig(compile([phoneUpsell]));
    const page = await popupAfterAdd("/ar/products/phone-x?theme=standard");
    const img = await box(page, "li.up img");
    const title = await box(page, "li.up strong");
    expect(img.x).toBeGreaterThanOrEqual(title.x + title.width);
    const d = await box(page, ":scope > div");
    expect((await box(page, "button.x")).x).toBeLessThan(d.x + d.width / 2);
    await page.screenshot({ path: `${SHOTS}/design-rtl-1280.png` });
    // The Added state in the shopper's language, from the embed's Arabic locale file.
    await dialog(page).locator("button.y").click();
    await expect.poll(() => dialog(page).locator("button.ok").textContent()).toBe("تمت الإضافة ✓");
    expect(await dialog(page).locator("button.ok").evaluate((e) => [getComputedStyle(e).opacity, getComputedStyle(e).borderColor])).toEqual(["1", "rgba(0, 0, 0, 0)"]);
    await page.screenshot({ path: `${SHOTS}/design-rtl-added-1280.png` });
    await page.close();
  });

  it("strikes through the merchant's compare-at price beside the discounted price", async () => {
    const socks = sf.state.catalog.byHandle.get("merino-socks")?.variants[0];
    if (!socks) throw new Error("no merino socks in the catalog");
    socks.compareAtPrice = 1800;
    try {
      sf.setConfig(compile([crossSell(["merino-socks"])]));
      const page = await popupAfterAdd("/products/trail-runner?theme=legacy");
      // €15.00 less 10% is €13.50; the compare-at €18.00, not the €15.00 price, is what the shop strikes through.
      expect(await dialog(page).locator("li b s").textContent()).toBe("€18.00");
      expect(await dialog(page).locator("li b").textContent()).toBe("€18.00€13.50");
      await page.close();
    } finally {
      delete socks.compareAtPrice;
    }
  });

  it("says Added ✓ on what was taken while the theme's drawer behind already lists it, and closes by itself once nothing is left to take", async () => {
    sf.setConfig(compile([crossSell(["merino-socks", "water-bottle"])]));
    const page = await popupAfterAdd("/products/trail-runner?theme=legacy");
    const buttons = dialog(page).locator("li button");
    await buttons.nth(0).click();
    await expect.poll(() => buttons.nth(0).textContent()).toBe("Added ✓");
    expect(await buttons.nth(0).isDisabled()).toBe(true);
    // Clear, not greyed out like a button that merely cannot be pressed.
    expect(await buttons.nth(0).evaluate((e) => getComputedStyle(e).opacity)).toBe("1");
    // Behind the open popup, the theme's own drawer now holds the shoes and the socks.
    await expect.poll(() => page.locator("cart-drawer .cart-item").count()).toBe(2);
    // The bottle is still on offer: the popup stays.
    await page.waitForTimeout(2000);
    expect(await dialog(page).isVisible()).toBe(true);
    expect(await buttons.nth(1).textContent()).toBe("Add");
    await page.screenshot({ path: `${SHOTS}/design-added-1280.png` });
    await buttons.nth(1).click();
    await expect.poll(() => buttons.nth(1).textContent()).toBe("Added ✓");
    expect(await dialog(page).getByRole("button", { name: "No thanks" }).isHidden()).toBe(true);
    await expect.poll(() => page.locator("cart-drawer .cart-item").count()).toBe(3);
    await expect.poll(() => dialog(page).count(), { timeout: 5000 }).toBe(0);
    // Accepted, then closed: no decline is counted.
    expect(await beaconEvents(page)).toEqual(["impression", "click", "accept", "click", "accept"]);
    await page.close();
  });

  it("an accepted upsell says Added ✓ on its one button before it closes", async () => {
    sf.setConfig(compile([phoneUpsell]));
    const page = await popupAfterAdd("/products/phone-x?theme=legacy");
    await dialog(page).locator("button.y").click();
    await expect.poll(() => dialog(page).locator(".a button.ok").textContent()).toBe("Added ✓");
    await expect.poll(() => dialog(page).count(), { timeout: 5000 }).toBe(0);
    await page.close();
  });

  for (const [how, dismiss] of [
    ["tapping the backdrop", (page: Page) => page.mouse.click(8, 8)],
    ["the close button", (page: Page) => dialog(page).locator("button.x").click()],
  ] as const)
    it(`${how} dismisses the popup: a decline beacon, and the offer stays away for the session`, async () => {
      sf.setConfig(compile([crossSell(["merino-socks"])], { maxPerSession: 5 }));
      const page = await popupAfterAdd("/products/trail-runner?theme=legacy");
      await dismiss(page);
      await expect.poll(() => dialog(page).count()).toBe(0);
      expect(await beaconEvents(page)).toEqual(["impression", "decline"]);
      await recordMoments(page);
      await page.goto(sf.url + "/products/trail-runner");
      await page.locator("product-form button[type=submit]").click();
      await expect.poll(() => page.locator("cart-drawer[open] .cart-item").count()).toBe(1);
      await momentOver(page, "ADD_TO_CART");
      expect(await dialog(page).count()).toBe(0);
      await page.close();
    });

  it("a click inside the popup, or a text selection dragged out onto the backdrop, does not dismiss it", async () => {
    sf.setConfig(compile([crossSell(["merino-socks"])]));
    const page = await popupAfterAdd("/products/trail-runner?theme=legacy");
    const d = await box(page, ":scope > div");
    // The padding at the dialog's corner, the headline, a card's empty space.
    await page.mouse.click(d.x + 4, d.y + d.height - 4);
    await dialog(page).locator("h2").click();
    const li = await box(page, "li");
    await page.mouse.click(li.x + li.width - 6, li.y + 6);
    const h2 = await box(page, "h2");
    await page.mouse.move(h2.x + 2, h2.y + h2.height / 2);
    await page.mouse.down();
    await page.mouse.move(8, 8, { steps: 5 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(await dialog(page).isVisible()).toBe(true);
    await page.close();
  });

  it("uses the theme's font and a neutral accent by default, and the merchant's colours when set", async () => {
    sf.setConfig(compile([crossSell(["merino-socks"])]));
    const page = await popupAfterAdd("/products/trail-runner?theme=legacy");
    const themeFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    for (const part of ["h2", "li strong", "button.y"]) expect(await dialog(page).locator(part).first().evaluate((e) => getComputedStyle(e).fontFamily)).toBe(themeFont);
    // The app's default accent has no hue: a near-black button, white text.
    expect(await rgb(page, "button.y", "backgroundColor")).toBe("rgb(18, 18, 18)");
    expect(await rgb(page, "button.y", "color")).toBe("rgb(255, 255, 255)");
    await page.close();

    sf.setConfig(compile([crossSell(["merino-socks"])], { style: { accent: "#f2c94c", radius: 4, position: "bottom", scheme: "dark" } }));
    const styled = await popupAfterAdd("/products/trail-runner?theme=legacy");
    expect(await rgb(styled, "button.y", "backgroundColor")).toBe("rgb(242, 201, 76)");
    // Black on a light accent, as the admin's settings preview shows it (onColour).
    expect(await rgb(styled, "button.y", "color")).toBe("rgb(0, 0, 0)");
    expect(await dialog(styled).evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(30, 30, 30)");
    await styled.screenshot({ path: `${SHOTS}/design-merchant-dark-1280.png` });
    await styled.close();
  });
});
