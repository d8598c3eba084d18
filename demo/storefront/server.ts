import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { convert } from "@tactful/engine/money";
import type { StorefrontConfig } from "@tactful/engine/types";
import { storefrontMetafields } from "../../app/offers/offer-compiler";
import { addedLineJson, addItems, cartJson, CartError, Catalog, changeLine, newCart, productJson, recommendationsJson, type LineDiscount, type Money, type SimCart } from "./ajax-api";
import { COLLECTIONS, COMPLEMENTARY, productSvg, seedCatalog, type SimProduct } from "../../app/demo-mode/catalog";
import { embedEngine, EXT_DIR, renderEmbed } from "./embed";
import { appProxyUrl } from "../checkout/app-proxy";
import { priceCheckout } from "../checkout/function-run";
import { orderPayload, sendOrderWebhook, type OrderPayload } from "../checkout/order-webhook";
import { checkoutHtml, thankYouHtml } from "../checkout/page";
import type { OrderFixture } from "../admin-api/fake-admin-api";
import { bundlePostPurchaseHost, postPurchaseHtml } from "../checkout/post-purchase-page";
import { signInputToken, simInputData } from "../checkout/post-purchase-tokens";
import { applyChangesetToOrder, orderEditedPayload, sendOrderEditedWebhook } from "../checkout/post-purchase-apply";
import { cartIconSection, checkoutPage, drawerSection, homeMain, layout, mainCartSection, productMain, type PageCtx } from "./pages";
import * as horizon from "./themes/horizon";
import { dawnCartMain, dawnLayout, dawnSection } from "./themes/dawn";

/*
 * The storefront half of the simulated shop (decision record
 * 'simulated storefront'): plain node:http, in-memory carts keyed by a cookie,
 * Shopify's Ajax API shapes, locale prefixes /fr/ and /ar/, EUR shop currency
 * with USD presentment at a fixed rate, and the real app embed rendered with
 * liquidjs from metafields held in memory (replaceable through
 * POST /__sim/metafields, as the admin's metafieldsSet will do).
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ASSET_PATH = "/cdn/shop/t/1/assets/";
const SHOP = "tactful-demo.myshopify.com";
const RATES: Record<string, { micros: number; text: string }> = { EUR: { micros: 1_000_000, text: "1.0" }, USD: { micros: 1_100_000, text: "1.1" } };
const LOCALES = ["fr", "ar"] as const;
export const THEMES = ["standard", "legacy", "legacy-xhr", "dawn", "horizon"] as const;

export interface MetafieldInput {
  namespace: string;
  key: string;
  value: string;
}

export interface StorefrontState {
  catalog: Catalog;
  /**
   * The shop currency (Liquid's `shop.currency`) and its money format. The
   * demo shop sells in euros; a test may switch it (e.g. to JPY) together
   * with the demo Admin API's. Cart amounts stay in hundredths, as Shopify's
   * Ajax API counts every currency.
   */
  shopCurrency: string;
  moneyFormat: string;
  carts: Map<string, SimCart>;
  /** tactful.* metafields by key, values parsed from their JSON strings. */
  metafields: Record<string, unknown>;
  /** Raw beacon bodies posted to /apps/tactful/events. */
  beacons: string[];
  /** Every request, "METHOD /path?query", for tests and the benchmark. */
  requests: string[];
  /** Theme editor settings of the embed block (merged over the schema defaults). */
  blockSettings: Record<string, unknown>;
  /** Logged-in customer for Liquid's `customer`, or null for a guest. */
  customer: { tags: string[]; orders_count: number } | null;
  /** Orders placed through the demo checkout, with the app's answer to their webhook. */
  orders: { payload: OrderPayload; webhookStatus: number | string }[];
  /** Injected failures (tests/storefront/faults.browser.test.ts); empty by default. */
  faults: Fault[];
}

/**
 * One injected failure: requests to `route` ("METHOD /path", locale prefix
 * removed, no query) answer `status` instead of their own response. With
 * `committed`, the request does its work first and only its answer is lost,
 * as when a proxy times out after the shop has changed the cart. `times`
 * limits how many requests it hits (every one when absent).
 */
export interface Fault {
  route: string;
  status: number;
  committed?: boolean;
  times?: number;
}

