import { applyDiscount, convert } from "./money";
import { capAllows } from "./price-cap";
import { autoOfferedVariants, excludedByMembership } from "./recommend";
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

/** Days from the shop's calendar, inclusive start and exclusive end; legacy epoch bounds must hold across the whole date. */
export function inShopSchedule(o: FunctionOffer, when: ShopDate): boolean {
  return (
    (o.startDay === undefined || when.day >= o.startDay) &&
    (o.endDay === undefined || when.day < o.endDay) &&
    inSchedule(o, when.earliest) &&
    inSchedule(o, when.latest)
  );
}

/** What the judgement reads of an offer line: the Function builds only this (decision 0079). */
export interface JudgedLine {
  variantId: string;
  quantity: number;
  unitPrice: number;
  abVariantId?: string | undefined;
}

/** The discount a line's claimed A/B arm gives, else the offer's. */
const armDiscount = (o: FunctionOffer, l: JudgedLine): Discount => (l.abVariantId !== undefined && o.variantDiscounts?.[l.abVariantId]) || o.discount;

/** Offer-wide rules that read no offer line: null when they hold. */
function offerWideCode(o: FunctionOffer, rateMicros: number, f: TriggerFacts, when: ShopDate): EntitlementCode | null {
  if (!inShopSchedule(o, when)) return "NOT_IN_SCHEDULE";
  if (!triggerMatches(o.trigger, f)) return "TRIGGER_GONE";
  const t = o.trigger;
  // Only offers with bounds pay for the conversion closure (decision 0082).
  if ((t.subtotalMin !== undefined || t.subtotalMax !== undefined) && !subtotalInRange(t, f, (n) => convert(n, rateMicros))) return "SUBTOTAL_OUT_OF_RANGE";
  if ((t.itemsMin !== undefined || t.itemsMax !== undefined) && !itemsInRange(t, f)) return "ITEM_COUNT_OUT_OF_RANGE";
  return null;
}

/**
 * Whether every bundle item is held: on a line whose variant is offered
 * (`discounts[i]` set) with a positive quantity.
 */
function bundleHeld(bundle: readonly string[][], lines: readonly JudgedLine[], discounts: readonly (Discount | undefined)[]): boolean {
  for (let k = 0; k < bundle.length; k++) {
    const item = bundle[k] as string[];
    let there = false;
    for (let i = 0; i < lines.length && !there; i++) there = discounts[i] !== undefined && (lines[i] as JudgedLine).quantity > 0 && item.includes((lines[i] as JudgedLine).variantId);
    if (!there) return false;
  }
  return true;
}

const NOT_OFFERED: LineVerdict = Object.freeze({ entitled: false, code: "NOT_AN_OFFERED_VARIANT" });
const NO_DISCOUNT: LineVerdict = Object.freeze({ entitled: false, code: "NO_DISCOUNT" });

/** The verdicts when an offer-wide or held-line rule fails: each line refused with `code` when `offered[i]` is truthy, else not offered. */
function refusedVerdicts(offered: readonly unknown[], code: EntitlementCode): LineVerdict[] {
  const refused: LineVerdict = { entitled: false, code };
  const out: LineVerdict[] = [];
  for (let i = 0; i < offered.length; i++) out.push(offered[i] ? refused : NOT_OFFERED);
  return out;
}

/**
 * The verdicts of one offer's lines (every line naming it), in their order.
 * Plain loops, each line visited twice (decision 0082): once for its
 * offered variant and arm discount (the line before's answer reused when
 * the variant repeats) and the distinct arms held lines claim; once for
 * its least reduction under the cap (reused while the price repeats) and
 * its verdict, written before the cap is known and replaced by the refusal
 * when the cap does not hold. Offer-wide rules come first: a refused offer
 * reads no arm. Lines given the same discount share one verdict object
 * (verdicts are never mutated): inside the Function's instruction budget a
 * verdict object per line costs more than the judgement (decision 0079).
 */
