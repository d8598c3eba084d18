/*
 * Co-purchase statistics mined from a shop's orders (issue 18, decision 0083).
 * Pure: no I/O, no clock. The same counts and the same ranking serve the
 * storage (co-purchase-store.server.ts folds them into the database), the
 * bench (scripts/bench-recommend.ts) and the demo seed.
 *
 * Everything works on PRODUCT ids: an order of two sizes of one shirt is one
 * shirt, so a product is never recommended for itself or its own variants.
 */

import { erfc } from "../analytics/stats";

export interface MiningLimits {
  /** An order with more distinct products is left out whole: a wholesale or staff order says little about what goes together and would cost n²/2 pairs. */
  maxBasket: number;
  /** Distinct products kept per shop; past it the least-ordered go, with their pairs. */
  maxProducts: number;
  /** Distinct pairs kept per shop; past it the rarest go (see prune). */
  maxPairs: number;
}

export const MINING_LIMITS: MiningLimits = { maxBasket: 20, maxProducts: 10_000, maxPairs: 200_000 };

export interface RankingOptions {
  /** Orders holding both products needed before a pair is shown at all. */
  minSupport: number;
  /** Pseudo-orders of "no association" every pair starts with: small evidence is pulled towards lift 1. */
  prior: number;
  /**
   * The most a pair's count may be explained by chance: the one-sided Poisson
   * probability of seeing `together` or more when `expected` is the mean. A
   * best seller that turns up with a trigger a little more often than its own
   * rate, by the luck of a few orders, is not a recommendation.
   */
  maxChance: number;
  /** Products never returned (the cart's products, merchant exclusions). */
  exclude?: ReadonlySet<string>;
  limit?: number;
}

export const RANKING: RankingOptions = { minSupport: 3, prior: 5, maxChance: 0.01 };

/** The evidence for one (trigger, partner) pair and what it scores. */
export interface PairScore {
  productId: string;
  /** Orders holding both. */
  together: number;
  /** Orders holding the trigger. */
  triggerOrders: number;
  /** Orders holding the partner. */
  partnerOrders: number;
  /** Orders counted in all. */
  totalOrders: number;
  /** Orders expected to hold both if the two were bought independently. */
  expected: number;
  /** together / expected: "N× more often than chance". */
  lift: number;
  /** The ranking measure: lift shrunk towards 1 by `prior` pseudo-orders. */
  score: number;
}

/**
 * Shrunk lift: (together + m) / (expected + m). With little evidence it stays
 * near 1, so one order of two rare products cannot top a list; a best seller
 * bought with everything at its own rate has expected ≈ together, so it scores
 * ≈ 1 however often it co-occurs (decision 0083).
 */
export function scorePair(
  together: number,
  triggerOrders: number,
  partnerOrders: number,
  totalOrders: number,
  prior: number,
): { expected: number; lift: number; score: number } {
  const expected = totalOrders > 0 ? (triggerOrders * partnerOrders) / totalOrders : 0;
  const lift = expected > 0 ? together / expected : 0;
  return { expected, lift, score: (together + prior) / (expected + prior) };
}

export interface PartnerCount {
  productId: string;
  together: number;
  partnerOrders: number;
}

/**
 * The partners of one trigger, best first: at least `minSupport` orders
 * together, more often than chance (shrunk lift over 1, and a chance of at
 * most `maxChance` to see that many by luck), not the trigger, not excluded.
 * Ties go to the larger support, then the product id, so the order is stable.
 */
export function rankPartners(
  triggerId: string,
  triggerOrders: number,
  totalOrders: number,
  partners: Iterable<PartnerCount>,
  options: RankingOptions = RANKING,
): PairScore[] {
  const out: PairScore[] = [];
  for (const p of partners) {
    if (p.productId === triggerId || p.together < options.minSupport || options.exclude?.has(p.productId)) continue;
    const s = scorePair(p.together, triggerOrders, p.partnerOrders, totalOrders, options.prior);
    if (s.score <= 1 || chanceOfAtLeast(p.together, s.expected) > options.maxChance) continue;
    out.push({
      productId: p.productId,
      together: p.together,
      triggerOrders,
      partnerOrders: p.partnerOrders,
      totalOrders,
      ...s,
    });
  }
  out.sort(
    (a, b) =>
      b.score - a.score ||
      b.together - a.together ||
      (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0),
  );
  return options.limit === undefined ? out : out.slice(0, options.limit);
}

/**
 * P(X ≥ k) for X ~ Poisson(mean): exact below a mean of 50, the normal
 * approximation with continuity correction above (where e^-mean would
 * underflow and the approximation is close).
 */
export function chanceOfAtLeast(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  if (mean > 50) {
    const z = (k - 0.5 - mean) / Math.sqrt(mean);
    return 0.5 * erfc(z / Math.SQRT2);
  }
  let term = Math.exp(-mean);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= mean / i;
    below += term;
    if (term < 1e-300) break;
  }
  return Math.max(0, 1 - below);
}


/** The distinct products of one order, sorted; null when it holds none or more than `maxBasket`. */
export function basketOf(
  productIds: Iterable<string | null | undefined>,
  limits: Pick<MiningLimits, "maxBasket"> = MINING_LIMITS,
): string[] | null {
  const set = new Set<string>();
  for (const id of productIds) if (id) set.add(id);
  if (set.size === 0 || set.size > limits.maxBasket) return null;
  return [...set].sort();
}

