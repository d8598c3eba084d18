import { chanceOfAtLeast, CoPurchaseCounts, RANKING, scorePair } from "./co-purchase";
import type { bestSellerShop } from "./synthetic-shop";

/*
 * The ranking measures issue 18 names, side by side, so the bench can compare
 * them on a validation split (scripts/bench-recommend.ts; decision 0083 keeps
 * shrunk lift). Only the bench reads this file: the shop's own ranking is
 * co-purchase.ts' rankPartners. Pure: no I/O, no clock.
 */

/** A pair's evidence: orders holding both, the trigger, the partner, and all orders counted. */
export interface PairCounts {
  together: number;
  triggerOrders: number;
  partnerOrders: number;
  totalOrders: number;
}

export interface CandidateMeasure {
  name: string;
  /** The ranking score (higher first) and whether the pair may be shown at all. */
  score(p: PairCounts): { score: number; shown: boolean };
}

const expectedOf = (p: PairCounts) => (p.totalOrders > 0 ? (p.triggerOrders * p.partnerOrders) / p.totalOrders : 0);

const kLogK = (observed: number, expected: number) => (observed > 0 ? observed * Math.log(observed / expected) : 0);

/**
 * Dunning's log-likelihood ratio G² of the 2×2 table (trigger × partner,
 * present × absent): 2 Σ O·ln(O/E). Chi-squared with one degree of freedom
 * under independence; it grows with the evidence as well as the strength.
 */
export function logLikelihoodRatio(p: PairCounts): number {
  const { together: k11, triggerOrders: a, partnerOrders: b, totalOrders: n } = p;
  if (n <= 0) return 0;
  const k12 = a - k11;
  const k21 = b - k11;
  const k22 = n - a - b + k11;
  return (
    2 *
    (kLogK(k11, (a * b) / n) +
      kLogK(k12, (a * (n - b)) / n) +
      kLogK(k21, ((n - a) * b) / n) +
      kLogK(k22, ((n - a) * (n - b)) / n))
  );
}

/** 0083's filter: minimum support, more often than chance, and a chance of at most `maxChance` to see that many by luck. */
function passesChance(p: PairCounts, maxChance = RANKING.maxChance): boolean {
  const expected = expectedOf(p);
  return (
    p.together >= RANKING.minSupport && p.together > expected && chanceOfAtLeast(p.together, expected) <= maxChance
  );
}

/** χ²(1) critical values: 6.63 is p = 0.01 (two-sided), 3.84 is p = 0.05. */
const G2_AT_1_PERCENT = 6.63;
const G2_AT_5_PERCENT = 3.84;

/** The first is the shop's own measure (0083); each other one changes one thing. */
export const CANDIDATE_MEASURES: readonly CandidateMeasure[] = [
  {
    name: "shrunk lift (m 5), chance ≤ 0.01 [0083]",
    score: (p) => {
      const s = scorePair(p.together, p.triggerOrders, p.partnerOrders, p.totalOrders, RANKING.prior);
      return { score: s.score, shown: s.score > 1 && passesChance(p) };
    },
  },
  {
    name: "shrunk lift (m 5), no chance test",
    score: (p) => {
      const s = scorePair(p.together, p.triggerOrders, p.partnerOrders, p.totalOrders, RANKING.prior);
      return { score: s.score, shown: p.together >= RANKING.minSupport && s.score > 1 };
    },
  },
  {
    name: "G² ranked, G² ≥ 6.63 (p 0.01)",
    score: (p) => {
      const g = logLikelihoodRatio(p);
      return {
        score: g,
        shown: p.together >= RANKING.minSupport && p.together > expectedOf(p) && g >= G2_AT_1_PERCENT,
      };
    },
  },
  {
    name: "G² ranked, G² ≥ 3.84 (p 0.05)",
    score: (p) => {
      const g = logLikelihoodRatio(p);
      return {
        score: g,
        shown: p.together >= RANKING.minSupport && p.together > expectedOf(p) && g >= G2_AT_5_PERCENT,
      };
    },
  },
  {
    name: "G² ranked, chance ≤ 0.01",
    score: (p) => ({ score: logLikelihoodRatio(p), shown: passesChance(p) }),
  },
  {
    // Shrunk confidence (n + m·P(B)) / (n_A + m) minus P(B): confidence corrected for the partner's popularity.
    name: "shrunk confidence − P(B), chance ≤ 0.01",
    score: (p) => ({
      score: (p.together - expectedOf(p)) / (p.triggerOrders + RANKING.prior),
      shown: passesChance(p),
    }),
  },
  {
    name: "PMI × together, chance ≤ 0.01",
    score: (p) => ({ score: p.together * Math.log(p.together / expectedOf(p)), shown: passesChance(p) }),
  },
  {
    // P(B | A) without a popularity correction: the best predictor of a basket, and a best-seller list.
    name: "shrunk confidence, support only",
    score: (p) => ({
      score: (p.together + RANKING.prior * (p.partnerOrders / p.totalOrders)) / (p.triggerOrders + RANKING.prior),
      shown: p.together >= RANKING.minSupport,
    }),
  },
];

/**
 * A cart's top `limit` products under a measure: every partner of every cart
 * product that the measure shows, cart products left out, scores combined by
 * `max` (the best trigger's word, as one per-trigger list each merged) or
 * `sum` (evidence from several cart products adds up).
 */
export function recommendForCartBy(
  counts: CoPurchaseCounts,
  cart: ReadonlySet<string>,
  measure: CandidateMeasure,
  combine: "max" | "sum",
  limit: number,
): string[] {
  const combined = new Map<string, number>();
  for (const trigger of cart) {
    const triggerOrders = counts.productOrders.get(trigger) ?? 0;
    for (const [productId, together] of counts.partners.get(trigger) ?? []) {
      if (cart.has(productId)) continue;
      const s = measure.score({
        together,
        triggerOrders,
        partnerOrders: counts.productOrders.get(productId) ?? 0,
        totalOrders: counts.totalOrders,
      });
      if (!s.shown) continue;
      const before = combined.get(productId);
      combined.set(
        productId,
        before === undefined ? s.score : combine === "max" ? Math.max(before, s.score) : before + s.score,
      );
    }
  }
  return [...combined]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([id]) => id);
}

/**
 * 0083's guarantee, measured: in bestSellerShop (a best seller in half of all
 * orders, one planted pair; build them once for all measures), the most lists
 * of 200 the best seller tops in any of `shops`, and in how many the planted
 * partner ranks first.
 */
export function bestSellerGuarantee(
  measure: CandidateMeasure,
  shops: readonly ReturnType<typeof bestSellerShop>[],
): { worstListsTopped: number; plantedFirst: number } {
  let worstListsTopped = 0;
  let plantedFirst = 0;
  for (const shop of shops) {
    const first = (trigger: string) => recommendForCartBy(shop.counts, new Set([trigger]), measure, "max", 1)[0];
    if (first(shop.plantedTrigger) === shop.plantedPartner) plantedFirst++;
    let topped = 0;
    for (const trigger of shop.triggers) if (first(trigger) === shop.bestSeller) topped++;
    worstListsTopped = Math.max(worstListsTopped, topped);
  }
  return { worstListsTopped, plantedFirst };
}
