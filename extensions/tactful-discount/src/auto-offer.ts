import { autoOfferedVariants, type FunctionOffer, type TriggerFacts } from "@tactful/engine";
import type { CartInput } from "../generated/api";
import { askedOf, NONE_ASKED, type AskedSlot, type OfferLine, type SplitCart } from "./read-input";

const PRODUCT_GID = "gid://shopify/Product/";
/** No exclusions: one list for every run, none allocated. */
const NONE: readonly string[] = [];

/**
 * An automatic cross-sell as the Function judges it (decision record 0086):
 * its offered variants are those of its lines whose product the rule allows
 * (not excluded, not on the shopper's own lines, the first three products),
 * then it is judged as any offer, the cap included. Offer lines carry no
 * product (0079), so the products are read from the input here, only for an
 * automatic offer: the offer's lines are in cart order, so one walk beside
 * the input's lines finds each (a cart without such an offer pays one
 * property read per named offer). A line whose product answers yes to a
 * slot of an excluded collection or tag is never offered (0096): the slot
 * answers are already on every line, so the input does not grow.
 */
export function judgedOffer(o: FunctionOffer, lines: readonly OfferLine[], facts: TriggerFacts, input: CartInput["cart"]["lines"], cart: SplitCart): FunctionOffer {
  const a = o.auto;
  if (a === undefined) return o;
  /*
   * The input's answers (c0..t4 on a line's product) that exclude a line:
   * those of the slots asking about the excluded collections and tags (tags
   * without case, as the engine compares them). An exclusion without a slot
   * cannot be known, so no line is offered (fail closed).
   */
  const cs = a.excludeCollections ?? NONE;
  const ts = a.excludeTags ?? NONE;
  const excluded: AskedSlot["key"][] = [];
  // The config's slots are read only when an exclusion asks about them.
  const asked = cs.length + ts.length === 0 ? NONE_ASKED : askedOf(cart);
  for (let i = 0; i < cs.length + ts.length; i++) {
    const c = cs[i];
    const t = c === undefined ? (ts[i - cs.length] as string).toLowerCase() : undefined;
    let found = false;
    for (let k = 0; k < asked.length; k++) {
      const s = asked[k] as AskedSlot;
      if (c !== undefined ? s.collection === c : s.tag?.toLowerCase() === t) {
        excluded.push(s.key);
        found = true;
      }
    }
    if (!found) return { ...o, offeredVariants: [] };
  }
  // Without exclusions a line costs one more test than before them.
  const excluding = excluded.length !== 0;
  const variants: string[] = [];
  const products: (string | undefined)[] = [];
  let k = 0;
  for (let i = 0; i < input.length && k < lines.length; i++) {
    const l = input[i] as CartInput["cart"]["lines"][number];
    const line = lines[k] as OfferLine;
    if (l.id !== line.key) continue;
    k++;
    let gid = (l.m as { p?: { id: string } }).p?.id;
    // An excluded line reads as having no product: never offered, and not one of the three.
    if (excluding && gid !== undefined) for (let j = 0; j < excluded.length; j++) if ((l.m as { p: Record<string, unknown> }).p[excluded[j] as string]) gid = undefined;
    variants.push(line.variantId);
    products.push(gid === undefined || !gid.startsWith(PRODUCT_GID) ? undefined : gid.slice(PRODUCT_GID.length));
  }
  return { ...o, offeredVariants: autoOfferedVariants(o, variants, products, facts.products) };
}
