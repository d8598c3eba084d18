import { convert, functionOfferIndex, FUNCTION_PRICED_LINES, judgeOffer, type Discount, type FunctionOffer, type JudgedLine, type LineVerdict } from "@tactful/engine";
import {
  DiscountClass,
  ProductDiscountSelectionStrategy,
  type CartInput,
  type CartLinesDiscountsGenerateRunResult,
  type ProductDiscountCandidate,
} from "../generated/api";
import { toDecimalString as decimalString } from "@tactful/engine/money";
import { judgedOffer } from "./auto-offer";
import { shopperFacts, splitCart, type OfferGroup, type OfferLine } from "./read-input";
import { shopClock } from "./shop-clock";

/** What every "no" looks like: no operation at all, so Shopify applies nothing. Never mutated. */
export const NO_DISCOUNTS: CartLinesDiscountsGenerateRunResult = { operations: [] };

/** Shown next to the discount in cart and checkout, in the buyer's language where we have it. */
export const DISCOUNT_MESSAGE = "Offer discount";
const MESSAGES: Partial<Record<string, string>> = { FR: "Remise de l’offre", AR: "خصم العرض" };

type Value = ProductDiscountCandidate["value"];

/** A discount's value at one price (any price for a percentage), and the candidate carrying it once a line has it. */
interface Priced {
  price: number;
  value: { key: string; value: Value } | null;
  candidate: ProductDiscountCandidate | undefined;
}

const UNKNOWN_OFFER: LineVerdict = Object.freeze({ entitled: false, code: "UNKNOWN_OFFER" });

/** What one line's discount is worth to Shopify, with a key equal for equal values; null when it is worth nothing. */
function valueOf(line: JudgedLine, discount: Discount, rateMicros: number, digits: number): { key: string; value: Value } | null {
  if (discount.kind === "PERCENT") {
    const bps = Math.min(10000, Math.max(0, discount.bps));
    if (bps === 0) return null;
    // Basis points to a percent Decimal without floats: 1250 -> "12.50".
    const value = decimalString(bps, 2);
    return { key: "%" + value, value: { percentage: { value } } };
  }
  if (discount.kind === "FIXED") {
    // Configured in shop currency; Shopify reads this amount in the cart's currency.
    const off = Math.min(line.unitPrice, convert(Math.max(0, discount.amount), rateMicros));
    if (off <= 0) return null;
    const amount = decimalString(off, digits);
    return { key: "$" + amount, value: { fixedAmount: { amount, appliesToEachItem: true } } };
  }
  return null;
}

/** The shop currency the admin sync stores beside the config (see @tactful/engine/function-metafield). */
function shopCurrencyOf(jsonValue: unknown): string | undefined {
  const c = typeof jsonValue === "object" && jsonValue !== null ? (jsonValue as Record<string, unknown>).shopCurrency : undefined;
  return typeof c === "string" && /^[A-Z]{3}$/.test(c) ? c : undefined;
}

/**
 * Target cart.lines.discounts.generate.run. For each line carrying
 * `_tactful_offer`, the shared engine decides entitlement from the config
 * alone (the attribute can be forged), on the shop's calendar day; entitled
 * lines get the configured discount, every other line gets nothing.
 *
 * Within Shopify's instruction budget (decisions 0065, 0082): a cart without offer
 * lines costs one read per line and never indexes the config; otherwise offers are found through an index
 * and decoded only when a line names them, the shopper's lines are read once
 * for only the facts those offers' triggers ask, and lines given the same
 * discount value share one candidate.
 */
export function cartLinesDiscountsGenerateRun(input: CartInput): CartLinesDiscountsGenerateRunResult {
  /*
   * A cart longer than the Function prices gets no discount, answered before
   * a line is read (decision 0097): past its instruction limit Shopify would
   * apply nothing anyway, after spending it; here the answer is the same on
   * every runtime, and no popup offered a discount on such a cart (0095).
   */
  if (input.cart.lines.length > FUNCTION_PRICED_LINES) return NO_DISCOUNTS;
  return priceCart(input);
}

