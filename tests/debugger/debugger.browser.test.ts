import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assign, FUNCTION_MAX_LINES } from "@tactful/engine";
import { DEBUG_LINK_TTL_MS, mintDebugToken } from "../../app/debugger/debug-link.server";
import { loader as debugGate } from "../../app/routes/proxy.debug";
import { compile, item, ref, type OfferSpec } from "../../demo/storefront/demo-config";
import type { Storefront, StorefrontOptions } from "../../demo/storefront/server";
import { momentOver, recordMoments } from "../helpers/moments";
import { storefrontInBrowser, SHOTS } from "../storefront/browser";

/*
 * The session debugger end to end (decision record 0090): the real built
 * loader and debug asset on the simulated storefront, whose app proxy signs
 * /apps/tactful/debug into the app's real /proxy/debug route, run here.
 */

const SHOP = "tactful-demo.myshopify.com";
const copy = (headline: string, ar: string) => ({
  en: { headline, body: "Pairs well with what you chose.", accept: "Add", decline: "No thanks" },
  ar: { headline: ar, body: "يتناسب مع ما اخترته.", accept: "أضف", decline: "لا شكرًا" },
});
const trigger = { products: [ref("trail-runner")] };
const specs: OfferSpec[] = [
  { id: "socks", type: "CROSS_SELL", moments: ["ADD_TO_CART", "CART"], priority: 10, definition: { trigger, items: [item("merino-socks")], content: copy("Complete your run", "أكمل جريك") } },
  { id: "care-kit", type: "CROSS_SELL", moments: ["ADD_TO_CART"], priority: 5, definition: { trigger, items: [item("shoe-care-kit")], holdoutBps: 5000, content: copy("Keep them clean", "حافظ عليها نظيفة") } },
  { id: "launch", type: "CROSS_SELL", moments: ["ADD_TO_CART"], priority: 1, definition: { trigger, items: [item("shoe-care-kit")], content: copy("Coming soon", "قريبًا") } },
];
const config = () => {
  // Room for more than one popup a session, so the holdout is the care kit's only reason after the socks.
  const c = compile(specs, { maxPerSession: 3 });
  // Not yet started: its schedule keeps it hidden.
  for (const o of c.offers) if (o.id === "launch") o.startsAt = Date.now() + 7 * 86_400_000;
  return c;
};
/** A visitor id the care-kit offer's 50% holdout holds out, so the holdout reason is there to see. */
const HELD_OUT = (() => {
  const kit = config().offers.find((o) => o.id === "care-kit");
  if (!kit) throw new Error("care-kit not compiled");
  for (let i = 0; ; i++) if (assign(kit, `visitor-${i}`).holdout) return `visitor-${i}`;
})();

let app: Server;
const options: StorefrontOptions = { app: { url: "", secret: API_SECRET_KEY } };
beforeAll(async () => {
  // The app, as far as the storefront reaches it: the debug gate (the real route) and a beacon sink.
  app = createServer((req, res) => {
    void (async () => {
      if (req.url?.startsWith("/proxy/debug")) {
        const r = await debugGate({ request: new Request(`http://127.0.0.1${req.url}`), params: {}, context: {} } as LoaderFunctionArgs);
        res.writeHead(r.status, { "Content-Type": "application/json" }).end(await r.text());
      } else res.writeHead(204).end();
    })();
  });
  await new Promise<void>((ok) => app.listen(0, "127.0.0.1", ok));
  if (options.app) options.app.url = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => app.close(() => ok())));

let sf: Storefront;
let context: BrowserContext;
storefrontInBrowser(options, (shop, browser) => ([sf, context] = [shop, browser]));
beforeEach(() => sf.setConfig(config()));

const valid = () => mintDebugToken(SHOP, API_SECRET_KEY, Date.now()).token;

