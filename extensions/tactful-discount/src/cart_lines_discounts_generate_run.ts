import { convert, functionOfferIndex, FUNCTION_PRICED_LINES, judgeOffer, type Discount, type FunctionOffer, type LineVerdict } from "@tactful/engine";
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

const UNKNOWN_OFFER: LineVerdict = Object.freeze({ entitled: false, code: "UNKNOWN_OFFER" });

/*
 * What a line's discount is worth to Shopify, as one number: a percentage's
 * basis points (1 to 10,000), or minus the amount off each item in the cart's
 * minor units, minus one (a fixed amount, configured in shop currency, is read
 * by Shopify in the cart's, and never exceeds the price); 0 when it is worth
 * nothing. Equal numbers are equal values, so lines share a candidate by it
 * without building the value first (decision 0097).
 */
function worth(price: number, discount: Discount, rateMicros: number): number {
  if (discount.kind === "PERCENT") return Math.min(10000, Math.max(0, discount.bps));
  if (discount.kind !== "FIXED") return 0;
  const off = Math.min(price, convert(Math.max(0, discount.amount), rateMicros));
  return off > 0 ? -off - 1 : 0;
}

/** The candidate value for a worth() number. */
function valueOf(worth: number, digits: number): Value {
  // Basis points to a percent Decimal without floats: 1250 -> "12.50".
  return worth > 0 ? { percentage: { value: decimalString(worth, 2) } } : { fixedAmount: { amount: decimalString(-worth - 1, digits), appliesToEachItem: true } };
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
  /*
   * The shop currency and its digits, which the admin sync stores beside
   * the config (@tactful/engine/function-metafield), each only as what a
   * currency has. With the digits stored, the currency is only compared with
   * the cart's (an exact code from Shopify), so it needs no check of its own
   * (decision 0099); a config written before them is read as before.
   */
  const m = typeof jsonValue === "object" && jsonValue !== null ? (jsonValue as { shopDigits?: unknown; shopCurrency?: unknown }) : {};
  const d = m.shopDigits;
  const shopDigits = d === 2 || d === 0 || d === 3 || d === 4 ? d : undefined;
  const c = m.shopCurrency;
  const shopCurrency = typeof c === "string" && (shopDigits !== undefined || /^[A-Z]{3}$/.test(c)) ? c : undefined;
  // Most carts carry no offer line: they are answered before the config is indexed (decision 0082).
  const cart = splitCart(input, shopCurrency, shopDigits);
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
    const verdicts = o === undefined ? null : judgeOffer(judgedOffer(o, lines, facts, input.cart.lines, cart), lines, facts, cart.rateMicros, clock);
    if (verdicts !== null && groups.length === 1) onlyVerdicts = verdicts;
    else for (let k = 0; k < lines.length; k++) (lines[k] as OfferLine).verdict = verdicts === null ? UNKNOWN_OFFER : (verdicts[k] as LineVerdict);
  }
  const message = MESSAGES[input.localization.language.isoCode] ?? DISCOUNT_MESSAGE;
  const digits = cart.digits;
  // One candidate per distinct value, its lines as targets: what each line gets is unchanged, the output is smaller (Shopify caps it too).
  const byValue = new Map<number, ProductDiscountCandidate>();
  // The candidates in the order made: no iterator over the Map at the end (decision 0099).
  const candidates: ProductDiscountCandidate[] = [];
  // Consecutive lines of the same worth reuse its candidate without a lookup.
  let lastWorth = 0;
  let last: ProductDiscountCandidate | undefined;
  const offerLines = cart.offerLines;
  for (let i = 0; i < offerLines.length; i++) {
    const line = offerLines[i] as OfferLine;
    const verdict = onlyVerdicts !== null ? (onlyVerdicts[i] as LineVerdict) : line.verdict;
    if (!verdict?.entitled) continue;
    const w = worth(line.unitPrice, verdict.discount, cart.rateMicros);
    if (w === 0) continue;
    if (w !== lastWorth) {
      lastWorth = w;
      last = byValue.get(w);
      if (last === undefined) {
        last = { message, targets: [], value: valueOf(w, digits) };
        byValue.set(w, last);
        candidates.push(last);
      }
    }
    (last as ProductDiscountCandidate).targets.push({ cartLine: { id: line.key } });
  }
  if (!candidates.length) return NO_DISCOUNTS;
  // ALL: every candidate applies, each to its own lines; FIRST would keep only one of them.
  return { operations: [{ productDiscountsAdd: { candidates, selectionStrategy: ProductDiscountSelectionStrategy.All } }] };
}
