import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Cart, CompiledOffer } from "@tactful/engine/types";
import { COMPLEMENTARY, seedCatalog } from "../../app/demo-mode/catalog";
import { Catalog, productJson, recommendationsJson } from "../../demo/storefront/ajax-api";
import type { Recommender } from "../../extensions/tactful-embed/src/recommend";

/*
 * The cart chunk's recommendations (decision record 0085): Shopify's answer
 * read defensively, one request per product and intent per page, a timeout,
 * and every failure an empty list.
 */

let recommender: (root: string) => Recommender;
let setFetch: (f: typeof fetch) => void;
let RECOMMEND_WAIT_MS: number;
beforeAll(async () => {
  // The storefront modules capture window.fetch when they load.
  (globalThis as { window?: unknown }).window ??= globalThis;
  ({ recommender, RECOMMEND_WAIT_MS } = await import("../../extensions/tactful-embed/src/recommend"));
  ({ setFetch } = await import("../../extensions/tactful-embed/src/ajax"));
});
afterEach(() => {
  vi.useRealTimers();
});

const offer = (sources: CompiledOffer["auto"] extends infer A ? (A extends { sources: infer S } ? S : never) : never): CompiledOffer => ({
  id: "auto",
  type: "CROSS_SELL",
  priority: 0,
  moments: ["ADD_TO_CART"],
  trigger: { match: "ANY", products: ["100"], variants: [], collections: [], tags: [] },
  segment: { customer: "ANY", tagsInclude: [], tagsExclude: [], history: "ANY", countries: [], markets: [], locales: [] },
  items: [],
  auto: { sources, excludeProducts: [], excludeCollections: [], excludeTags: [], coPurchase: {} },
  upgrades: [],
  discount: { kind: "NONE" },
  capBps: 2500,
  delayMs: 0,
  urgency: { showEndDate: false },
  abVariants: [],
  holdoutBps: 0,
});
const cart = (): Cart => ({ currency: "EUR", rateMicros: 1_000_000, lines: [{ key: "k", productId: "100", variantId: "1001", quantity: 1, unitPrice: 10000 }] });
const product = (id: number, available = true) => ({ id, handle: `p${id}`, title: `P${id}`, tags: ["x"], variants: [{ id: id * 10, title: "T", price: 500, available }] });
const answer = (body: unknown, status = 200) => new Response(typeof body === "string" ? body : JSON.stringify(body), { status });

describe("Shopify's recommendations in the cart chunk", () => {
  it("asks each intent once per product under the routes root, and adds the products as priced candidates", async () => {
    const urls: string[] = [];
    setFetch((async (url: string) => {
      urls.push(url);
      return answer({ intent: "complementary", products: [product(201), product(202, false)] });
    }) as typeof fetch);
    const rec = recommender("/ar/");
    const c = cart();
    const o = offer(["co_purchase", "shopify_complementary", "shopify_related"]);
    await rec.fill(o, c, undefined);
    await rec.fill(o, c, undefined);
    expect(urls).toEqual(["/ar/recommendations/products.json?product_id=100&limit=6&intent=complementary", "/ar/recommendations/products.json?product_id=100&limit=6&intent=related"]);
    expect(c.candidates?.map((x) => [x.source, x.item.productId, x.item.variantIds])).toEqual([
      ["shopify_complementary", "201", ["2010"]],
      ["shopify_complementary", "202", []],
      ["shopify_related", "201", ["2010"]],
      ["shopify_related", "202", []],
    ]);
    expect(c.variants?.["2010"]).toEqual({ unitPrice: 500, available: true, inventory: undefined });
  });

  it("a 500, a malformed answer or a product without the fields the popup reads yields nothing, and nothing throws", async () => {
    for (const body of [
      answer("oops", 500),
      answer("not json"),
      answer({ products: "no" }),
      answer({ products: [{ id: 1, handle: "h" }, { id: "2", handle: "x", variants: [] }] }),
      // /products.json's shape (prices as decimal strings, tags one string) is not the Ajax product JSON's: dropped.
      answer({ products: [{ ...product(3), variants: [{ id: 30, title: "T", price: "5.00", available: true }] }] }),
      answer({ products: [{ ...product(4), tags: "x, y" }] }),
    ]) {
      setFetch((async () => body) as unknown as typeof fetch);
      const c = cart();
      await expect(recommender("/").fill(offer(["shopify_complementary"]), c, undefined)).resolves.toBeUndefined();
      expect(c.candidates).toEqual([]);
    }
  });

  it("no answer within the wait yields nothing", async () => {
    vi.useFakeTimers();
    setFetch((() => new Promise(() => {})) as typeof fetch);
    const c = cart();
    const done = recommender("/").fill(offer(["shopify_related"]), c, undefined);
    await vi.advanceTimersByTimeAsync(RECOMMEND_WAIT_MS);
    await done;
    expect(c.candidates).toEqual([]);
  });
});

