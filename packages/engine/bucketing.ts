import type { AbVariant, CompiledOffer } from "./types";

/** FNV-1a, 32 bit: tiny, fast, and the same in every JS runtime (storefront, Function, server). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** 0..9999, stable for a visitor and an offer across pages, sessions and surfaces. */
export function bucketOf(visitorId: string, offerId: string): number {
  return fnv1a(visitorId + ":" + offerId) % 10000;
}

export type Assignment = { holdout: true } | { holdout: false; variant?: AbVariant; index: number };

/**
 * Holdout first (bucket < holdoutBps), then the remaining buckets are spread
 * over the variants by weight. One hash drives both so adding a holdout does
 * not reshuffle who is in which variant more than necessary.
 */
const NOT_IN_TEST: Assignment = { holdout: false, index: -1 };

export function assign(offer: CompiledOffer, visitorId: string): Assignment {
  const hold = Math.max(0, Math.min(10000, offer.holdoutBps));
  // No holdout and no variants: nothing to bucket, skip the hash.
  if (!hold && !offer.abVariants.length) return NOT_IN_TEST;
  const b = bucketOf(visitorId, offer.id);
  if (b < hold) return { holdout: true };
  const vs = offer.abVariants;
  let total = 0;
  for (const v of vs) total += Math.max(0, v.weight);
  if (!vs.length || total <= 0) return NOT_IN_TEST;
  // position in [0, total): (b - hold) / (10000 - hold) scaled, integer only
  const pos = (b - hold) * total;
  const span = 10000 - hold;
  let acc = 0;
  for (let i = 0; i < vs.length; i++) {
    const v = vs[i] as AbVariant;
    acc += Math.max(0, v.weight);
    if (pos < acc * span) return { holdout: false, variant: v, index: i };
  }
  return { holdout: false, variant: vs[vs.length - 1], index: vs.length - 1 };
}
