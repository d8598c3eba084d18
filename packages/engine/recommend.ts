import { applyDiscount } from "./money";
import { capAllows } from "./price-cap";
import type { CartSummary } from "./trigger";
import type { AutoProducts, Cart, Candidate, CompiledOffer, Discount, FunctionOffer, PresentedItem, ReasonCode, RecSource, Trigger } from "./types";

/*
 * Automatic cross-sells (decision record 0085): the products are chosen for
 * the shopper's trigger products at decision time, from the sources the
 * merchant ordered, under every rule a fixed offer obeys. Pure: the
 * storefront hands in what Shopify recommended (Cart.candidates, priced in
 * Cart.variants); the co-purchase lists come with the config.
 */

/** Recommendations are asked for at most this many trigger products: each is a request per Shopify source. */
export const MAX_ANCHORS = 2;
/** Per trigger product and source, enough to fill three places after exclusions. */
export const RECOMMENDATION_LIMIT = 6;

/** The one-letter wire codes of the sources, in REC_SOURCES order (wire.ts writes them). */
export const SOURCE_CODES: Record<RecSource, string> = { co_purchase: "c", shopify_complementary: "m", shopify_related: "r" };

function lineMatches(t: Trigger, l: { productId: string; variantId: string; collectionIds?: string[]; tags?: string[] }, map?: Record<string, string[]>): boolean {
  if (!t.products.length && !t.variants.length && !t.collections.length && !t.tags.length) return true;
  if (t.products.includes(l.productId) || t.variants.includes(l.variantId)) return true;
  for (const c of t.collections) if (l.collectionIds?.includes(c) || map?.[c]?.includes(l.productId)) return true;
  const tags = (l.tags ?? []).map((x) => x.toLowerCase());
  return t.tags.some((g) => tags.includes(g.toLowerCase()));
}

/**
 * The cart's products recommendations are asked for: the shopper's own
 * lines (never an offer's) that meet the trigger, in cart order (Shopify's
 * cart lists the newest first), each product once, at most MAX_ANCHORS.
 */
export function autoAnchors(o: Pick<CompiledOffer, "trigger">, f: Pick<CartSummary, "lines">, map?: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const l of f.lines) {
    if (out.length >= MAX_ANCHORS) break;
    if (!out.includes(l.productId) && lineMatches(o.trigger, l, map)) out.push(l.productId);
  }
  return out;
}

/** Whether an automatic offer never offers this product (by id, collection or tag). */
export function excluded(a: AutoProducts, productId: string, tags: readonly string[] | undefined, map?: Record<string, string[]>): boolean {
  if (a.excludeProducts.includes(productId)) return true;
  for (const c of a.excludeCollections) if (map?.[c]?.includes(productId)) return true;
  if (a.excludeTags.length && tags) {
    const own = tags.map((t) => t.toLowerCase());
    for (const t of a.excludeTags) if (own.includes(t.toLowerCase())) return true;
  }
  return false;
}

/**
 * The candidates in the order they are tried: by the merchant's source
 * order, then trigger product, then each source's own rank; each product
 * once (the first source to name it keeps it), never an excluded product,
 * nor one already in the cart on any line (which covers the trigger's other
 * variants: a product, not a variant, is what is recommended).
 */
export function autoCandidates(o: CompiledOffer, cart: Cart, f: Pick<CartSummary, "lines">, map?: Record<string, string[]>): Candidate[] {
  const a = o.auto;
  if (!a) return [];
  const anchors = autoAnchors(o, f, map);
  const inCart = new Set(cart.lines.map((l) => l.productId));
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const source of a.sources)
    for (const anchor of anchors) {
      const found: Candidate[] =
        source === "co_purchase"
          ? (a.coPurchase[anchor] ?? []).map((item) => ({ source, forProductId: anchor, item }))
          : (cart.candidates ?? []).filter((c) => c.source === source && c.forProductId === anchor);
      for (const c of found) {
        const id = c.item.productId;
        if (seen.has(id) || inCart.has(id) || !c.item.variantIds.length || excluded(a, id, c.tags, map)) continue;
        seen.add(id);
        out.push(c);
      }
    }
  return out;
}

export interface AutoPriced {
  items: PresentedItem[];
  increase: number;
  base: number;
  codes: ReasonCode[];
}

