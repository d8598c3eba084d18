import { autoOfferedVariants, type FunctionOffer, type TriggerFacts } from "@tactful/engine";
import type { OfferLine } from "./read-input";

const PRODUCT_GID = "gid://shopify/Product/";

/**
 * An automatic cross-sell as the Function judges it (decision record 0086):
 * its offered variants are those of its lines whose product the rule allows
 * (not excluded, not on the shopper's own lines, the first three products),
 * then it is judged as any offer, the cap included. A fixed offer is
 * returned as it is, at the cost of one property read.
 */
export function judgedOffer(o: FunctionOffer, lines: readonly OfferLine[], facts: TriggerFacts): FunctionOffer {
  if (o.auto === undefined) return o;
  const offeredVariants = autoOfferedVariants(
    o,
    lines.length,
    (i) => (lines[i] as OfferLine).variantId,
    (i) => {
      const gid = (lines[i] as OfferLine).productGid;
      return gid.startsWith(PRODUCT_GID) ? gid.slice(PRODUCT_GID.length) : undefined;
    },
    (p) => facts.products.has(p),
  );
  return { ...o, offeredVariants };
}
