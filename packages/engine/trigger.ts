import type { Cart, CartLine, EpochMs, Trigger } from "./types";

/**
 * What the cart holds, computed once per decision. Lines carrying an offerId
 * were put there by an offer; they never count as triggers, otherwise an
 * accepted (or forged) offer line could unlock itself or another offer.
 */
export interface CartSummary {
  products: Set<string>;
  variants: Set<string>;
  collections: Set<string>;
  tags: Set<string>;
  /** Subtotal and item count of the shopper's own lines (no offer lines), presentment minor units. */
  subtotal: number;
  items: number;
  lines: CartLine[];
  /** Shopper lines by variant id and by product id, so upsell swaps are found without scanning. */
  byVariant: Map<string, CartLine[]>;
  byProduct: Map<string, CartLine[]>;
}

/**
 * The facts the offer rules read (triggers, bounds, cap). The Function
 * computes them in one pass over its input without building a CartLine per
 * shopper line, and its sets then hold only the ids its named offers ask
 * about (decision 0065); `lines` needs only its length there.
 */
export type TriggerFacts = Pick<CartSummary, "collections" | "tags" | "subtotal" | "items"> & {
  products: Pick<Set<string>, "has">;
  variants: Pick<Set<string>, "has">;
  lines: { length: number };
};

function push(m: Map<string, CartLine[]>, k: string, l: CartLine) {
  const a = m.get(k);
  if (a) a.push(l);
  else m.set(k, [l]);
}

export function summarizeCart(cart: Cart, skip?: CartLine): CartSummary {
  const f: CartSummary = {
    products: new Set(),
    variants: new Set(),
    collections: new Set(),
    tags: new Set(),
    subtotal: 0,
    items: 0,
    lines: [],
    byVariant: new Map(),
    byProduct: new Map(),
  };
  for (const l of cart.lines) {
    if (l.offerId || l === skip || l.quantity <= 0) continue;
    f.lines.push(l);
    push(f.byVariant, l.variantId, l);
    push(f.byProduct, l.productId, l);
    f.products.add(l.productId);
    f.variants.add(l.variantId);
    for (const c of l.collectionIds ?? []) f.collections.add(c);
    for (const t of l.tags ?? []) f.tags.add(t.toLowerCase());
    f.subtotal += l.unitPrice * l.quantity;
    f.items += l.quantity;
  }
  return f;
}

/** Every value a cart line may carry that offer config also names: variant ids of any line, offer ids of offer lines. */
export function inCart(cart: Cart): { variants: Set<string>; offers: Set<string> } {
  const variants = new Set<string>();
  const offers = new Set<string>();
  for (const l of cart.lines) {
    variants.add(l.variantId);
    if (l.offerId) offers.add(l.offerId);
  }
  return { variants, offers };
}

function hasCollection(c: string, f: TriggerFacts, map?: Record<string, string[]>): boolean {
  if (f.collections.has(c)) return true;
  const ps = map?.[c];
  if (Array.isArray(ps)) for (const p of ps) if (f.products.has(p)) return true;
  return false;
}

/**
 * ANY: one listed product/variant/collection/tag in the cart is enough.
 * ALL: every listed one must be present. With nothing listed, any non-empty
 * cart qualifies (a cart-value trigger); an empty cart never does.
 */
export function triggerMatches(t: Trigger | Pick<Trigger, "match" | "products" | "variants" | "collections" | "tags">, f: TriggerFacts, map?: Record<string, string[]>): boolean {
  if (!f.lines.length) return false;
  const all = t.match === "ALL";
  let listed = false;
  // Early exit: ANY stops at the first hit, ALL at the first miss.
  for (const p of t.products) if (((listed = true), f.products.has(p) !== all)) return !all;
  for (const v of t.variants) if (((listed = true), f.variants.has(v) !== all)) return !all;
  for (const c of t.collections) if (((listed = true), hasCollection(c, f, map) !== all)) return !all;
  for (const g of t.tags) if (((listed = true), f.tags.has(g.toLowerCase()) !== all)) return !all;
  return all || !listed;
}

/** Converted bounds are compared in presentment currency; `conv` turns shop minor units into it. */
export function subtotalInRange(t: Trigger, f: TriggerFacts, conv: (n: number) => number): boolean {
  return (t.subtotalMin === undefined || f.subtotal >= conv(t.subtotalMin)) && (t.subtotalMax === undefined || f.subtotal <= conv(t.subtotalMax));
}

export function itemsInRange(t: Trigger, f: TriggerFacts): boolean {
  return (t.itemsMin === undefined || f.items >= t.itemsMin) && (t.itemsMax === undefined || f.items <= t.itemsMax);
}

/** [startsAt, endsAt): inclusive start, exclusive end. */
export function inSchedule(o: { startsAt?: EpochMs; endsAt?: EpochMs }, now: EpochMs): boolean {
  return (o.startsAt === undefined || now >= o.startsAt) && (o.endsAt === undefined || now < o.endsAt);
}