export function judgeOffer(o: FunctionOffer, lines: readonly JudgedLine[], f: TriggerFacts, rateMicros: number, when: ShopDate): LineVerdict[] {
  const variants = o.offeredVariants;
  // Lines of one offer mostly repeat a variant: the line before's answer is reused without a scan.
  let lastVariant: string | undefined;
  let lastOffered = false;
  const wide = offerWideCode(o, rateMicros, f, when);
  if (wide !== null) {
    const offered: boolean[] = [];
    for (let i = 0; i < lines.length; i++) {
      const v = (lines[i] as JudgedLine).variantId;
      if (v !== lastVariant) {
        lastVariant = v;
        lastOffered = variants.includes(v);
      }
      offered.push(lastOffered);
    }
    return refusedVerdicts(offered, wide);
  }
  // Each line's arm discount (the claimed A/B arm's, else the offer's); undefined when its variant is not offered.
  const discounts: (Discount | undefined)[] = [];
  // The distinct discounts the held lines (offered, positive quantity) claim, by identity, as a Set keeps them.
  const arms: Discount[] = [];
  const armsOf = o.variantDiscounts;
  const base = o.discount;
  let lastArm: Discount | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as JudgedLine;
    const v = l.variantId;
    if (v !== lastVariant) {
      lastVariant = v;
      lastOffered = variants.includes(v);
    }
    if (!lastOffered) {
      discounts.push(undefined);
      continue;
    }
    const ab = l.abVariantId;
    const d = (ab !== undefined && armsOf !== undefined && armsOf[ab]) || base;
    discounts.push(d);
    if (l.quantity > 0 && d !== lastArm) {
      lastArm = d;
      if (arms.indexOf(d) < 0) arms.push(d);
    }
  }
  if (o.bundle && !bundleHeld(o.bundle, lines, discounts)) return refusedVerdicts(discounts, "BUNDLE_INCOMPLETE");
  const out: LineVerdict[] = [];
  let added = 0;
  // A line's least reduction depends only on its price (the arms are the offer's): lines at the price before reuse it.
  let lastPrice = -1;
  let most = 0;
  let lastDiscount: Discount | undefined;
  let lastVerdict: LineVerdict = NO_DISCOUNT;
  for (let i = 0; i < lines.length; i++) {
    const d = discounts[i];
    if (d === undefined) {
      out.push(NOT_OFFERED);
      continue;
    }
    const l = lines[i] as JudgedLine;
    if (l.quantity > 0) {
      if (l.unitPrice !== lastPrice) {
        lastPrice = l.unitPrice;
        most = 0;
        for (let k = 0; k < arms.length; k++) most = Math.max(most, applyDiscount(l.unitPrice, arms[k] as Discount, rateMicros));
      }
      added += most * l.quantity;
    }
    if (d !== lastDiscount) {
      lastDiscount = d;
      lastVerdict = d.kind === "NONE" ? NO_DISCOUNT : { entitled: true, offerId: o.id, discount: d };
    }
    out.push(lastVerdict);
  }
  return capAllows(added, f.subtotal, o.capBps) ? out : refusedVerdicts(discounts, "OVER_PRICE_CAP");
}

/**
 * Offer-wide rules, judged once per offer: null when they hold. `lines` are
 * this offer's lines. The plain form validateOfferLine keeps, so judgeOffer
 * has an independent reference (validate-line.test.ts, engine.property.test.ts).
 */
function offerCode(o: FunctionOffer, rateMicros: number, f: TriggerFacts, lines: CartLine[], when: ShopDate): EntitlementCode | null {
  const code = offerWideCode(o, rateMicros, f, when);
  if (code !== null) return code;
  const held = lines.filter((l) => l.quantity > 0 && o.offeredVariants.includes(l.variantId));
  if (o.bundle && !o.bundle.every((item) => held.some((l) => item.includes(l.variantId)))) return "BUNDLE_INCOMPLETE";
  const arms = [...new Set(held.map((l) => armDiscount(o, l)))];
  const added = held.reduce((n, l) => n + Math.max(...arms.map((d) => applyDiscount(l.unitPrice, d, rateMicros))) * l.quantity, 0);
  return capAllows(added, f.subtotal, o.capBps) ? null : "OVER_PRICE_CAP";
}

function lineVerdict(o: FunctionOffer, line: CartLine, code: EntitlementCode | null): LineVerdict {
  if (!o.offeredVariants.includes(line.variantId)) return { entitled: false, code: "NOT_AN_OFFERED_VARIANT" };
  if (code) return { entitled: false, code };
  const discount = armDiscount(o, line);
  return discount.kind === "NONE" ? { entitled: false, code: "NO_DISCOUNT" } : { entitled: true, offerId: o.id, discount };
}

/**
 * An automatic offer as judged for these lines (decision records 0086, 0096): its
 * offered variants are those of the lines its rule allows; a fixed offer as it is.
 */
export function resolveAuto(o: FunctionOffer, lines: readonly CartLine[], f: Pick<TriggerFacts, "products">): FunctionOffer {
  const a = o.auto;
  if (!a) return o;
  const offered = autoOfferedVariants(
    o,
    lines.map((l) => l.variantId),
    // A line in an excluded collection or with an excluded tag is never offered (decision 0096).
    lines.map((l) => (excludedByMembership(a, l.collectionIds, l.tags) ? undefined : l.productId)),
    f.products,
  );
  return { ...o, offeredVariants: offered };
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
  const mine = cart.lines.filter((l) => l.offerId === id);
  const judged = resolveAuto(o, mine, f);
  return lineVerdict(judged, line, offerCode(judged, cart.rateMicros, f, mine, when));
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
    const verdicts = o ? judgeOffer(resolveAuto(o, ls, f), ls, f, rateMicros, when) : null;
    ls.forEach((l, i) => out.set(l, verdicts ? (verdicts[i] as LineVerdict) : { entitled: false, code: "UNKNOWN_OFFER" }));
  }
  return out;
}