/**
 * Incremental counts for one shop: orders, orders per product, orders per
 * pair (both directions, so a trigger's partners are one lookup). Memory is
 * bounded by `limits`; see prune() for what goes when a bound is reached.
 */
export class CoPurchaseCounts {
  totalOrders = 0;
  readonly productOrders = new Map<string, number>();
  readonly partners = new Map<string, Map<string, number>>();
  private pairCount = 0;
  /** The highest pair count pruning has dropped: a pair at or below it may be under-counted. */
  prunedPairsUpTo = 0;

  constructor(readonly limits: MiningLimits = MINING_LIMITS) {}

  get pairs(): number {
    return this.pairCount;
  }

  /** Counts one order; false when its basket was left out (empty or over maxBasket). Product ids repeat freely: each counts once. */
  addOrder(productIds: Iterable<string | null | undefined>): boolean {
    const basket = basketOf(productIds, this.limits);
    if (!basket) return false;
    this.addBasket(basket);
    return true;
  }

  /** A basket from basketOf (distinct product ids). */
  addBasket(basket: readonly string[], times = 1): void {
    this.totalOrders += times;
    for (const id of basket) this.productOrders.set(id, (this.productOrders.get(id) ?? 0) + times);
    for (let i = 0; i < basket.length; i++) {
      for (let j = i + 1; j < basket.length; j++) this.addPair(basket[i] as string, basket[j] as string, times);
    }
    if (this.productOrders.size > this.limits.maxProducts || this.pairCount > this.limits.maxPairs) this.prune();
  }

  /** Adds a stored pair count (both directions). */
  addPair(a: string, b: string, times: number): void {
    if (a === b) return;
    if (this.bump(a, b, times)) this.pairCount++;
    this.bump(b, a, times);
  }

  private bump(from: string, to: string, times: number): boolean {
    let m = this.partners.get(from);
    if (!m) this.partners.set(from, (m = new Map()));
    const before = m.get(to);
    m.set(to, (before ?? 0) + times);
    return before === undefined;
  }

  together(a: string, b: string): number {
    return this.partners.get(a)?.get(b) ?? 0;
  }

  /** A trigger's partners, ranked (rankPartners). */
  recommend(triggerId: string, options: RankingOptions = RANKING): PairScore[] {
    const triggerOrders = this.productOrders.get(triggerId) ?? 0;
    const m = this.partners.get(triggerId);
    if (!m || triggerOrders === 0) return [];
    const partners = [...m].map(([productId, together]) => ({
      productId,
      together,
      partnerOrders: this.productOrders.get(productId) ?? 0,
    }));
    return rankPartners(triggerId, triggerOrders, this.totalOrders, partners, options);
  }

  /** Best sellers: products by orders, most first (the bench's baseline). */
  bestSellers(): string[] {
    return [...this.productOrders].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  }

  /**
   * Brings the counts back under their bounds, keeping the evidence that can
   * still matter:
   * - products over maxProducts: the least-ordered go, with every pair they
   *   are in, down to 90% of the bound;
   * - pairs over maxPairs: every pair at the lowest counts goes (whole count
   *   levels, so ties are treated alike) until at most 80% of the bound is
   *   left. A pair needs minSupport orders to be shown, and the pairs dropped
   *   are the ones with the least; the level reached is kept in
   *   prunedPairsUpTo.
   * Headroom (90%, 80%) makes pruning rare: it runs once per many orders, not on every one.
   */
  prune(): void {
    if (this.productOrders.size > this.limits.maxProducts) {
      const keep = Math.floor(this.limits.maxProducts * 0.9);
      const drop = [...this.productOrders]
        .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, this.productOrders.size - keep);
      for (const [id] of drop) {
        this.productOrders.delete(id);
        const m = this.partners.get(id);
        if (!m) continue;
        for (const other of m.keys()) {
          this.partners.get(other)?.delete(id);
          this.pairCount--;
        }
        this.partners.delete(id);
      }
    }
    if (this.pairCount > this.limits.maxPairs) {
      const target = Math.floor(this.limits.maxPairs * 0.8);
      const histogram = new Map<number, number>();
      for (const [a, m] of this.partners)
        for (const [b, n] of m) if (a < b) histogram.set(n, (histogram.get(n) ?? 0) + 1);
      const levels = [...histogram].sort((x, y) => x[0] - y[0]);
      let remaining = this.pairCount;
      let upTo = 0;
      for (const [level, pairs] of levels) {
        if (remaining <= target) break;
        remaining -= pairs;
        upTo = level;
      }
      for (const [a, m] of this.partners) {
        for (const [b, n] of m) if (n <= upTo) m.delete(b);
        if (m.size === 0) this.partners.delete(a);
      }
      this.pairCount = remaining;
      this.prunedPairsUpTo = Math.max(this.prunedPairsUpTo, upTo);
    }
  }
}

/** Pair-count threshold that brings `counts` (one entry per pair, any order) to at most `target` pairs, dropping whole count levels from the bottom; 0 when nothing needs to go. */
export function pruneLevel(counts: readonly number[], target: number): number {
  if (counts.length <= target) return 0;
  const sorted = [...counts].sort((a, b) => a - b);
  // Drop everything at or below the count of the (n - target)-th smallest: whole levels.
  return sorted[sorted.length - target - 1] as number;
}
