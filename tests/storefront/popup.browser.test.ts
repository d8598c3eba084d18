import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import { beaconSchema } from "../../app/analytics/beacon.schema";
import { compile, item, product, ref, upgrade, type OfferSpec } from "../../demo/storefront/demo-config";
import type { Storefront } from "../../demo/storefront/server";
import { momentOver, recordMoments } from "../helpers/moments";
import { storefrontInBrowser, SHOTS } from "./browser";

// The embed prints these from its locale files; the admin preview reads the same file.
const EN_STRINGS = (JSON.parse(readFileSync("extensions/tactful-embed/locales/en.default.json", "utf8")) as { popup: Record<string, string> }).popup;

/*
 * The popup, as a shopper meets it: the real built assets/tactful.js and the
 * real embed Liquid, on the simulated Dawn-shaped storefront, in Chromium.
 */

const copy = (headline: string, accept = "Add", decline = "No thanks", body = "Pairs well with what you chose.") => ({ en: { headline, body, accept, decline } });
const socks = (over: Partial<OfferSpec["definition"]> = {}, moments: OfferSpec["moments"] = ["ADD_TO_CART"]): OfferSpec => ({
  id: "socks",
  type: "CROSS_SELL",
  moments,
  definition: { trigger: { products: [ref("trail-runner")] }, items: [item("merino-socks")], content: copy("Complete your run"), ...over },
});
const phoneUpsell = (capBps?: number): OfferSpec => ({
  id: "phone-pro",
  type: "UPSELL",
  moments: ["ADD_TO_CART"],
  definition: {
    upgrades: [upgrade("phone-x", "phone-x-pro")],
    ...(capBps ? { capBps } : {}),
    content: { en: { headline: "Double the storage", body: "256 GB and a telephoto lens.", accept: "Upgrade", decline: "Keep mine" }, ar: { headline: "ضعف مساحة التخزين", body: "256 جيجابايت وعدسة مقربة.", accept: "ترقية", decline: "لا شكرًا" } },
  },
});

let sf: Storefront;
let context: BrowserContext;
storefrontInBrowser({}, (shop, browser) => ([sf, context] = [shop, browser]));
beforeEach(async () => {
  sf.state.blockSettings = {};
});

async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
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
const cart = async (page: Page) => (await page.evaluate(() => fetch("/cart.js").then((r) => r.json()))) as { items: { variant_id: number; quantity: number; properties: Record<string, string> }[]; attributes: Record<string, string> };
const noPopupFor = async (page: Page, ms: number) => {
  await page.waitForTimeout(ms);
  expect(await dialog(page).count()).toBe(0);
};