/*
 * The simulated shop's answer, against what shopify.dev documents for the
 * Product Recommendations API (ajax/reference/product-recommendations and the
 * complementary-products limitations); see recommendationsJson's comment.
 */
describe("the simulated shop's recommendations/products.json", () => {
  const cat = new Catalog(seedCatalog());
  const id = (handle: string) => cat.byHandle.get(handle)?.id ?? 0;
  const EUR = { currency: "EUR", rateMicros: 1_000_000 };
  const ask = (query: string, inCart: number[] = [], m = EUR, root = "/") => recommendationsJson(cat, new URLSearchParams(query), new Set(inCart), COMPLEMENTARY, m, root);
  const handles = (r: { body: unknown }) => (r.body as { products: { handle: string }[] }).products.map((p) => p.handle);

  it("answers { intent, products }, each product the Ajax product JSON (as /products/<handle>.js) with the recommendation's tracking parameters on its url", () => {
    const r = ask(`product_id=${id("phone-x-pro")}&intent=complementary`, [], { currency: "USD", rateMicros: 1_100_000 }, "/fr/");
    expect(r.status).toBe(200);
    const body = r.body as { intent: string; products: (ReturnType<typeof productJson> & { url: string })[] };
    expect(body.intent).toBe("complementary");
    expect(body.products.map((p) => p.handle)).toEqual(["phone-case", "screen-protector", "usb-c-charger"]);
    const [first] = body.products;
    const { url, ...rest } = first ?? ({} as never);
    const own = productJson(cat.byHandle.get("phone-case") as never, { currency: "USD", rateMicros: 1_100_000 }, "/fr/");
    const { url: ownUrl, ...ownRest } = own;
    expect(rest).toEqual(ownRest);
    expect(url.startsWith(ownUrl + "?")).toBe(true);
    // Integer hundredths in the shopper's currency: the case is 30.00 € in the shop, 33.00 $ at 1.1.
    expect(first?.price).toBe(3300);
    expect(first?.variants[0]?.price).toBe(3300);
    expect(url).toMatch(new RegExp(`^/fr/products/phone-case\\?pr_prod_strat=pinned&pr_rec_id=[0-9a-f]{9}&pr_rec_pid=${id("phone-case")}&pr_ref_pid=${id("phone-x-pro")}&pr_seq=uniform$`));
  });

  it("intent defaults to related; limit is 1 to 10 (10 by default), a value outside is clamped, not refused", () => {
    const r = ask(`product_id=${id("day-backpack")}`);
    expect((r.body as { intent: string }).intent).toBe("related");
    expect(handles(r).length).toBeGreaterThan(0);
    expect(handles(r).length).toBeLessThanOrEqual(10);
    expect(handles(ask(`product_id=${id("day-backpack")}&intent=complementary&limit=2`))).toEqual(["rain-cover", "water-bottle"]);
    expect(handles(ask(`product_id=${id("day-backpack")}&intent=complementary&limit=0`))).toEqual(["rain-cover"]);
    expect(handles(ask(`product_id=${id("day-backpack")}&intent=complementary&limit=50`))).toEqual(["rain-cover", "water-bottle", "aa-batteries", "headlamp"]);
  });

  it("leaves out the products in the visitor's cart, sold out or priced 0, as Shopify documents (the engine leaves cart products out too)", () => {
    expect(handles(ask(`product_id=${id("phone-x-pro")}&intent=complementary`, [id("screen-protector")]))).toEqual(["phone-case", "usb-c-charger"]);
    const changed = new Catalog(
      seedCatalog().map((p) =>
        p.handle === "screen-protector" ? { ...p, variants: p.variants.map((v) => ({ ...v, price: 0 })) } : p.handle === "usb-c-charger" ? { ...p, variants: p.variants.map((v) => ({ ...v, inventory: 0 })) } : p,
      ),
    );
    const r = recommendationsJson(changed, new URLSearchParams(`product_id=${id("phone-x-pro")}&intent=complementary`), new Set(), COMPLEMENTARY, EUR, "/");
    expect(handles(r)).toEqual(["phone-case"]);
  });

  it("answers the documented errors: 422 for a missing product_id or another intent, 404 for an unknown product", () => {
    expect(ask("intent=related")).toEqual({ status: 422, body: { status: 422, message: "Invalid parameter error", description: "A product_id value is missing" } });
    expect(ask(`product_id=${id("phone-x")}&intent=upsell`)).toEqual({ status: 422, body: { status: 422, message: "Invalid parameter error", description: "The intent parameter must be one of related, complementary" } });
    expect(ask("product_id=999999")).toEqual({ status: 404, body: { status: 404, message: "Product not found", description: "No product with id 999999 is published in the online store" } });
    expect(ask("product_id=abc").status).toBe(404);
  });
});
