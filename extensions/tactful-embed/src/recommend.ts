import { autoAnchors, autoCandidates, chooseAuto, RECOMMENDATION_LIMIT, summarizeCart } from "@tactful/engine";
import type { Cart, CompiledOffer } from "@tactful/engine/types";
import { ajax, pricesAndStock } from "./ajax";
import type { AjaxProduct } from "./types";

/*
 * What only automatic cross-sells need (decision record 0085), in the cart
 * chunk so that shops without them never download it: the engine's chooser
 * and Shopify's recommendations, fetched from the storefront's own
 * `{routes.root}recommendations/products.json` in the shopper's market and
 * language, only at decision time, once per product and intent per page.
 * Any failure, a malformed answer or no answer within RECOMMEND_WAIT_MS is
 * an empty list: that source recommends nothing, and the cart is untouched.
 */

export const RECOMMEND_WAIT_MS = 2500;

type Collections = Record<string, string[]> | undefined;

export interface Recommender {
  choose: typeof chooseAuto;
  /** The handles of the co-purchase products an automatic offer would try, whose prices the cap needs. */
  handles(o: CompiledOffer, cart: Cart, collections: Collections): string[];
  /** Adds Shopify's recommendations for the offer's trigger products to the cart's candidates, with their prices. Never rejects. */
  fill(o: CompiledOffer, cart: Cart, collections: Collections, inv?: Record<string, number>): Promise<void>;
}

const INTENT = { shopify_complementary: "complementary", shopify_related: "related" } as const;

/**
 * The answer's products that have what the popup and the chooser read, in
 * the Ajax product JSON's shape (shopify.dev Product Recommendations API):
 * prices integers in hundredths, tags a list (the exclusions read them: a
 * product without them is dropped, not offered). Anything else is dropped.
 */
const usable = (x: unknown): AjaxProduct[] =>
  Array.isArray((x as { products?: unknown })?.products)
    ? (x as { products: AjaxProduct[] }).products.filter(
        (p) => typeof p?.id == "number" && typeof p.handle == "string" && Array.isArray(p.tags) && Array.isArray(p.variants) && p.variants.every((v) => typeof v?.id == "number" && Number.isInteger(v.price) && v.price >= 0),
      )
    : [];

export function recommender(root: string): Recommender {
  const cache = new Map<string, Promise<AjaxProduct[]>>();
  const products = (id: string, intent: string) => {
    const key = intent + id;
    let p = cache.get(key);
    if (!p)
      cache.set(
        key,
        (p = Promise.race([
          ajax(root + "recommendations/products.json?product_id=" + id + "&limit=" + RECOMMENDATION_LIMIT + "&intent=" + intent).then(usable),
          new Promise<AjaxProduct[]>((ok) => setTimeout(ok, RECOMMEND_WAIT_MS, [])),
        ]).catch(() => [])),
      );
    return p;
  };
  return {
    choose: chooseAuto,
    handles: (o, cart, collections) => autoCandidates(o, cart, summarizeCart(cart), collections).map((c) => c.item.handle),
    async fill(o, cart, collections, inv) {
      const asked: Promise<void>[] = [];
      const found = (cart.candidates ??= []);
      const prices = (cart.variants ??= {});
      for (const p of autoAnchors(o, summarizeCart(cart), collections))
        for (const source of o.auto?.sources ?? [])
          if (source != "co_purchase")
            asked.push(
              products(p, INTENT[source]).then((list) => {
                for (const r of list) {
                  if (found.some((c) => c.source == source && c.forProductId == p && c.item.productId == String(r.id))) continue;
                  found.push({ source, forProductId: p, tags: r.tags, item: { productId: String(r.id), handle: r.handle, variantIds: r.variants.filter((v) => v.available).map((v) => String(v.id)) } });
                  Object.assign(prices, pricesAndStock(r, inv));
                }
              }),
            );
      await Promise.all(asked);
    },
  };
}