describe("the storefront popup", () => {
  it("appears after add-to-cart only once the configured delay has passed, and nothing is fetched before the first cart interaction, not even the popup module", async () => {
    sf.setConfig(compile([socks({ delayMs: 900 })]));
    const page = await open("/products/trail-runner?theme=legacy");
    await page.waitForTimeout(300);
    // The page, the theme's own script and images, and our loader: nothing else (decision record 0067).
    const beforeClick = sf.state.requests.filter((r) => !r.startsWith("GET /products/trail-runner?") && r !== "GET /cdn/theme.js" && !r.startsWith("GET /img/") && r !== "GET /");
    // (open() visits the home page first, so the loader is there twice.)
    expect([...new Set(beforeClick)]).toEqual(["GET /cdn/shop/t/1/assets/tactful.js"]);
    const t0 = Date.now();
    await addToCart(page);
    // The module loads at the moment, while the offer's delay runs.
    await expect.poll(() => sf.state.requests.includes("GET /cdn/shop/t/1/assets/tactful-popup.js")).toBe(true);
    await page.waitForTimeout(500);
    expect(await dialog(page).count()).toBe(0);
    await expect.poll(() => dialog(page).isVisible(), { timeout: 5000 }).toBe(true);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(sf.state.requests.filter((r) => r.includes("tactful-popup.js"))).toHaveLength(1);
    expect(await (dialog(page).locator("h2")).textContent()).toBe("Complete your run");
    await page.close();
  });

  it("accepting a cross-sell adds the line with _tactful_offer and the theme's drawer shows it (section rendering)", async () => {
    sf.setConfig(compile([socks()]));
    const page = await open("/products/trail-runner?theme=legacy");
    await addToCart(page);
    await dialog(page).waitFor();
    await page.screenshot({ path: `${SHOTS}/desktop-cross-sell.png` });
    await dialog(page).locator("li button.y").click();
    await expect.poll(() => dialog(page).count()).toBe(0);
    const c = await cart(page);
    const socksLine = c.items.find((i) => i.variant_id === product("merino-socks").variants[0]?.id);
    expect(socksLine?.properties).toEqual({ _tactful_offer: "socks" });
    await expect.poll(() => page.locator("cart-drawer .cart-item").count()).toBe(2);
    expect(await (page.locator("cart-drawer")).textContent()).toContain("Merino Running Socks");
    await page.close();
  });

  it("an accepted upsell swaps the trigger line through /cart/change.js instead of adding a second one", async () => {
    sf.setConfig(compile([phoneUpsell()]));
    const page = await open("/products/phone-x?theme=legacy");
    await addToCart(page);
    await dialog(page).waitFor();
    expect(await (dialog(page)).textContent()).toContain("Phone X 128 GB");
    expect(await (dialog(page)).textContent()).toContain("Phone X Pro 256 GB");
    expect(await (dialog(page)).textContent()).toContain("+€120.00");
    await page.screenshot({ path: `${SHOTS}/desktop-upsell.png` });
    await dialog(page).locator("button.y").click();
    await expect.poll(() => dialog(page).count()).toBe(0);
    const c = await cart(page);
    expect(c.items.map((i) => [i.variant_id, i.quantity, i.properties])).toEqual([[product("phone-x-pro").variants[0]?.id, 1, { _tactful_offer: "phone-pro" }]]);
    expect(sf.state.requests.some((r) => r.startsWith("POST /cart/change.js"))).toBe(true);
    await page.close();
  });

  it("declining a pre-checkout offer still takes the shopper to checkout", async () => {
    sf.setConfig(compile([socks({}, ["PRE_CHECKOUT"])]));
    const page = await open("/products/trail-runner?theme=legacy");
    await addToCart(page);
    await page.locator("cart-drawer[open] #CartDrawer-Checkout").click();
    await dialog(page).waitFor();
    expect(page.url()).not.toContain("/checkout");
    await dialog(page).getByRole("button", { name: "No thanks" }).click();
    await page.waitForURL("**/checkout");
    expect(await (page.locator("#checkout-title")).isVisible()).toBe(true);
    await page.close();
  });

  it("accepting a pre-checkout offer adds it and continues to checkout with it in the cart", async () => {
    sf.setConfig(compile([socks({}, ["PRE_CHECKOUT"])]));
    const page = await open("/cart?theme=legacy");
    await page.evaluate((id) => fetch("/cart/add.js", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id, quantity: 1 }) }), product("trail-runner").variants[0]?.id);
    await page.reload();
    await page.locator("#checkout").click();
    await dialog(page).locator("li button.y").click();
    await page.waitForURL("**/checkout");
    expect(await (page.locator("body")).textContent()).toContain("Merino Running Socks");
    await page.close();
  });

  it("a dismissed offer does not come back in the same session", async () => {
    sf.setConfig(compile([socks()], { maxPerSession: 5 }));
    const page = await open("/products/trail-runner?theme=legacy");
    await addToCart(page);
    await dialog(page).waitFor();
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog(page).count()).toBe(0);
    await recordMoments(page);
    await page.goto(sf.url + "/products/trail-runner");
    await addToCart(page);
    await momentOver(page, "ADD_TO_CART");
    expect(await dialog(page).count()).toBe(0);
    await page.close();
  });

  it("an offer over the price cap is never shown", async () => {
    // Phone X -> Pro adds 20% of the trigger's price; a 10% cap forbids it.
    sf.setConfig(compile([phoneUpsell(1000)]));
    const page = await open("/products/phone-x?theme=legacy");
    await recordMoments(page);
    await addToCart(page);
    await expect.poll(() => page.locator("cart-drawer[open] .cart-item").count()).toBe(1);
    await momentOver(page, "ADD_TO_CART");
    expect(await dialog(page).count()).toBe(0);
    // The same offer under the default 25% cap does show: the cap, not something else, held it back.
    sf.setConfig(compile([phoneUpsell()]));
    const again = await open("/products/phone-x?theme=legacy");
    await addToCart(again);
    await dialog(again).waitFor();
    await page.close();
    await again.close();
  });

  it("lists a pricier variant only within its card's share of the cap's headroom, so no combination of picks goes over the cap (decision record 0056)", async () => {
    // Trail runner 120.00; socks 15.00 (L 17.00) and bottle 20.00 (750 ml 24.00) add 35.00 against a cap of 40.00:
    // 5.00 of headroom over two cards. L (+2.00) fits its share; 750 ml (+4.00) alone would fit, but not with L.
    sf.setConfig(compile([socks({ items: [item("merino-socks"), item("water-bottle")], capBps: 3334 })]));
    const page = await open("/products/trail-runner?theme=legacy");
    await addToCart(page);
    await dialog(page).waitFor();
    const selects = dialog(page).locator("select");
    expect(await selects.count()).toBe(1);
    expect(await selects.first().locator("option").allTextContents()).toEqual(["S", "M", "L"]);
    expect(await dialog(page).locator("li").nth(1).textContent()).toContain("Insulated Water Bottle");
    await page.close();
  });

  for (const theme of ["standard", "legacy", "legacy-xhr"] as const)
    it(`works in the "${theme}" theme mode`, async () => {
      sf.setConfig(compile([socks()]));
      const page = await open(`/products/trail-runner?theme=${theme}`);
      expect(await page.evaluate(() => typeof (window as { Shopify?: { actions?: unknown } }).Shopify?.actions)).toBe(theme === "standard" ? "object" : "undefined");
      await addToCart(page);
      await dialog(page).waitFor();
      await dialog(page).locator("li button.y").click();
      await expect.poll(() => page.locator("cart-drawer .cart-item").count()).toBe(2);
      expect((await cart(page)).items).toHaveLength(2);
      await page.close();
    });

  it("renders mirrored in a right-to-left locale (/ar/)", async () => {
    sf.setConfig(compile([phoneUpsell()]));
    const page = await open("/ar/products/phone-x?theme=standard");
    await addToCart(page);
    await dialog(page).waitFor();
    expect(await dialog(page).evaluate((d) => getComputedStyle(d).direction)).toBe("rtl");
    const box = await dialog(page).boundingBox();
    const close = await dialog(page).locator("button.x").boundingBox();
    expect(box && close && close.x < box.x + box.width / 2).toBe(true);
    expect(await (dialog(page).locator("h2")).textContent()).toBe("ضعف مساحة التخزين");
    expect(await (dialog(page)).textContent()).toContain("في سلتك");
    // The price difference is isolated left-to-right, so its sign stays in front of the amount.
    const diff = dialog(page).getByText("120.00");
    expect(await diff.evaluate((e) => e.textContent)).toMatch(/^\u2066\+.*120\.00.*\u2069$/);
    // Where it is drawn: the "+" left of the "120" (before the number, as people read signed amounts).
    const [plusX, digitsX] = await diff.evaluate((e) => {
      const text = e.firstChild as Text;
      const at = (i: number) => {
        const r = document.createRange();
        r.setStart(text, i);
        r.setEnd(text, i + 1);
        return r.getBoundingClientRect().x;
      };
      const t = text.data;
      return [at(t.indexOf("+")), at(t.indexOf("120"))];
    });
    expect(plusX).toBeLessThan(digitsX);
    await page.screenshot({ path: `${SHOTS}/rtl-upsell.png` });
    await page.close();
  });

  it("an offer with no Arabic copy shows nothing in Arabic, not its English text (decision record 0074)", async () => {
    sf.setConfig(compile([socks()]));
    const page = await open("/ar/products/trail-runner?theme=standard");
    await recordMoments(page);
    await addToCart(page);
    await expect.poll(async () => (await cart(page)).items.length).toBe(1);
    await momentOver(page, "ADD_TO_CART");
    expect(await dialog(page).count()).toBe(0);
    // The same offer in English still shows.
    await page.goto(sf.url + "/products/trail-runner?theme=standard");
    await addToCart(page);
    await dialog(page).waitFor();
    expect(await dialog(page).locator("h2").textContent()).toBe("Complete your run");
    await page.close();
  });

  it("an offer that allows the default language shows its English copy in Arabic, left to right inside the right-to-left popup (0091)", async () => {
    sf.setConfig(compile([socks({ fallbackToDefaultLocale: true })]));
    const page = await open("/ar/products/trail-runner?theme=standard");
    await addToCart(page);
    await dialog(page).waitFor();
    expect(await dialog(page).evaluate((d) => [d.getAttribute("dir"), getComputedStyle(d).direction])).toEqual(["rtl", "rtl"]);
    const copy = await dialog(page)
      .locator("h2 > span, p > span, button:not([aria-label])")
      .evaluateAll((es) => es.map((e) => [e.textContent, e.getAttribute("lang"), e.getAttribute("dir"), getComputedStyle(e).direction]));
    expect(copy).toEqual(
      expect.arrayContaining([
        ["Complete your run", "en", "auto", "ltr"],
        ["Pairs well with what you chose.", "en", "auto", "ltr"],
        ["No thanks", "en", "auto", "ltr"],
      ]),
    );
    const [firstX, stopX] = await dialog(page)
      .locator("p > span")
      .first()
      .evaluate((e) => {
        const text = e.firstChild as Text;
        const at = (i: number) => {
          const r = document.createRange();
          r.setStart(text, i);
          r.setEnd(text, i + 1);
          return r.getBoundingClientRect().x;
        };
        return [at(0), at(text.data.lastIndexOf("."))];
      });
    // "Pairs well with what you chose." reads left to right: its full stop is at the right end.
    expect(stopX).toBeGreaterThan(firstX);
    // The heading keeps the popup's direction, so its text does not run under the close button.
    const [heading, close] = await Promise.all([dialog(page).locator("h2 > span").boundingBox(), dialog(page).locator("button[aria-label]").first().boundingBox()]);
    expect(heading && close && (heading.x >= close.x + close.width || heading.x + heading.width <= close.x)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/rtl-default-locale-copy.png` });
    await page.close();
  });

  it("on a theme that sets no direction (Dawn), Arabic copy reads right to left with its full stop at the left end", async () => {
    sf.setConfig(compile([phoneUpsell()]));
    const page = await open("/ar/products/phone-x?theme=standard");
    await page.evaluate(() => document.documentElement.removeAttribute("dir"));
    await addToCart(page);
    await dialog(page).waitFor();
    expect(await dialog(page).evaluate((d) => getComputedStyle(d).direction)).toBe("rtl");
    const [stopX, digitsX] = await dialog(page)
      .locator("p")
      .first()
      .evaluate((e) => {
        const text = (e.querySelector("span") ?? e).firstChild as Text;
        const at = (i: number) => {
          const r = document.createRange();
          r.setStart(text, i);
          r.setEnd(text, i + 1);
          return r.getBoundingClientRect().x;
        };
        return [at(text.data.lastIndexOf(".")), at(text.data.indexOf("256"))];
      });
    // "256 جيجابايت وعدسة مقربة." read right to left: the sentence starts at the right, its full stop ends it on the left.
    expect(stopX).toBeLessThan(digitsX);
    await page.screenshot({ path: `${SHOTS}/rtl-no-theme-dir.png` });
    await page.close();
  });

  it("is usable on a 375 px wide phone", async () => {
    sf.setConfig(compile([{ ...socks(), definition: { ...socks().definition, items: [item("merino-socks"), item("shoe-care-kit"), item("cushion-insoles")], capBps: 6000 } }]));
    const page = await open("/products/trail-runner?theme=standard", { width: 375, height: 740 });
    await addToCart(page);
    await dialog(page).waitFor();
    const box = await dialog(page).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    await page.screenshot({ path: `${SHOTS}/mobile-cross-sell.png` });
    await dialog(page).getByRole("button", { name: "No thanks" }).scrollIntoViewIfNeeded();
    await dialog(page).getByRole("button", { name: "No thanks" }).click();
    await expect.poll(() => dialog(page).count()).toBe(0);
    await page.close();
  });

  it("a broken config leaves add-to-cart working and shows no popup", async () => {
    sf.setConfig(compile([socks()]));
    const page = await open("/products/trail-runner?theme=legacy");
    await page.route((u) => u.pathname === "/products/trail-runner", async (route) => {
      const r = await route.fetch();
      const html = (await r.text()).replace(/(<script type="application\/json" id="tactful-config">)[^<]*/, "$1{not json");
      await route.fulfill({ response: r, body: html });
    });
    await page.reload();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await addToCart(page);
    await expect.poll(() => page.locator("cart-drawer[open] .cart-item").count()).toBe(1);
    await noPopupFor(page, 1200);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a 422 from the cart leaves the theme's add-to-cart working and shows no popup", async () => {
    sf.setConfig(compile([{ ...socks(), definition: { ...socks().definition, trigger: { products: [ref("sold-out-cap")] } } }]));
    const page = await open("/products/sold-out-cap?theme=legacy");
    await addToCart(page);
    // The theme writes its error when the 422 arrives, after the click has returned: wait for it.
    await expect.poll(() => page.locator(".product-form__error-message").textContent()).toContain("sold out");
    await noPopupFor(page, 1200);
    expect((await cart(page)).items).toEqual([]);
    await page.goto(sf.url + "/products/trail-runner");
    await addToCart(page);
    await expect.poll(async () => (await cart(page)).items.length).toBe(1);
    await page.close();
  });

  it("merchant text carrying <script> and onerror= payloads renders as inert text", async () => {
    const evil = { headline: `<img src=x onerror="window.__pwned='img'">Hi`, body: `</script><script>window.__pwned='script'</script>`, accept: `<b onmouseover=alert(1)>Add</b>`, decline: "No" };
    sf.setConfig(compile([socks({ content: { en: evil } })]));
    const page = await open("/products/trail-runner?theme=legacy");
    await addToCart(page);
    await dialog(page).waitFor();
    expect(await (dialog(page).locator("h2")).textContent()).toBe(evil.headline);
    expect(await (dialog(page).locator("p").first()).textContent()).toBe(evil.body);
    expect(await dialog(page).locator("img[src=x], script, b[onmouseover]").count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
    await page.close();
  });

  it("the open popup has no serious or critical axe-core violations", async () => {
    sf.setConfig(compile([socks({ items: [item("merino-socks"), item("shoe-care-kit")], capBps: 5000 })]));
    const page = await open("/products/trail-runner?theme=standard");
    await addToCart(page);
    await dialog(page).waitFor();
    const r = await new AxeBuilder({ page }).include("tactful-popup").analyze();
    const bad = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    await page.close();
  });

  it("never lets focus reach the page behind, closes on Escape and returns focus to the opener", async () => {
    sf.setConfig(compile([socks({}, ["CART"])]));
    const page = await open("/products/trail-runner?theme=legacy");
    await page.evaluate((id) => fetch("/cart/add.js", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id, quantity: 1 }) }), product("trail-runner").variants[0]?.id);
    await page.reload();
    await page.locator("#cart-icon-bubble").focus();
    await page.keyboard.press("Enter");
    await dialog(page).waitFor();
    // showModal makes the page inert: Tab cycles through the dialog and the browser's own UI (BODY here), never the theme.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      expect(["TACTFUL-POPUP", "BODY"]).toContain(await page.evaluate(() => document.activeElement?.tagName));
    }
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.closest("#cart-icon-bubble") !== null)).toBe(true);
    await page.close();
  });

  it("sends impression and decline in one schema-valid beacon when the page is hidden", async () => {
    sf.setConfig(compile([socks()]));
    const page = await open("/products/trail-runner?theme=legacy");
    await addToCart(page);
    await dialog(page).waitFor();
    await dialog(page).getByRole("button", { name: "No thanks" }).click();
    await page.goto(sf.url + "/");
    await expect.poll(() => sf.state.beacons.length).toBe(1);
    const beacon = beaconSchema.parse(JSON.parse(sf.state.beacons[0] as string));
    expect(beacon.events.map((e) => [e.type, e.offer, e.moment])).toEqual([
      ["impression", "socks", "ADD_TO_CART"],
      ["decline", "socks", "ADD_TO_CART"],
    ]);
    await page.close();
  });

  it("in preview mode renders at once from the given cart and products, with no network and no listeners", async () => {
    const { readFileSync } = await import("node:fs");
    const { storefrontMetafields } = await import("../../app/offers/offer-compiler");
    const cfg = compile([socks()]);
    const mf = Object.fromEntries(storefrontMetafields(cfg).map((m) => [m.key, m.value]));
    const productJson = await (await fetch(`${sf.url}/products/merino-socks.js`)).json();
    const preview = {
      cart: { currency: "EUR", item_count: 1, items: [{ key: "k1", id: 2001, product_id: product("trail-runner").id, variant_id: product("trail-runner").variants[0]?.id, quantity: 1, price: 12000, handle: "trail-runner", product_title: "Trail Runner" }] },
      products: { "merino-socks": productJson },
    };
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    // As the admin preview does: the loader, then the popup module, both inline (the frame has no network).
    const js = ["tactful.js", "tactful-popup.js"].map((f) => `<script>${readFileSync(`extensions/tactful-embed/assets/${f}`, "utf8")}</script>`).join("");
    await page.setContent(
      `<!doctype html><html lang="en"><body><script type="application/json" id="tactful-config">${mf.config}</script><script type="application/json" id="tactful-content">${mf.content_en}</script><script type="application/json" id="tactful-context">${JSON.stringify({ locale: "en", strings: EN_STRINGS, preview })}</script>${js}</body></html>`,
    );
    await dialog(page).waitFor();
    expect(await (dialog(page).locator("h2")).textContent()).toBe("Complete your run");
    await dialog(page).locator("li button.y").click();
    await expect.poll(() => dialog(page).count()).toBe(0);
    // Only the product image the popup shows; no cart, product or beacon request.
    expect(requests.filter((u) => !u.startsWith("data:") && !u.startsWith("about:") && !u.endsWith(".svg"))).toEqual([]);
    await page.close();
  });
});
