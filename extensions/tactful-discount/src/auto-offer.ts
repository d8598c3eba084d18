import { autoOfferedVariants, type FunctionOffer, type TriggerFacts } from "@tactful/engine";
import type { CartInput } from "../generated/api";
import type { OfferLine } from "./read-input";

const PRODUCT_GID = "gid://shopify/Product/";

/**
 * An automatic cross-sell as the Function judges it (decision record 0086):
 * its offered variants are those of its lines whose product the rule allows
 * (not excluded, not on the shopper's own lines, the first three products),
 * then it is judged as any offer, the cap included. Offer lines carry no
 * product (0079), so the products are read from the input here, only for an
 * automatic offer: the offer's lines are in cart order, so one walk beside
 * the input's lines finds each (a cart without such an offer pays one
 * property read per named offer).
 */
export function judgedOffer(o: FunctionOffer, lines: readonly OfferLine[], facts: TriggerFacts, input: CartInput["cart"]["lines"]): FunctionOffer {
  if (o.auto === undefined) return o;
  const variants: string[] = [];
  const products: (string | undefined)[] = [];
  let k = 0;
  for (let i = 0; i < input.length && k < lines.length; i++) {
    const l = input[i] as CartInput["cart"]["lines"][number];
    const line = lines[k] as OfferLine;
    if (l.id !== line.key) continue;
    k++;
    const gid = (l.m as { p?: { id: string } }).p?.id;
    variants.push(line.variantId);
    products.push(gid !== undefined && gid.startsWith(PRODUCT_GID) ? gid.slice(PRODUCT_GID.length) : undefined);
  }
  return { ...o, offeredVariants: autoOfferedVariants(o, variants, products, facts.products) };
}
