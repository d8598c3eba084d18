import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Cart, CompiledOffer } from "@tactful/engine/types";
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
    for (const body of [answer("oops", 500), answer("not json"), answer({ products: "no" }), answer({ products: [{ id: 1, handle: "h" }, { id: "2", handle: "x", variants: [] }] })]) {
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