/** What a failing Shopify answers: Ajax-shaped JSON for 4xx (422, 429, 404), an HTML error page for 5xx. */
function faultBody(status: number): [string, string] {
  if (status >= 500) return ["text/html; charset=utf-8", `<!doctype html><title>${status}</title><h1>Something went wrong</h1>`];
  const message = status === 429 ? "Too Many Requests" : status === 404 ? "Not Found" : "Cart Error";
  return ["application/json; charset=utf-8", JSON.stringify({ status, message, description: status === 429 ? "Too many requests, try again shortly." : message })];
}

export interface StorefrontOptions {
  port?: number;
  config?: StorefrontConfig;
  metafields?: MetafieldInput[];
  products?: SimProduct[];
  /** Default theme mode when the request names none. */
  theme?: (typeof THEMES)[number];
  /**
   * The app behind the app proxy and the webhooks (demo mode): beacons to
   * /apps/tactful/* are forwarded signed to its /proxy/*, and the checkout
   * runs the discount Function and sends orders/create to it.
   */
  app?: {
    url: string;
    secret: string;
    /**
     * The post-purchase step between Pay and the thank-you page (decision
     * 0078): the app's API key (the changeset issuer Shopify checks) and the
     * fake Admin API's orders, where paid orders and applied changesets land.
     */
    postPurchase?: { apiKey: string; orders: Map<string, OrderFixture> };
  };
  /** false: pages carry no app embed at all (the "app not installed" baseline for bench:lighthouse). */
  embed?: boolean;
}

export function setMetafields(state: StorefrontState, list: MetafieldInput[]): void {
  const next: Record<string, unknown> = {};
  for (const m of list) {
    if (m.namespace !== "tactful" && m.namespace !== "$app:tactful") continue;
    next[m.key] = JSON.parse(m.value);
  }
  state.metafields = next;
}

const metafieldList = (c: StorefrontConfig): MetafieldInput[] => storefrontMetafields(c).map((m) => ({ namespace: "tactful", ...m }));