/**
 * Fills at most `max` places from the candidates, in order: a candidate
 * whose price is unknown stops the choice (PRICE_UNKNOWN: the surface
 * fetches prices and decides again, so the order never depends on what
 * happened to be cached); an unavailable one is skipped; one that would
 * take the added value over the cap is skipped, so a cheaper one after it
 * may still fit. The cap is judged on everything chosen together, at the
 * discounted price, against the shopper's own subtotal, as a fixed offer's.
 */
export function chooseAuto(o: CompiledOffer, cart: Cart, f: Pick<CartSummary, "lines" | "subtotal">, d: Discount, max: number, map?: Record<string, string[]>): AutoPriced {
  const out: AutoPriced = { items: [], increase: 0, base: f.subtotal, codes: [] };
  const candidates = autoCandidates(o, cart, f, map);
  let cheapestOver: number | undefined;
  let anyAvailable = false;
  for (const c of candidates) {
    if (out.items.length >= max) break;
    const first = c.item.variantIds[0] as string;
    const facts = cart.variants?.[first];
    if (!facts) return { ...out, items: [], increase: 0, codes: ["PRICE_UNKNOWN"] };
    if (!facts.available) continue;
    anyAvailable = true;
    const price = applyDiscount(facts.unitPrice, d, cart.rateMicros);
    if (!capAllows(out.increase + price, out.base, o.capBps)) {
      cheapestOver = Math.min(cheapestOver ?? price, price);
      continue;
    }
    out.items.push({ productId: c.item.productId, handle: c.item.handle, variantIds: c.item.variantIds, unitPrice: facts.unitPrice, discountedPrice: price, source: c.source, forProductId: c.forProductId });
    out.increase += price;
  }
  if (out.items.length) return out;
  if (cheapestOver !== undefined) return { ...out, increase: cheapestOver, codes: ["OVER_PRICE_CAP"] };
  return { ...out, codes: [candidates.length && !anyAvailable ? "UNAVAILABLE" : "NO_RECOMMENDATION"] };
}

/**
 * Whether an automatic offer's excluded collections or tags (decision 0096)
 * refuse a line, by the collections and tags its product is known to have
 * (the Function knows them through its query slots). Tags compare without
 * case, as the storefront's `excluded` compares them.
 */
export function excludedByMembership(a: NonNullable<FunctionOffer["auto"]>, collectionIds: readonly string[] | undefined, tags: readonly string[] | undefined): boolean {
  const xc = a.excludeCollections;
  if (xc && collectionIds) for (let i = 0; i < collectionIds.length; i++) if (xc.includes(collectionIds[i] as string)) return true;
  const xt = a.excludeTags;
  if (xt && xt.length && tags)
    for (let i = 0; i < tags.length; i++) {
      const t = (tags[i] as string).toLowerCase();
      for (let k = 0; k < xt.length; k++) if ((xt[k] as string).toLowerCase() === t) return true;
    }
  return false;
}

/**
 * The Function's side (decision record 0086): which of an automatic offer's
 * lines may carry its discount. Not an excluded product, not a product on
 * any of the shopper's own lines (a forged property on a second unit of the
 * trigger earns nothing), and the first three distinct products only (the
 * rule of three). Line i has variant `variants[i]` and numeric product
 * `products[i]` (undefined when unreadable, or when the line's product is in
 * an excluded collection or has an excluded tag, which the caller reads:
 * never offered, decision 0096). The cap and
 * every offer-wide rule are then judged as for any offer, on these lines.
 * Plain loops over arrays: the Function runs this under its instruction
 * budget, where a closure call costs about 1K Wasm instructions (0065).
 */
export function autoOfferedVariants(o: FunctionOffer, variants: readonly string[], products: readonly (string | undefined)[], shopperHas: Pick<Set<string>, "has">, max = 3): string[] {
  const a = o.auto;
  const out: string[] = [];
  if (!a) return out;
  const excluded = a.excludeProducts;
  const chosen: string[] = [];
  for (let i = 0; i < variants.length; i++) {
    const p = products[i];
    if (p === undefined || excluded.includes(p) || shopperHas.has(p)) continue;
    if (!chosen.includes(p)) {
      if (chosen.length >= max) continue;
      chosen.push(p);
    }
    const v = variants[i] as string;
    if (!out.includes(v)) out.push(v);
  }
  return out;
}
