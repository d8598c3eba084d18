import type { BrowserContext, Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { compile, item, ref, type OfferSpec } from "../../demo/storefront/demo-config";
import type { Storefront } from "../../demo/storefront/server";
import { momentOver, recordMoments } from "../helpers/moments";
import { storefrontInBrowser } from "./browser";

/*
 * What an add-to-cart costs in requests before the popup: the real built
 * loader (assets/tactful.js) and popup module on the simulated storefront,
 * in Chromium.
 */

const socks: OfferSpec = {
  id: "socks",
  type: "CROSS_SELL",
  moments: ["ADD_TO_CART"],
  definition: { trigger: { products: [ref("trail-runner")] }, items: [item("merino-socks")], content: { en: { headline: "Complete your run", body: "", accept: "Add", decline: "No thanks" } } },
};

let sf: Storefront;
let context: BrowserContext;
storefrontInBrowser({}, (shop, browser) => ([sf, context] = [shop, browser]));
beforeEach(async () => {
  sf.setConfig(compile([socks]));
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
const addToCart = (page: Page) => page.locator("product-form button[type=submit]").click();
const productJson = () => sf.state.requests.filter((r) => /^GET \/products\/[^?]+\.js/.test(r));

describe("the requests behind an add-to-cart popup", () => {
  it("the offered product's JSON is requested while /cart.js is still on its way, not after it", async () => {
    const page = await open("/products/trail-runner?theme=legacy");
    // Hold /cart.js back so "in parallel" and "after it" cannot be confused on a busy machine.
    let cartAnswered = Infinity;
    await page.route("**/cart.js", async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    let productAsked = Infinity;
    page.on("request", (r) => {
      if (r.url().includes("/products/merino-socks.js")) productAsked = Math.min(productAsked, Date.now());
    });
    page.on("response", (r) => {
      if (new URL(r.url()).pathname === "/cart.js") cartAnswered = Math.min(cartAnswered, Date.now());
    });
    await addToCart(page);
    await dialog(page).waitFor({ timeout: 5000 });
    expect(productAsked).toBeLessThan(cartAnswered);
    expect(productJson()).toEqual(["GET /products/merino-socks.js"]);
    await page.close();
  });

  it("the popup module is requested when the shopper submits the product form, while the theme's add is on its way (decision record 0067)", async () => {
    const page = await open("/products/trail-runner?theme=legacy");
    // Hold the add back so "while it is on its way" and "after its answer" cannot be confused.
    let addAnswered = Infinity;
    let moduleAsked = Infinity;
    await page.route("**/cart/add.js", async (route) => {
      await new Promise((r) => setTimeout(r, 600));
      await route.continue();
    });
    page.on("request", (r) => {
      if (r.url().endsWith("/tactful-popup.js")) moduleAsked = Math.min(moduleAsked, Date.now());
    });
    page.on("response", (r) => {
      if (new URL(r.url()).pathname === "/cart/add.js") addAnswered = Math.min(addAnswered, Date.now());
    });
    await addToCart(page);
    await dialog(page).waitFor({ timeout: 5000 });
    expect(moduleAsked).toBeLessThan(addAnswered);
    expect(sf.state.requests.filter((r) => r.includes("tactful-popup.js"))).toHaveLength(1);
    await page.close();
  });

  it("the offer's delay counts from the add: a module that arrives after the delay has run adds no second delay", async () => {
    // The page's clock is Playwright's, so the test moves time itself instead of measuring it.
    sf.setConfig(compile([{ ...socks, definition: { ...socks.definition, delayMs: 1500 } }]));
    const page = await context.newPage();
    // Frozen: only runFor moves the page's timers and Date.
    await page.clock.install({ time: new Date("2026-11-30T10:00:00Z") });
    await page.clock.pauseAt(new Date("2026-11-30T10:00:01Z"));
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let asked = false;
    await page.route("**/tactful-popup.js", async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await page.goto(sf.url + "/products/trail-runner?theme=legacy");
    await addToCart(page);
    await expect.poll(() => asked).toBe(true);
    // The whole delay passes while the module is still on its way.
    await page.clock.runFor(1600);
    release();
    // The module decides: it asks for the offered product once it runs.
    await expect.poll(() => productJson().length, { timeout: 30_000 }).toBeGreaterThan(0);
    // From here the page gets at most 1,400 ms of its own time: a delay counted only once the
    // module ran (the old rule) needs 1,500, so only the new rule shows the popup.
    let spent = 0;
    while (spent < 1400 && !(await dialog(page).isVisible())) {
      const step = spent < 1000 ? 50 : 1;
      await page.clock.runFor(step);
      spent += step;
      // Real time for the page's own fetches to finish between steps.
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await dialog(page).isVisible()).toBe(true);
    await page.close();
  });

  it("an added product that no offer is triggered by fetches no product JSON at all", async () => {
    const page = await open("/products/yoga-block?theme=legacy");
    await recordMoments(page);
    await addToCart(page);
    await momentOver(page, "ADD_TO_CART");
    expect(sf.state.requests.some((r) => r.startsWith("GET /cart.js"))).toBe(true);
    expect(productJson()).toEqual([]);
    expect(await dialog(page).count()).toBe(0);
    await page.close();
  });

  it("an offer the shopper dismissed this session fetches no product JSON on the next add", async () => {
    const page = await open("/products/trail-runner?theme=legacy");
    await page.evaluate(() => localStorage.setItem("tactful", JSON.stringify({ dismissedAt: { socks: Date.now() } })));
    await page.reload({ waitUntil: "load" });
    await recordMoments(page);
    await addToCart(page);
    await momentOver(page, "ADD_TO_CART");
    expect(sf.state.requests.some((r) => r.startsWith("GET /cart.js"))).toBe(true);
    expect(productJson()).toEqual([]);
    expect(await dialog(page).count()).toBe(0);
    await page.close();
  });

  it("with a theme that sends shopify:cart:lines-update, the cart it carries is used and tactful.js asks for no /cart.js", async () => {
    const page = await open("/products/trail-runner?theme=standard");
    await addToCart(page);
    await dialog(page).waitFor({ timeout: 5000 });
    // The standard theme asks for /cart.js once, for the event's promise; before, tactful.js asked a second time.
    expect(sf.state.requests.filter((r) => r.startsWith("GET /cart.js"))).toHaveLength(1);
    await page.close();
  });
});