function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k) out[k] = decodeURIComponent(v.join("="));
  }
  return out;
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const buf = Buffer.concat(chunks);
  const raw = buf.toString("utf8");
  if (!raw) return {};
  const type = req.headers["content-type"] ?? "";
  if (type.includes("json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // Horizon's product form posts its FormData as is.
  const fields = type.includes("multipart/form-data") ? await new Response(buf, { headers: { "content-type": type } }).formData() : new URLSearchParams(raw);
  for (const [k, v] of fields) out[k] = String(v);
  return out;
}

/** Responses whose answer an injected committed fault replaces, with the status to send. */
const lost = new WeakMap<ServerResponse, number>();
const send = (res: ServerResponse, status: number, type: string, text: string, headers: Record<string, string | string[]> = {}) => {
  const failed = lost.get(res);
  if (failed) {
    [type, text] = faultBody(failed);
    status = failed;
    headers = { ...headers, ...(failed === 429 ? { "Retry-After": "1" } : {}) };
    delete headers.Location;
  }
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", ...headers });
  res.end(text);
};
const json = (res: ServerResponse, status: number, v: unknown, headers?: Record<string, string | string[]>) => send(res, status, "application/json; charset=utf-8", JSON.stringify(v), headers);

export async function startStorefront(opts: StorefrontOptions = {}) {
  const state: StorefrontState = {
    catalog: new Catalog(opts.products ?? seedCatalog()),
    shopCurrency: "EUR",
    moneyFormat: "€{{amount_with_comma_separator}}",
    carts: new Map(),
    metafields: {},
    beacons: [],
    requests: [],
    blockSettings: {},
    customer: null,
    orders: [],
    faults: [],
  };
  setMetafields(state, opts.metafields ?? (opts.config ? metafieldList(opts.config) : []));
  /** Paid orders awaiting their post-purchase step, by order id. */
  const paid = new Map<string, { referenceId: string; purchasedAt: number; name: string; total: number; webhookStatus: number | string; editStatus?: number | string }>();
  const postPurchaseJs = opts.app?.postPurchase ? bundlePostPurchaseHost(opts.app.url) : null;
  const decimal2 = (minor: number) => (minor / 100).toFixed(2);
  const liquid = embedEngine((name) => `${ASSET_PATH}${name}`);

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (e instanceof CartError) return json(res, e.status, e.body);
      if (e instanceof SyntaxError) return json(res, 400, { status: 400, message: "Bad Request", description: e.message });
      console.error(e);
      send(res, 500, "text/plain", "simulated shop error");
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sim");
    // A test's own look at the shop (x-sim-inspect: 1) is neither logged nor failed.
    const inspect = req.headers["x-sim-inspect"] === "1";
    if (!inspect) state.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const jar = cookies(req);
    const setCookies: string[] = [];
    const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
      const q = url.searchParams.get(name);
      if (q && (allowed as readonly string[]).includes(q)) {
        setCookies.push(`${name}=${q}; Path=/; SameSite=Lax`);
        return q as T;
      }
      const c = jar[name];
      return c && (allowed as readonly string[]).includes(c) ? (c as T) : fallback;
    };
    const theme = pick("theme", THEMES, opts.theme ?? "standard");
    const currency = pick("currency", [state.shopCurrency, "USD"], state.shopCurrency);
    let token = jar.cart;
    let cart = token ? state.carts.get(token) : undefined;
    if (!cart) {
      cart = newCart();
      token = cart.token;
      state.carts.set(token, cart);
      setCookies.push(`cart=${token}; Path=/; SameSite=Lax`);
    }
    const headers = setCookies.length ? { "Set-Cookie": setCookies } : undefined;

    let p = url.pathname;
    let locale: PageCtx["locale"] = "en";
    for (const l of LOCALES)
      if (p === `/${l}` || p.startsWith(`/${l}/`)) {
        locale = l;
        p = p.slice(l.length + 1) || "/";
      }
    const root = locale === "en" ? "/" : `/${locale}/`;
    // Shopify answers /cart/add, /cart/change and /cart/update as their .js twins when the request asks for JSON (Dawn posts to routes.cart_*_url).
    if (req.method === "POST" && /^\/cart\/(add|change|update)$/.test(p) && (/json|javascript/.test(String(req.headers.accept)) || req.headers["x-requested-with"] === "XMLHttpRequest")) p += ".js";
    const fault = inspect ? undefined : state.faults.find((f) => f.route === `${req.method} ${p}` && f.times !== 0);
    if (fault) {
      if (fault.times !== undefined) fault.times--;
      lost.set(res, fault.status);
      if (!fault.committed) return send(res, fault.status, "", "", headers);
    }
    const rate = (currency !== state.shopCurrency && RATES[currency]) || { micros: 1_000_000, text: "1.0" };
    const m: Money = { currency, rateMicros: rate.micros };
    const fmt = new Intl.NumberFormat(locale, { style: "currency", currency });
    const ctx: PageCtx = { locale, root, theme, currency, rate: rate.text, money: (n) => fmt.format(n / 100) };
    const price = (n: number) => convert(n, m.rateMicros);
    const cat = state.catalog;
    const c = cart;
    // Shopify runs the discount Function on the cart too: /cart.js and the cart page show what it took off.
    const lineDiscounts = (): (LineDiscount | undefined)[] =>
      state.metafields.function_config === undefined
        ? []
        : priceCheckout(c, cat, { currency, shopCurrency: state.shopCurrency, rateMicros: m.rateMicros, functionConfig: state.metafields.function_config, now: Date.now(), locale }).lines.map((l) =>
            l.discountPresentment ? { amount: l.discountPresentment, title: l.discountMessage ?? "Discount" } : undefined,
          );
    const cj = () => cartJson(c, cat, m, root, lineDiscounts());
    // Sections render for the page that asked (sections_url, else the page it was sent from).
    const pagePath = (sectionsUrl: unknown) => (typeof sectionsUrl === "string" ? sectionsUrl : new URL(req.headers.referer ?? "http://sim/", "http://sim").pathname);
    const sectionsFor = (ids: unknown, sectionsUrl?: unknown): Record<string, string | null> | undefined => {
      // A comma-separated string or an array of ids, as Shopify takes both.
      const list = typeof ids === "string" ? ids.split(",") : Array.isArray(ids) ? ids.map(String) : [];
      if (!list.filter(Boolean).length) return undefined;
      const out: Record<string, string | null> = {};
      for (const id of list.slice(0, 5)) {
        const x = cj();
        out[id] =
          theme === "dawn"
            ? dawnSection(id, x, ctx, SHOP)
            : id === "cart-drawer"
              ? drawerSection(x, ctx)
              : id === "cart-icon-bubble"
                ? cartIconSection(x, ctx)
                : id === "main-cart-items"
                  ? mainCartSection(x, ctx)
                  : horizon.horizonSection(id, x, ctx, pagePath(sectionsUrl));
      }
      return out;
    };
    const page = async (title: string, pageType: string, main: string) => {
      const embed = opts.embed === false ? "" : await renderEmbed(liquid, {
        metafields: state.metafields,
        locale,
        root,
        pageType,
        currency,
        country: "DE",
        market: "eu",
        moneyFormat: state.moneyFormat,
        shopCurrency: state.shopCurrency,
        customer: state.customer,
        allProducts: Object.fromEntries(
          cat.products.map((x) => [x.handle, { id: x.id, handle: x.handle, variants: x.variants.map((v) => ({ id: v.id, inventory_management: v.inventory === null ? null : "shopify", inventory_policy: "deny", inventory_quantity: v.inventory ?? 0 })) }]),
        ),
        settings: state.blockSettings,
      });
      const shell =
        theme === "dawn" ? dawnLayout(ctx, cj(), { title, main, embed, shop: SHOP }) : (theme === "horizon" ? horizon.horizonLayout : layout)(ctx, cj(), { title, pageType, main, embed, shop: SHOP });
      send(res, 200, "text/html; charset=utf-8", shell, headers);
    };

    const method = req.method ?? "GET";
    if (method === "GET" && url.searchParams.has("sections") && !p.endsWith(".js")) return json(res, 200, sectionsFor(url.searchParams.get("sections"), url.pathname), headers);
    // The Section Rendering API's single-section form (Horizon's sectionRenderer): the section's HTML, 404 for an unknown id.
    const sectionId = url.searchParams.get("section_id");
    if (method === "GET" && sectionId) {
      const html = sectionsFor(sectionId, url.pathname)?.[sectionId];
      return html ? send(res, 200, "text/html; charset=utf-8", html, headers) : send(res, 404, "text/html", "<h1>404 Not Found</h1>");
    }

    if (method === "GET") {
      const hz = theme === "horizon";
      if (p === "/") return page("Home", "index", (hz ? horizon.homeSection : homeMain)(cat.products, ctx, price));
      if (p === "/cart") return page("Cart", "cart", hz ? horizon.mainCartSection(cj(), ctx) : theme === "dawn" ? dawnCartMain(cj(), ctx) : `<h1>Cart</h1>${mainCartSection(cj(), ctx)}`);
      if (p === "/cart.js") return json(res, 200, cj(), headers);
      if (p === "/apps/tactful/debug") {
        // The app proxy, GET: the query as sent plus Shopify's signed parameters, to the app's /proxy/debug (decision record 0090).
        if (!opts.app) return send(res, 404, "text/plain", "app proxy: no app installed");
        const query = new URLSearchParams(url.searchParams);
        for (const k of ["shop", "logged_in_customer_id", "path_prefix", "timestamp", "signature"]) query.delete(k);
        const target = appProxyUrl(opts.app.url, "debug", { shop: SHOP, secret: opts.app.secret, customerId: null, query, now: Date.now() });
        const r = await fetch(target).catch((e: unknown) => e);
        if (r instanceof Response) return send(res, r.status, r.headers.get("content-type") ?? "text/plain", await r.text());
        return send(res, 502, "text/plain", "app proxy: the app did not answer");
      }
      if (p === "/checkout/post-purchase.js" && postPurchaseJs) return send(res, 200, "text/javascript", await postPurchaseJs);
      if (p === "/thank-you") {
        const sale = paid.get(url.searchParams.get("order") ?? "");
        if (!sale) return send(res, 404, "text/html", "<h1>404 Not Found</h1>");
        const order = opts.app?.postPurchase?.orders.get(url.searchParams.get("order") ?? "");
        const total = order ? order.lines.reduce((n, l) => n + Math.round(Number(l.shop.amount) * 100), 0) : sale.total;
        return send(res, 200, "text/html; charset=utf-8", thankYouHtml({ name: sale.name, total, webhookStatus: sale.editStatus === undefined ? sale.webhookStatus : `${sale.webhookStatus}; orders/edited → app: ${sale.editStatus}` }, ctx), headers);
      }
      if (p === "/checkout") {
        if (!opts.app) return send(res, 200, "text/html; charset=utf-8", checkoutPage(cj(), ctx), headers);
        const totals = priceCheckout(c, cat, { currency, shopCurrency: state.shopCurrency, rateMicros: m.rateMicros, functionConfig: state.metafields.function_config, now: Date.now(), locale });
        return send(res, 200, "text/html; charset=utf-8", checkoutHtml(totals, ctx), headers);
      }
      if (p === "/recommendations/products.json" && req.method === "GET") {
        const held = new Set(c.lines.map((l) => cat.byVariant.get(l.variantId)?.product.id ?? 0));
        const r = recommendationsJson(cat, url.searchParams, held, COMPLEMENTARY, m, root);
        return json(res, r.status, r.body, headers);
      }
      const prod = /^\/products\/([\w-]+?)(\.js)?$/.exec(p);
      if (prod?.[1]) {
        const x = cat.byHandle.get(prod[1]);
        if (!x) return prod[2] ? json(res, 404, { status: 404, message: "Not Found", description: "Not Found" }) : send(res, 404, "text/html", "<h1>404</h1>");
        return prod[2] ? json(res, 200, productJson(x, m, root), headers) : page(x.title, "product", (hz ? horizon.productSection : productMain)(x, ctx, price));
      }
      const col = /^\/collections\/([\w-]+)$/.exec(p);
      if (col?.[1] && COLLECTIONS.some((k) => k.handle === col[1]))
        return page(col[1], "collection", (hz ? horizon.homeSection : homeMain)(cat.products.filter((x) => x.collections.includes(col[1] as string)), ctx, price));
      const img = /^\/img\/([\w-]+)\.svg$/.exec(p);
      const ip = img?.[1] ? cat.byHandle.get(img[1]) : undefined;
      if (ip) return send(res, 200, "image/svg+xml", productSvg(ip));
      if (url.pathname === "/cdn/dawn.js") return send(res, 200, "text/javascript", readFileSync(path.join(HERE, "themes", "dawn.theme.js"), "utf8"));
      if (url.pathname === "/cdn/theme.js") return send(res, 200, "text/javascript", readFileSync(path.join(HERE, "theme.js"), "utf8"));
      if (url.pathname === "/cdn/horizon.js") return send(res, 200, "text/javascript", readFileSync(path.join(HERE, "themes", "horizon.theme.js"), "utf8"));
      if (url.pathname.startsWith(ASSET_PATH)) {
        const name = path.basename(url.pathname);
        try {
          return send(res, 200, name.endsWith(".css") ? "text/css" : "text/javascript", readFileSync(path.join(EXT_DIR, "assets", name), "utf8"));
        } catch {
          return send(res, 404, "text/plain", "no such asset");
        }
      }
      return send(res, 404, "text/html", "<h1>404 Not Found</h1>");
    }

    if (method === "POST") {
      const b = await body(req);
      if (p === "/cart/add.js" || p === "/cart/add") {
        const single = !Array.isArray(b.items);
        const raw = (single ? [b] : (b.items as unknown[])) as { id?: unknown; quantity?: unknown; properties?: unknown }[];
        const items = raw.map((i) => ({ id: Number(i.id), quantity: i.quantity === undefined ? 1 : Number(i.quantity), properties: (i.properties ?? {}) as Record<string, string> }));
        try {
          const discounts = (lines: ReturnType<typeof addItems>) => {
            const d = lineDiscounts();
            return lines.map((l) => addedLineJson(l, cat, m, root, d[c.lines.indexOf(l)]));
          };
          const added = discounts(addItems(c, cat, items));
          if (p === "/cart/add") return send(res, 302, "text/plain", "", { ...headers, Location: `${root}cart` });
          const sections = sectionsFor(b.sections, b.sections_url);
          return json(res, 200, single ? { ...added[0], ...(sections ? { sections } : {}) } : { items: added, ...(sections ? { sections } : {}) }, headers);
        } catch (e) {
          if (e instanceof CartError && p === "/cart/add") return send(res, 302, "text/plain", "", { ...headers, Location: `${root}cart` });
          throw e;
        }
      }
      if (p === "/cart/change.js") {
        changeLine(c, cat, { id: b.id as string | number | undefined, line: b.line === undefined ? undefined : Number(b.line) }, Number(b.quantity));
        if (b.properties) {
          /* properties on change.js replace the line's; not needed by the popup */
        }
        const sections = sectionsFor(b.sections, b.sections_url);
        return json(res, 200, { ...cj(), ...(sections ? { sections } : {}) }, headers);
      }
      if (p === "/cart/update.js" || p === "/cart") {
        const updates = (b.updates ?? {}) as Record<string, unknown>;
        for (const [k, q] of Object.entries(updates)) changeLine(c, cat, { id: k }, Number(q));
        if (b.attributes && typeof b.attributes === "object") {
          for (const [k, v] of Object.entries(b.attributes as Record<string, unknown>)) {
            if (v === "" || v === null) delete c.attributes[k];
            else c.attributes[k] = String(v);
          }
        }
        if (typeof b.note === "string") c.note = b.note;
        if (p === "/cart") return send(res, 302, "text/plain", "", { ...headers, Location: "checkout" in b ? `${root}checkout` : `${root}cart` });
        const sections = sectionsFor(b.sections, b.sections_url);
        return json(res, 200, { ...cj(), ...(sections ? { sections } : {}) }, headers);
      }
      if (p === "/checkout/complete" && opts.app) {
        const now = Date.now();
        const totals = priceCheckout(c, cat, { currency, shopCurrency: state.shopCurrency, rateMicros: m.rateMicros, functionConfig: state.metafields.function_config, now, locale });
        if (!totals.lines.length) return send(res, 303, "text/plain", "", { ...headers, Location: `${root}checkout` });
        const payload = orderPayload(totals, { shop: SHOP, cartToken: c.token, attributes: c.attributes, note: c.note, now });
        const webhookStatus = await sendOrderWebhook(opts.app.url, payload, { shop: SHOP, secret: opts.app.secret, now }).catch((e: unknown) => `failed: ${String(e)}`);
        state.orders.push({ payload, webhookStatus });
        // The order is placed: the shopper starts again with an empty cart, as after a real checkout.
        state.carts.delete(c.token);
        const clear = { "Set-Cookie": [...setCookies, "cart=; Path=/; Max-Age=0; SameSite=Lax"] };
        const pp = opts.app.postPurchase;
        if (pp) {
          // Shopify's side after payment: the order exists for the Admin API, and the post-purchase page gets its signed input.
          const orderId = String(payload.id);
          const lineTotal = (l: (typeof totals.lines)[number]) => l.unitShop * l.quantity - l.discountShop;
          pp.orders.set(orderId, {
            id: orderId,
            lines: totals.lines.map((l, i) => ({
              id: String(payload.line_items[i]?.id ?? `${orderId}${i}`),
              quantity: l.quantity,
              variantId: String(l.variantId),
              shop: { amount: decimal2(lineTotal(l)), currencyCode: totals.shopCurrency },
              presentment: { amount: decimal2(l.unitPresentment * l.quantity - l.discountPresentment), currencyCode: totals.currency },
            })),
            metafields: new Map(),
          });
          // Shopify does not document what the reference id is; the app matches it against the order's checkout and order tokens (decision 0087). The demo uses the checkout token.
          const referenceId = payload.checkout_token;
          paid.set(orderId, { referenceId, purchasedAt: now, name: payload.name, total: totals.total, webhookStatus });
          const input = simInputData({
            shop: SHOP,
            referenceId,
            currency: totals.shopCurrency,
            locale,
            lines: totals.lines.map((l) => ({ productId: l.productId, productTitle: l.title, variantId: l.variantId, variantTitle: l.variantTitle, quantity: l.quantity, total: decimal2(lineTotal(l)) })),
          });
          const boot = { inputData: { ...input, token: await signInputToken(input, opts.app.secret) }, calculateUrl: `${root}checkout/post-purchase/calculate`, applyUrl: `${root}checkout/post-purchase/apply`, doneUrl: `${root}thank-you?order=${orderId}`, orderId };
          return send(res, 200, "text/html; charset=utf-8", postPurchaseHtml(boot, ctx, payload.name), clear);
        }
        return send(res, 200, "text/html; charset=utf-8", thankYouHtml({ name: payload.name, total: totals.total, webhookStatus }, ctx), clear);
      }
      if (p === "/checkout/post-purchase/calculate" && opts.app?.postPurchase) {
        // calculateChangeset: what the change would add. Demo prices include tax and shipping is free, as at the demo checkout.
        const changes = ((b.changeset as { changes?: unknown[] } | undefined)?.changes ?? []) as { type?: string; variantId?: number; quantity?: number; discount?: { value: number; valueType: string } }[];
        const bag = (minor: number) => ({ shopMoney: { amount: decimal2(minor), currencyCode: state.shopCurrency }, presentmentMoney: { amount: decimal2(minor), currencyCode: state.shopCurrency } });
        const updated = changes.flatMap((ch) => {
          const v = ch.type === "add_variant" ? cat.byVariant.get(Number(ch.variantId)) : undefined;
          if (!v || !ch.quantity) return [];
          const unit = ch.discount ? (ch.discount.valueType === "percentage" ? v.variant.price - Math.round((v.variant.price * ch.discount.value) / 100) : Math.max(0, v.variant.price - Math.round(ch.discount.value * 100))) : v.variant.price;
          return [{ variantId: Number(ch.variantId), productId: v.product.id, quantity: ch.quantity, priceSet: bag(unit), totalPriceSet: bag(unit * ch.quantity), total: unit * ch.quantity }];
        });
        if (!updated.length) return json(res, 200, { status: "unprocessed", errors: [{ code: "insufficient_inventory", message: "Nothing to add" }] });
        const added = updated.reduce((n, u) => n + u.total, 0);
        const order = paid.get(String(b.orderId));
        return json(res, 200, {
          status: "processed",
          errors: [],
          calculatedPurchase: {
            subtotalPriceSet: bag((order?.total ?? 0) + added),
            totalPriceSet: bag((order?.total ?? 0) + added),
            addedTaxLines: [],
            addedShippingLines: [],
            updatedLineItems: updated.map(({ total: _t, ...u }) => u),
            totalOutstandingSet: bag(added),
          },
        });
      }
      if (p === "/checkout/post-purchase/apply" && opts.app?.postPurchase) {
        const pp = opts.app.postPurchase;
        const orderId = String(b.orderId);
        const order = pp.orders.get(orderId);
        const sale = paid.get(orderId);
        if (!order || !sale) return json(res, 200, { status: "unprocessed", errors: [{ code: "changeset_already_applied", message: "No such order" }] });
        const now = Date.now();
        try {
          const additions = await applyChangesetToOrder(order, String(b.token), {
            secret: opts.app.secret,
            apiKey: pp.apiKey,
            referenceId: sale.referenceId,
            purchasedAt: sale.purchasedAt,
            price: (variantId) => {
              const v = cat.byVariant.get(Number(variantId));
              return v ? { shop: v.variant.price, presentment: v.variant.price } : undefined;
            },
            shopCurrency: state.shopCurrency,
            presentmentCurrency: state.shopCurrency,
          });
          sale.editStatus = await sendOrderEditedWebhook(opts.app.url, orderEditedPayload(orderId, additions, now), { shop: SHOP, secret: opts.app.secret, now }).catch((e: unknown) => `failed: ${String(e)}`);
          return json(res, 200, { status: "processed", errors: [], changesetApplicationsRemaining: 0 });
        } catch (e) {
          return json(res, 200, { status: "unprocessed", errors: [{ code: "signature_invalid", message: e instanceof Error ? e.message : String(e) }] });
        }
      }
      if (p === "/apps/tactful/events") {
        const raw = JSON.stringify(b);
        state.beacons.push(raw);
        if (opts.app) {
          // The app proxy: forward the beacon body as sent, signed, to the app's /proxy/events.
          const target = appProxyUrl(opts.app.url, "events", { shop: SHOP, secret: opts.app.secret, customerId: null, now: Date.now() });
          // Shopify's proxy adds the shopper's address; the app budgets events per address (decision 0059).
          const headers = { "Content-Type": String(req.headers["content-type"] ?? "text/plain;charset=UTF-8"), "X-Forwarded-For": req.socket.remoteAddress ?? "" };
          const r = await fetch(target, { method: "POST", headers, body: raw }).catch((e: unknown) => e);
          if (r instanceof Response) return send(res, r.status, "text/plain", await r.text());
          return send(res, 502, "text/plain", "app proxy: the app did not answer");
        }
        return send(res, 204, "text/plain", "");
      }
      if (url.pathname === "/__sim/metafields") {
        if (!Array.isArray(b)) return json(res, 400, { error: "Send a JSON array of {namespace, key, value}" });
        setMetafields(state, b as MetafieldInput[]);
        return json(res, 200, { ok: true, keys: Object.keys(state.metafields) });
      }
    }
    send(res, 404, "text/plain", "Not Found");
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    setConfig: (cfg: StorefrontConfig) => setMetafields(state, metafieldList(cfg)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Storefront = Awaited<ReturnType<typeof startStorefront>>;
