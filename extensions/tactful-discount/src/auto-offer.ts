import { autoOfferedVariants, type FunctionOffer, type TriggerFacts } from "@tactful/engine";
import type { CartInput } from "../generated/api";
import type { OfferLine } from "./read-input";

const PRODUCT_GID = "gid://shopify/Product/";

/**
 * An automatic cross-sell as the Function judges it (decision record 0086):
 * its offered variants are those of its lines whose product the rule allows
 * (not excluded, not on the shopper's own lines, the first three products),
 * then it is judged as any offer, the cap included. The lines' products are
 * read from the input here, only for an automatic offer, so a cart without
 * one pays a single property read (offer lines carry no product: 0079).
 */
export function judgedOffer(o: FunctionOffer, lines: readonly OfferLine[], facts: TriggerFacts, input: CartInput["cart"]["lines"]): FunctionOffer {
  if (o.auto === undefined) return o;
  const productOf = new Map<string, string>();
  for (let i = 0; i < input.length; i++) {
    const l = input[i] as CartInput["cart"]["lines"][number];
    const m = l.m;
    if ("id" in m && m.p.id.startsWith(PRODUCT_GID)) productOf.set(l.id, m.p.id.slice(PRODUCT_GID.length));
  }
  const offeredVariants = autoOfferedVariants(
    o,
    lines.length,
    (i) => (lines[i] as OfferLine).variantId,
    (i) => productOf.get((lines[i] as OfferLine).key),
    (p) => facts.products.has(p),
  );
  return { ...o, offeredVariants };
}