/** `engraved` more lines of one product, each its own line through a line property, as personalised items are. */
async function open(path: string, viewport = { width: 1280, height: 800 }, cart: string[] = [], engraved?: { handle: string; lines: number }): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(sf.url + "/cart.js");
  await page.evaluate(
    async ([id, handles, extra]) => {
      localStorage.clear();
      sessionStorage.clear();
      localStorage.setItem("tactful", JSON.stringify({ id, dismissedAt: {}, accepted: [] }));
      const add = async (h: string, properties: Record<string, string> = {}) => {
        const p = (await (await fetch(`/products/${h}.js`)).json()) as { variants: { id: number }[] };
        await fetch("/cart/add.js", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id: p.variants[0]?.id, quantity: 1, properties }) });
      };
      // Filled on a page without the embed: no moment of ours fires for it.
      for (const h of handles) await add(h);
      if (extra) for (let i = 1; i <= extra.lines; i++) await add(extra.handle, { Engraving: `No. ${i}` });
    },
    [HELD_OUT, cart, engraved ?? null] as const,
  );
  sf.state.requests.length = 0;
  await page.goto(sf.url + path, { waitUntil: "load" });
  return page;
}
const dialog = (page: Page) => page.locator("tactful-popup dialog");
const panel = (page: Page) => page.locator("#tactful-debug");
const row = (page: Page, moment: string, offer: string) => panel(page).locator(`section[data-moment=${moment}] li[data-offer=${offer}]`);
const debugRequests = () => sf.state.requests.filter((r) => r.includes("apps/tactful/debug") || r.includes("tactful-debug.js"));

/** What a shopper gets from add-to-cart, decline and leaving: the popup, the beacons, the memory and the cart's attributes. */
async function shopperRun(path: string) {
  sf.state.beacons.length = 0;
  const page = await open(path);
  await page.locator("product-form button[type=submit]").click();
  await dialog(page).waitFor();
  const headline = await dialog(page).locator("h2").textContent();
  await dialog(page).getByRole("button", { name: "No thanks" }).click();
  await expect.poll(() => dialog(page).count()).toBe(0);
  const stored = await page.evaluate(() => [JSON.parse(localStorage.tactful), JSON.parse(sessionStorage.tactful)] as [{ dismissedAt: Record<string, number>; accepted: string[] }, { shownOfferIds: string[]; shownThisSession: number }]);
  const attributes = await page.evaluate(() => fetch("/cart.js").then((r) => r.json()).then((c: { attributes: Record<string, string> }) => Object.keys(c.attributes).sort()));
  await page.goto(sf.url + "/");
  await expect.poll(() => sf.state.beacons.length).toBe(1);
  const events = (JSON.parse(sf.state.beacons[0] as string) as { events: { type: string; offer: string; moment: string; bucket?: string }[] }).events.map((e) => [e.type, e.offer, e.moment, e.bucket]);
  await page.close();
  return { headline, events, attributes, dismissed: Object.keys(stored[0].dismissedAt), accepted: stored[0].accepted, shown: stored[1].shownOfferIds, shownThisSession: stored[1].shownThisSession };
}

