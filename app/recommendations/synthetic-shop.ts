import { CoPurchaseCounts, RANKING, type RankingOptions } from "./co-purchase";

/*
 * A synthetic shop's orders for the bench (scripts/bench-recommend.ts), its
 * test and the demo seed: a Zipf-like popularity skew, planted complementary
 * pairs and noise, from a seeded generator so every run sees the same orders.
 * Pure: no I/O, no clock.
 */

/** mulberry32: small, fast, and good enough for synthetic data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticShopOptions {
  seed: number;
  /** Product GIDs, most popular first. */
  productIds: readonly string[];
  orders: number;
  /** Complementary pairs [a, b]: an order with a also holds b with `complementRate` (and b brings a at half that rate). */
  plantedPairs: readonly (readonly [string, string])[];
  complementRate: number;
  /** Popularity of the product at rank r is 1 / r^zipf. */
  zipf: number;
  /** Share of orders' extra items drawn uniformly from the catalogue instead of by popularity. */
  noise: number;
}

export interface SyntheticOrder {
  /** Product ids in the order the shopper added them (duplicates possible: two variants of one product). */
  productIds: string[];
}

/** Orders of 1 to 5 items, most of one or two; each item's complement joins with its rate, extra items are drawn by popularity (or uniformly, for `noise`). */
export function syntheticOrders(options: SyntheticShopOptions): SyntheticOrder[] {
  const random = seededRandom(options.seed);
  const ids = options.productIds;
  const weights = ids.map((_, r) => 1 / (r + 1) ** options.zipf);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  const byPopularity = () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return ids[lo] as string;
  };
  const uniform = () => ids[Math.floor(random() * ids.length)] as string;
  const complement = new Map<string, { partner: string; rate: number }[]>();
  for (const [a, b] of options.plantedPairs) {
    complement.set(a, [...(complement.get(a) ?? []), { partner: b, rate: options.complementRate }]);
    complement.set(b, [...(complement.get(b) ?? []), { partner: a, rate: options.complementRate / 2 }]);
  }
  const SIZES = [0.4, 0.3, 0.15, 0.1, 0.05];
  const orders: SyntheticOrder[] = [];
  for (let o = 0; o < options.orders; o++) {
    let u = random();
    let size = 1;
    for (const p of SIZES) {
      if (u < p) break;
      u -= p;
      size++;
    }
    const items: string[] = [];
    for (let i = 0; i < size; i++) {
      const item = random() < options.noise ? uniform() : byPopularity();
      items.push(item);
      for (const c of complement.get(item) ?? []) if (random() < c.rate) items.push(c.partner);
    }
    orders.push({ productIds: items });
  }
  return orders;
}

/** The bench's catalogue: `count` product GIDs and `pairs` planted pairs among products of middling and low popularity (ranks 10 and beyond), each product in at most one pair. */
export function syntheticCatalogue(
  seed: number,
  count: number,
  pairs: number,
): { productIds: string[]; plantedPairs: [string, string][] } {
  const random = seededRandom(seed ^ 0x5eed);
  const productIds = Array.from({ length: count }, (_, i) => `gid://shopify/Product/${7_000_000 + i}`);
  const pool = productIds.slice(10);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  const plantedPairs: [string, string][] = [];
  for (let i = 0; i + 1 < pool.length && plantedPairs.length < pairs; i += 2)
    plantedPairs.push([pool[i] as string, pool[i + 1] as string]);
  return { productIds, plantedPairs };
}

export interface Evaluation {
  /** Held-out orders with two or more distinct products: one query each. */
  queries: number;
  precisionAt3: number;
  hitRateAt3: number;
  baselinePrecisionAt3: number;
  baselineHitRateAt3: number;
  /** Queries where co-purchase had fewer than three products to offer. */
  shortLists: number;
  /**
   * Share of queries whose hidden product is a planted complement of a cart
   * product (when the planted pairs are given): on this generator everything
   * else is bought independently of the cart, so no measure that corrects for
   * popularity can expect to hit more than this.
   */
  plantedCeiling?: number;
}

export interface HideOneExtras {
  /** The cart's top products; recommendForCart with `options` when absent. */
  recommend?: (cart: ReadonlySet<string>) => string[];
  /** The generator's planted pairs, for `plantedCeiling`. */
  plantedPairs?: readonly (readonly [string, string])[];
}

