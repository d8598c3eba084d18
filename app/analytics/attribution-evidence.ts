import { z } from "zod";
import { numericId } from "@tactful/engine/shopify-id";

/*
 * What an order line or cart attribute may claim about an offer, from the
 * offer as the merchant saved it (issue 16). `_tactful_offer`,
 * `_tactful_variant` and `_tactful_ab` are written by the shopper's browser,
 * so a shopper can put them on anything: an order line counts for an offer
 * only when the offer is this shop's and the line's variant is one the offer
 * offered, and an A/B arm only when the offer has that arm. The line's price
 * then is Shopify's own price for an item the merchant chose to offer.
 */

/** The fields of a saved definition this check reads; lenient so offers saved under older schemas still count. */
const idList = z.array(z.union([z.string(), z.number()]).transform(String)).catch([]);
const offeredProduct = z.object({ variantIds: idList }).catch({ variantIds: [] });
const definitionEvidenceSchema = z.object({
  items: z.array(offeredProduct).catch([]).default([]),
  upgrades: z.array(z.object({ to: offeredProduct }).catch({ to: { variantIds: [] } })).catch([]).default([]),
  abVariants: z.array(z.object({ id: z.string() })).catch([]).default([]),
  holdoutBps: z.number().catch(0).default(0),
});

export interface OfferEvidence {
  /** Numeric variant ids the offer offered (cross-sell and bundle items, upsell targets). */
  offeredVariants: ReadonlySet<string>;
  /** A/B variant ids: what `_tactful_variant` may name. */
  abVariants: ReadonlySet<string>;
  /** Buckets `_tactful_ab` may name: "control" and the variant ids, "holdout", and "treated" for a holdout without variants. */
  arms: ReadonlySet<string>;
}

export function offerEvidence(definition: unknown): OfferEvidence {
  const d = definitionEvidenceSchema.parse(definition ?? {});
  const offeredVariants = new Set([...d.items, ...d.upgrades.map((u) => u.to)].flatMap((p) => p.variantIds.map(numericId)));
  const abVariants = new Set(d.abVariants.map((v) => v.id));
  const arms = new Set<string>(abVariants);
  if (abVariants.size) arms.add("control");
  if (d.holdoutBps > 0) {
    arms.add("holdout");
    if (!abVariants.size) arms.add("treated");
  }
  return { offeredVariants, abVariants, arms };
}

/** Why an order line's offer claim does not hold, or null when it does. */
export function lineClaimRejection(evidence: OfferEvidence | undefined, variantId: string | null): string | null {
  if (!evidence) return "offer is not this shop's";
  if (!variantId || !evidence.offeredVariants.has(numericId(variantId))) return "line's variant is not one the offer offered";
  return null;
}
