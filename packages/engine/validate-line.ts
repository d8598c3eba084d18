import { applyDiscount, convert } from "./money";
import { capAllows } from "./price-cap";
import { summarizeCart, inSchedule, itemsInRange, subtotalInRange, triggerMatches, type TriggerFacts } from "./trigger";
import type { FunctionOfferIndex } from "./wire";
import type { Cart, CartLine, Discount, EntitlementCode, EpochMs, FunctionConfig, FunctionOffer, LineVerdict, ShopDate } from "./types";

/*
 * The discount Function's question for `_tactful_offer` lines: is each one
 * entitled to its discount right now? Line properties can be forged, so only
 * the config is trusted, and every rule the Function can see is enforced
 * (decision records 0004, 0055, 0056):
 * - the offer must exist and be in schedule, and the line's variant must be one it offers;
 * - its trigger, cart-value and item-count bounds must be met by the shopper's
 *   own lines: lines carrying any offerId never count, so an offer line cannot
 *   unlock itself or another. For an UPSELL the swapped line is gone by design,
 *   so its discount holds only while another trigger line remains;
 * - a BUNDLE's discount holds only while every one of its items is in the cart
 *   on a line of this offer;
 * - the discount is the configured one, or the A/B variant's override named
 *   by the line; an unknown variant id falls back to the offer's discount;
 * - the cap holds for every line of this offer together, whatever arms they
 *   claim: each line is counted at the smallest reduction any of those arms
 *   gives it, vs the subtotal of the shopper's own lines.
 * Segment rules (customer, tags, history, country, market, locale) are not
 * here: the Function's input does not carry them (decision record 0056).
 */

/** The discount a line's claimed A/B arm gives, else the offer's. */
const armDiscount = (o: FunctionOffer, l: CartLine): Discount => (l.abVariantId !== undefined && o.variantDiscounts?.[l.abVariantId]) || o.discount;

/** Days from the shop's calendar, inclusive start and exclusive end; legacy epoch bounds must hold across the whole date. */
export function inShopSchedule(o: FunctionOffer, when: ShopDate): boolean {
  return (
    (o.startDay === undefined || when.day >= o.startDay) &&
    (o.endDay === undefined || when.day < o.endDay) &&
    inSchedule(o, when.earliest) &&
    inSchedule(o, when.latest)
  );
}

/** Offer-wide rules, judged once per offer: null when they hold. `lines` are this offer's lines. */
function offerCode(o: FunctionOffer, rateMicros: number, f: TriggerFacts, lines: CartLine[], when: ShopDate): EntitlementCode | null {
  if (!inShopSchedule(o, when)) return "NOT_IN_SCHEDULE";
  if (!triggerMatches(o.trigger, f)) return "TRIGGER_GONE";
  if (!subtotalInRange(o.trigger, f, (n) => convert(n, rateMicros))) return "SUBTOTAL_OUT_OF_RANGE";
  if (!itemsInRange(o.trigger, f)) return "ITEM_COUNT_OUT_OF_RANGE";
  // Plain loops: the Function judges under an instruction budget, where each closure or iterator costs about 1K Wasm instructions (decision 0065).
  const held: CartLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as CartLine;
    if (l.quantity > 0 && o.offeredVariants.includes(l.variantId)) held.push(l);
  }
  const bundle = o.bundle;
  if (bundle)
    for (let k = 0; k < bundle.length; k++) {
      const item = bundle[k] as string[];
      let there = false;
      for (let i = 0; i < held.length && !there; i++) there = item.includes((held[i] as CartLine).variantId);
      if (!there) return "BUNDLE_INCOMPLETE";
    }
  // The distinct discounts the held lines claim (by identity, as a Set keeps them).
  const arms: Discount[] = [];
  for (let i = 0; i < held.length; i++) {
    const d = armDiscount(o, held[i] as CartLine);
    if (arms.indexOf(d) < 0) arms.push(d);
  }
  let added = 0;
  for (let i = 0; i < held.length; i++) {
    const l = held[i] as CartLine;
    let most = 0;
    for (let k = 0; k < arms.length; k++) most = Math.max(most, applyDiscount(l.unitPrice, arms[k] as Discount, rateMicros));
    added += most * l.quantity;
  }
  return capAllows(added, f.subtotal, o.capBps) ? null : "OVER_PRICE_CAP";
}

function lineVerdict(o: FunctionOffer, line: CartLine, code: EntitlementCode | null): LineVerdict {
  if (!o.offeredVariants.includes(line.variantId)) return { entitled: false, code: "NOT_AN_OFFERED_VARIANT" };
  if (code) return { entitled: false, code };
  const discount = armDiscount(o, line);
  return discount.kind === "NONE" ? { entitled: false, code: "NO_DISCOUNT" } : { entitled: true, offerId: o.id, discount };
}

/** The verdict for one line at one instant; `day` (the shop's calendar day) is needed for day-based schedules. */
export function validateOfferLine(config: FunctionConfig, cart: Cart, line: CartLine, now: EpochMs, day?: number): LineVerdict {
  const id = line.offerId;
  if (!id) return { entitled: false, code: "NO_OFFER_PROPERTY" };
  const o = config.offers.find((x) => x.id === id);
  if (!o) return { entitled: false, code: "UNKNOWN_OFFER" };
  // Without the shop's date a day-based schedule cannot be judged: fail closed.
  if (day === undefined && (o.startDay !== undefined || o.endDay !== undefined)) return { entitled: false, code: "NOT_IN_SCHEDULE" };
  const when = { day: day ?? 0, earliest: now, latest: now };
  const f = summarizeCart(cart, line);
  return lineVerdict(o, line, offerCode(o, cart.rateMicros, f, cart.lines.filter((l) => l.offerId === id), when));
}

/**
 * Every offer line's verdict for one Function run. The cart's facts are
 * computed once and each offer is judged once, so the cost is about
 * lines + offer lines x (bundle items + arms), not offer lines x lines.
 * Offers are found by id in `offers` (an index, decision 0062), or by a scan
 * of a config's offers; both give the first offer of an id.
 */
export function entitleOfferLines(offers: FunctionConfig | FunctionOfferIndex, cart: Cart, when: ShopDate): Map<CartLine, LineVerdict> {
  const find = "offers" in offers ? (id: string) => offers.offers.find((x) => x.id === id) : (id: string) => offers.get(id) ?? undefined;
  return judgeOfferLines(find, cart.lines, summarizeCart(cart), cart.rateMicros, when);
}

/**
 * entitleOfferLines with the cart's facts computed by the caller: the
 * Function computes them in one pass over its input (decision 0065). `lines`
 * may hold every cart line or only the offer lines (others are skipped);
 * `find` answers an offer id with its offer, or undefined.
 */
export function judgeOfferLines(find: (id: string) => FunctionOffer | undefined, lines: readonly CartLine[], f: TriggerFacts, rateMicros: number, when: ShopDate): Map<CartLine, LineVerdict> {
  const byOffer = new Map<string, CartLine[]>();
  for (const l of lines) {
    if (!l.offerId) continue;
    const ls = byOffer.get(l.offerId);
    if (ls) ls.push(l);
    else byOffer.set(l.offerId, [l]);
  }
  const out = new Map<CartLine, LineVerdict>();
  for (const [id, ls] of byOffer) {
    const o = find(id);
    const code = o ? offerCode(o, rateMicros, f, ls, when) : null;
    for (const l of ls) out.set(l, o ? lineVerdict(o, l, code) : { entitled: false, code: "UNKNOWN_OFFER" });
  }
  return out;
}