describe("the session debugger on the storefront (decision record 0090)", () => {
  it("with the admin's signed link lists every offer per moment with its verdict and reason: frequency memory after a decline, holdout and schedule", async () => {
    const token = valid();
    const home = await open(`/?tactful_debug=${token}`);
    await panel(home).waitFor({ state: "attached" });
    // The gate asked the app, then the asset came: the debug asset is its own file, after a 200.
    expect(debugRequests().map((r) => r.replace(/\?.*/, ""))).toEqual(["GET /apps/tactful/debug", "GET /cdn/shop/t/1/assets/tactful-debug.js"]);
    await expect.poll(() => panel(home).locator(".body").textContent()).toContain("The cart is empty");
    await home.close();

    // The running shoes are in the cart, nothing shown yet: at add-to-cart the socks would show; the engine stops there.
    const page = await open(`/?tactful_debug=${token}`, undefined, ["trail-runner"]);
    await expect.poll(() => row(page, "ADD_TO_CART", "socks").getAttribute("data-verdict")).toBe("shows");
    expect(await row(page, "ADD_TO_CART", "care-kit").getAttribute("data-verdict")).toBe("not reached");
    expect(await row(page, "ADD_TO_CART", "launch").getAttribute("data-verdict")).toBe("not reached");
    expect(await row(page, "ADD_TO_CART", "care-kit").textContent()).toContain("bucket holdout");
    expect(await row(page, "PRE_CHECKOUT", "socks").textContent()).toContain("Moment: set for ADD_TO_CART, CART");
    // Not reached at the cart either, and judged on its own: the wrong moment for it.
    expect(await row(page, "CART", "care-kit").textContent()).toContain("Then: Moment: set for ADD_TO_CART");
    expect(await row(page, "ADD_TO_CART", "launch").textContent()).toContain("Then: Schedule: runs from ");

    // The shopper adds a second pair (sessionStorage keeps the link for this tab): the popup shows and is declined.
    await page.goto(sf.url + "/products/trail-runner?theme=legacy");
    await page.locator("product-form button[type=submit]").click();
    await dialog(page).waitFor();
    await dialog(page).getByRole("button", { name: "No thanks" }).click();
    await expect.poll(() => dialog(page).count()).toBe(0);
    // The panel re-runs when the popup opens and when it closes; the second run has the decline.
    await expect.poll(() => row(page, "ADD_TO_CART", "socks").textContent()).toContain("Frequency memory: declined");
    expect(await row(page, "ADD_TO_CART", "socks").getAttribute("data-verdict")).toBe("hidden");
    const socks = (await row(page, "ADD_TO_CART", "socks").textContent()) ?? "";
    expect(socks).toMatch(/Frequency memory: declined \d{4}-\d\d-\d\d \d\d:\d\d UTC, hidden until .* \(\d+-day cooldown\)/);
    expect(socks).toContain("Frequency memory: already shown in this session");
    expect(await row(page, "ADD_TO_CART", "care-kit").textContent()).toContain("Holdout: this visitor is in the 50% holdout");
    // Below the held-out offer the engine stops; judged on its own, its schedule keeps it hidden.
    expect(await row(page, "ADD_TO_CART", "launch").textContent()).toContain("Then: Schedule: runs from ");
    await page.screenshot({ path: `${SHOTS}/debugger-1280.png` });

    // The panel follows the merchant to the cart page within the link's life, asking the app again.
    sf.state.requests.length = 0;
    await page.goto(sf.url + "/cart?theme=legacy");
    await expect.poll(() => row(page, "CART", "socks").getAttribute("data-verdict")).toBe("hidden");
    expect(debugRequests().map((r) => r.replace(/\?.*/, ""))).toEqual(["GET /apps/tactful/debug", "GET /cdn/shop/t/1/assets/tactful-debug.js"]);
    await page.close();
  });

  it("lays out at 390 px and on a right-to-left page", async () => {
    const phone = await open(`/products/trail-runner?theme=legacy&tactful_debug=${valid()}`, { width: 390, height: 844 });
    await phone.locator("product-form button[type=submit]").click();
    await dialog(phone).waitFor();
    await dialog(phone).getByRole("button", { name: "No thanks" }).click();
    await expect.poll(() => row(phone, "ADD_TO_CART", "socks").textContent()).toContain("Frequency memory: declined");
    const box = await phone.locator("#tactful-debug").evaluate((h) => (h.shadowRoot?.querySelector(".p") as HTMLElement).getBoundingClientRect().toJSON() as DOMRect);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}/debugger-390.png` });
    await phone.close();

    const rtl = await open(`/ar/products/trail-runner?theme=standard&tactful_debug=${valid()}`);
    await rtl.locator("product-form button[type=submit]").click();
    await dialog(rtl).waitFor();
    await expect.poll(() => row(rtl, "ADD_TO_CART", "socks").textContent()).toContain("أكمل جريك");
    await rtl.screenshot({ path: `${SHOTS}/debugger-rtl.png` });
    await rtl.close();
  });

  it("changes nothing a shopper gets: the same popup, beacons, memory and cart attributes with and without the link", async () => {
    const plain = await shopperRun("/products/trail-runner?theme=legacy");
    const debugged = await shopperRun(`/products/trail-runner?theme=legacy&tactful_debug=${valid()}`);
    expect(plain.events).toEqual([
      ["impression", "socks", "ADD_TO_CART", undefined],
      ["decline", "socks", "ADD_TO_CART", undefined],
    ]);
    expect(debugged).toEqual(plain);
  });

  it.each([
    ["no link", () => ""],
    ["an expired link", () => mintDebugToken(SHOP, API_SECRET_KEY, Date.now() - DEBUG_LINK_TTL_MS - 60_000).token],
  ])("with %s nothing is asked, nothing loads and no panel shows", async (_name, token) => {
    const t = token();
    const page = await open(`/products/trail-runner?theme=legacy${t ? `&tactful_debug=${t}` : ""}`);
    await page.locator("product-form button[type=submit]").click();
    await dialog(page).waitFor();
    expect(await panel(page).count()).toBe(0);
    expect(debugRequests()).toEqual([]);
    await page.close();
  });

  it.each([
    ["a tampered link", () => valid().replace(/.$/, (c) => (c === "A" ? "B" : "A"))],
    ["another shop's link", () => mintDebugToken("other-shop.myshopify.com", API_SECRET_KEY, Date.now()).token],
    ["a link signed with another secret", () => mintDebugToken(SHOP, "not-the-app-secret", Date.now()).token],
  ])("with %s the app refuses (403) and the storefront fails closed: no debug asset, no panel", async (_name, token) => {
    const page = await open(`/products/trail-runner?theme=legacy&tactful_debug=${token()}`);
    await expect.poll(() => debugRequests().length).toBe(1);
    expect(debugRequests()[0]).toMatch(/^GET \/apps\/tactful\/debug\?token=/);
    // The shopper's popup still works as ever.
    await page.locator("product-form button[type=submit]").click();
    await dialog(page).waitFor();
    const answer = await page.evaluate((t) => fetch(`/apps/tactful/debug?token=${encodeURIComponent(t)}`).then(async (r) => [r.status, ((await r.json()) as { message: string }).message]), new URL(page.url()).searchParams.get("tactful_debug") ?? "");
    expect(answer).toEqual([403, expect.stringMatching(/^Debug link refused: /)]);
    expect(await panel(page).count()).toBe(0);
    expect(sf.state.requests.filter((r) => r.includes("tactful-debug.js"))).toEqual([]);
    await page.close();
  });
});

describe("a cart longer than the discount Function can price (decision record 0095)", () => {
  const lines = (page: Page) => page.evaluate(() => fetch("/cart.js").then((r) => r.json()).then((c: { items: unknown[] }) => c.items.length));
  const batteries = (n: number) => ({ handle: "aa-batteries", lines: n });

  it("hides the discounted offer, says why in the panel, and the shopper's add-to-cart opens no popup; one line fewer, it shows", async () => {
    // The socks at 10% off: only a discounted offer needs the Function.
    const discounted = config();
    for (const o of discounted.offers) if (o.id === "socks") o.discount = { kind: "PERCENT", bps: 1000 };
    sf.setConfig(discounted);

    // The running shoes and 39 engraved battery packs: 40 lines, and the socks would be the 41st.
    const page = await open(`/products/trail-runner?tactful_debug=${valid()}`, undefined, ["trail-runner"], batteries(FUNCTION_MAX_LINES - 1));
    expect(await lines(page)).toBe(FUNCTION_MAX_LINES);
    await expect.poll(() => row(page, "ADD_TO_CART", "socks").getAttribute("data-verdict")).toBe("hidden");
    expect(await row(page, "ADD_TO_CART", "socks").textContent()).toContain(`Cart size: over ${FUNCTION_MAX_LINES} lines with the offer's own`);
    await page.screenshot({ path: `${SHOTS}/debugger-cart-too-large-1280.png` });
    await page.close();
    // The same cart on a phone, right to left: the reason wraps inside the panel.
    const phone = await open(`/ar/products/trail-runner?tactful_debug=${valid()}`, { width: 390, height: 844 });
    await expect.poll(() => row(phone, "ADD_TO_CART", "socks").getAttribute("data-verdict")).toBe("hidden");
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}/debugger-cart-too-large-390-rtl.png` });
    await phone.close();

    // The shopper, without the link, a new cart of 39 battery packs: adding the shoes makes 40 lines, and the moment ends with no popup.
    await context.clearCookies();
    const shopper = await open("/products/trail-runner", undefined, [], batteries(FUNCTION_MAX_LINES - 1));
    await recordMoments(shopper);
    await shopper.locator("product-form button[type=submit]").click();
    await momentOver(shopper, "ADD_TO_CART");
    expect(await lines(shopper)).toBe(FUNCTION_MAX_LINES);
    expect(await dialog(shopper).count()).toBe(0);
    await shopper.close();

    // One battery pack fewer: the shoes make 39 lines, the socks would be the 40th, and the popup opens.
    await context.clearCookies();
    const fits = await open("/products/trail-runner", undefined, [], batteries(FUNCTION_MAX_LINES - 2));
    await fits.locator("product-form button[type=submit]").click();
    await dialog(fits).waitFor();
    expect(await lines(fits)).toBe(FUNCTION_MAX_LINES - 1);
    expect(await dialog(fits).locator("h2").textContent()).toBe("Complete your run");
    await fits.close();
  }, 60_000);
});