/**
 * Hide-one evaluation (decision 0083): for each held-out order with at least
 * two distinct products, one of them, chosen by the seeded generator, is
 * hidden; the rest is the cart. Co-purchase ranks every product paired with a
 * cart product by its best score from any of them (cart products excluded)
 * and keeps three; the baseline keeps the three best sellers of the training
 * orders not in the cart. A hit is the hidden product among the three.
 * precision@3 = hits / 3 per query, averaged (so, with one hidden product,
 * hit-rate@3 / 3); hit-rate@3 = share of queries with a hit. A short list
 * still divides by 3: an empty slot is a miss, never filled from the baseline.
 */
export function evaluateHideOne(
  counts: CoPurchaseCounts,
  heldOut: readonly SyntheticOrder[],
  seed: number,
  options: RankingOptions = RANKING,
  extras: HideOneExtras = {},
): Evaluation {
  const random = seededRandom(seed ^ 0xe7a1);
  const best = counts.bestSellers();
  const complements = new Map<string, Set<string>>();
  for (const [a, b] of extras.plantedPairs ?? []) {
    complements.set(a, (complements.get(a) ?? new Set()).add(b));
    complements.set(b, (complements.get(b) ?? new Set()).add(a));
  }
  let planted = 0;
  let queries = 0;
  let hits = 0;
  let baselineHits = 0;
  let shortLists = 0;
  for (const order of heldOut) {
    const distinct = [...new Set(order.productIds)];
    if (distinct.length < 2) continue;
    queries++;
    const hidden = distinct[Math.floor(random() * distinct.length)] as string;
    const cart = new Set(distinct.filter((id) => id !== hidden));
    for (const id of cart)
      if (complements.get(id)?.has(hidden)) {
        planted++;
        break;
      }
    const top = extras.recommend ? extras.recommend(cart).slice(0, 3) : recommendForCart(counts, cart, 3, options);
    if (top.length < 3) shortLists++;
    if (top.includes(hidden)) hits++;
    const baseline: string[] = [];
    for (const id of best) {
      if (baseline.length === 3) break;
      if (!cart.has(id)) baseline.push(id);
    }
    if (baseline.includes(hidden)) baselineHits++;
  }
  const q = Math.max(1, queries);
  return {
    queries,
    precisionAt3: hits / 3 / q,
    hitRateAt3: hits / q,
    baselinePrecisionAt3: baselineHits / 3 / q,
    baselineHitRateAt3: baselineHits / q,
    shortLists,
    ...(extras.plantedPairs ? { plantedCeiling: planted / q } : {}),
  };
}

/** Products for a cart of several products: each candidate's best score from any cart product, cart products left out. */
export function recommendForCart(
  counts: CoPurchaseCounts,
  cart: ReadonlySet<string>,
  limit: number,
  options: RankingOptions = RANKING,
): string[] {
  const best = new Map<string, number>();
  for (const trigger of cart) {
    for (const r of counts.recommend(trigger, { ...options, exclude: cart }))
      best.set(r.productId, Math.max(best.get(r.productId) ?? 0, r.score));
  }
  return [...best]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([id]) => id);
}

/**
 * 0083's adversarial shop (its test and the bench's guarantee column): 6,000
 * orders of one of 200 products drawn uniformly, a best seller added to half
 * of them, a second uniform product to 30%, and one planted pair (product 7
 * brings product 8 in half of its orders).
 */
export function bestSellerShop(seed: number): {
  counts: CoPurchaseCounts;
  bestSeller: string;
  triggers: string[];
  plantedTrigger: string;
  plantedPartner: string;
} {
  const P = (n: number) => `gid://shopify/Product/${n}`;
  const random = seededRandom(seed);
  const counts = new CoPurchaseCounts();
  const bestSeller = P(999);
  for (let o = 0; o < 6000; o++) {
    const items = [P(1 + Math.floor(random() * 200))];
    if (random() < 0.5) items.push(bestSeller);
    if (items[0] === P(7) && random() < 0.5) items.push(P(8));
    if (random() < 0.3) items.push(P(1 + Math.floor(random() * 200)));
    counts.addOrder(items);
  }
  return {
    counts,
    bestSeller,
    triggers: Array.from({ length: 200 }, (_, i) => P(i + 1)),
    plantedTrigger: P(7),
    plantedPartner: P(8),
  };
}