/** The Function without its cart-length rule: what a cart's pricing costs, measured by the bench at any length (0097). */
export function priceCart(input: CartInput): CartLinesDiscountsGenerateRunResult {
  if (!input.discount.discountClasses.includes(DiscountClass.Product)) return NO_DISCOUNTS;
  const jsonValue: unknown = input.discount.metafield?.jsonValue;
  // Most carts carry no offer line: they are answered before the config is indexed (decision 0082).
  const cart = splitCart(input, shopCurrencyOf(jsonValue));
  if (!cart || !cart.offerLines.length) return NO_DISCOUNTS;
  const offers = functionOfferIndex(jsonValue);
  if (!offers || !offers.size) return NO_DISCOUNTS;
  const clock = shopClock(input.shop.localTime.date);
  if (!clock) return NO_DISCOUNTS;
  // Each offer a line names is found and decoded once, however many lines name it.
  const groups = cart.groups;
  const named: FunctionOffer[] = [];
  const offerOf: (FunctionOffer | undefined)[] = [];
  for (let i = 0; i < groups.length; i++) {
    const o = offers.get((groups[i] as OfferGroup).offerId);
    // An offer a line names that does not decode makes the config unreadable, as a whole-config parse would.
    if (o === null) return NO_DISCOUNTS;
    offerOf.push(o);
    if (o !== undefined) named.push(o);
  }
  const facts = shopperFacts(cart, named);
  // With one offer named, its verdicts are already in cart order (splitCart: its group is the offer lines) and are read as they are; with more, each line carries its verdict.
  let onlyVerdicts: LineVerdict[] | null = null;
  for (let i = 0; i < groups.length; i++) {
    const lines = (groups[i] as OfferGroup).lines;
    const o = offerOf[i];
    const verdicts = o === undefined ? null : judgeOffer(judgedOffer(o, lines, facts, input.cart.lines, cart.asked), lines, facts, cart.rateMicros, clock);
    if (verdicts !== null && groups.length === 1) onlyVerdicts = verdicts;
    else for (let k = 0; k < lines.length; k++) (lines[k] as OfferLine).verdict = verdicts === null ? UNKNOWN_OFFER : (verdicts[k] as LineVerdict);
  }
  const message = MESSAGES[input.localization.language.isoCode] ?? DISCOUNT_MESSAGE;
  const digits = cart.digits;
  // One candidate per distinct value, its lines as targets: what each line gets is unchanged, the output is smaller (Shopify caps it too).
  const byValue = new Map<string, ProductDiscountCandidate>();
  // Each discount's value and candidate, found by the discount object (decision 0082): a percentage's for good, a fixed amount's for the price it last saw.
  const byDiscount = new Map<Discount, Priced>();
  // Consecutive lines given the same discount (and, for a fixed amount, the same price) reuse it without a lookup.
  let lastDiscount: Discount | undefined;
  let lastPrice = -1;
  let last: Priced | undefined;
  const offerLines = cart.offerLines;
  for (let i = 0; i < offerLines.length; i++) {
    const line = offerLines[i] as OfferLine;
    const verdict = onlyVerdicts !== null ? (onlyVerdicts[i] as LineVerdict) : line.verdict;
    if (!verdict?.entitled) continue;
    const d = verdict.discount;
    const price = line.unitPrice;
    if (d !== lastDiscount || (price !== lastPrice && d.kind !== "PERCENT")) {
      lastDiscount = d;
      lastPrice = price;
      last = byDiscount.get(d);
      if (last === undefined || (last.price !== price && d.kind !== "PERCENT")) {
        last = { price, value: valueOf(line, d, cart.rateMicros, digits), candidate: undefined };
        byDiscount.set(d, last);
      }
    }
    const p = last as Priced;
    const v = p.value;
    if (!v) continue;
    const target = { cartLine: { id: line.key } };
    let candidate = p.candidate;
    if (candidate === undefined) {
      // Another discount may have given the same value already: its candidate is shared.
      candidate = byValue.get(v.key);
      if (candidate === undefined) {
        candidate = { message, targets: [], value: v.value };
        byValue.set(v.key, candidate);
      }
      p.candidate = candidate;
    }
    candidate.targets.push(target);
  }
  if (!byValue.size) return NO_DISCOUNTS;
  // ALL: every candidate applies, each to its own lines; FIRST would keep only one of them.
  return { operations: [{ productDiscountsAdd: { candidates: [...byValue.values()], selectionStrategy: ProductDiscountSelectionStrategy.All } }] };
}
