import { applyDiscount } from "./money";
import { capAllows } from "./price-cap";
import { cartFacts, inSchedule, triggerMatches } from "./trigger";
import type { Cart, CartLine, FunctionConfig, LineVerdict } from "./types";

/**
 * The discount Function's question for one `_tactful_offer` line: is it
 * entitled to its discount right now? The line property can be forged, so
 * only the config is trusted:
 * - the offer must exist and be in schedule, and the line's variant must be one it offers;
 * - its trigger must be met by the shopper's own lines: lines carrying any
 *   offerId never count, so an offer line cannot unlock itself or another.
 *   For an UPSELL the swapped line is gone by design, so its discount holds
 *   only while another trigger line remains (decision record 0004);
 * - the discount is the configured one, or the A/B variant's override named
 *   by the line; an unknown variant id falls back to the offer's discount;
 * - the cap holds: every line of this offer together, discounted, vs the
 *   subtotal of the shopper's own lines.
 */
export function validateOfferLine(config: FunctionConfig, cart: Cart, line: CartLine, now: number): LineVerdict {
  const id = line.offerId;
  if (!id) return { entitled: false, code: "NO_OFFER_PROPERTY" };
  const o = config.offers.find((x) => x.id === id);
  if (!o) return { entitled: false, code: "UNKNOWN_OFFER" };
  if (!inSchedule(o, now)) return { entitled: false, code: "NOT_IN_SCHEDULE" };
  if (!o.offeredVariants.includes(line.variantId)) return { entitled: false, code: "NOT_AN_OFFERED_VARIANT" };
  const f = cartFacts(cart, line);
  if (!triggerMatches(o.trigger, f)) return { entitled: false, code: "TRIGGER_GONE" };
  const discount = (line.abVariantId !== undefined && o.variantDiscounts?.[line.abVariantId]) || o.discount;
  if (discount.kind === "NONE") return { entitled: false, code: "NO_DISCOUNT" };
  let added = 0;
  for (const l of cart.lines) {
    if (l.offerId === id && o.offeredVariants.includes(l.variantId)) added += applyDiscount(l.unitPrice, discount, cart.rateMicros) * Math.max(0, l.quantity);
  }
  if (!capAllows(added, f.subtotal, o.capBps)) return { entitled: false, code: "OVER_PRICE_CAP" };
  return { entitled: true, offerId: o.id, discount };
}
