import { convert, entitleOfferLines, functionOfferIndex, type Cart, type CartLine, type Discount } from "@tactful/engine";
import {
  DiscountClass,
  ProductDiscountSelectionStrategy,
  type CartInput,
  type CartLinesDiscountsGenerateRunResult,
  type ProductDiscountCandidate,
} from "../generated/api";
import { fractionDigits, toDecimalString } from "@tactful/engine/money";
import { toEngineCart } from "./read-input";
import { shopClock } from "./shop-clock";

/** What every "no" looks like: no operation at all, so Shopify applies nothing. Never mutated. */
export const NO_DISCOUNTS: CartLinesDiscountsGenerateRunResult = { operations: [] };

/** Shown next to the discount in cart and checkout, in the buyer's language where we have it. */
export const DISCOUNT_MESSAGE = "Offer discount";
const MESSAGES: Partial<Record<string, string>> = { FR: "Remise de l’offre", AR: "خصم العرض" };

function candidate(line: CartLine, discount: Discount, cart: Cart, message: string): ProductDiscountCandidate | null {
  const targets = [{ cartLine: { id: line.key } }];
  if (discount.kind === "PERCENT") {
    const bps = Math.min(10000, Math.max(0, discount.bps));
    if (bps === 0) return null;
    // Basis points to a percent Decimal without floats: 1250 -> "12.50".
    return { message, targets, value: { percentage: { value: toDecimalString(bps, 2) } } };
  }
  if (discount.kind === "FIXED") {
    // Configured in shop currency; Shopify reads this amount in the cart's currency.
    const off = Math.min(line.unitPrice, convert(Math.max(0, discount.amount), cart.rateMicros));
    if (off <= 0) return null;
    return {
      message,
      targets,
      value: { fixedAmount: { amount: toDecimalString(off, fractionDigits(cart.currency)), appliesToEachItem: true } },
    };
  }
  return null;
}

/** The shop currency the admin sync stores beside the config (see input-variables.ts). */
function shopCurrencyOf(jsonValue: unknown): string | undefined {
  const c = typeof jsonValue === "object" && jsonValue !== null ? (jsonValue as Record<string, unknown>).shopCurrency : undefined;
  return typeof c === "string" && /^[A-Z]{3}$/.test(c) ? c : undefined;
}

/**
 * Target cart.lines.discounts.generate.run. For each line carrying
 * `_tactful_offer`, the shared engine decides entitlement from the config
 * alone (the attribute can be forged), on the shop's calendar day; entitled
 * lines get the configured discount, every other line gets nothing.
 */
export function cartLinesDiscountsGenerateRun(input: CartInput): CartLinesDiscountsGenerateRunResult {
  if (!input.discount.discountClasses.includes(DiscountClass.Product)) return NO_DISCOUNTS;
  // Offers are indexed, and decoded only when a line names them (decision 0062).
  const offers = functionOfferIndex(input.discount.metafield?.jsonValue);
  if (!offers || !offers.size) return NO_DISCOUNTS;
  const clock = shopClock(input.shop.localTime.date);
  const cart = toEngineCart(input, shopCurrencyOf(input.discount.metafield?.jsonValue));
  if (!clock || !cart) return NO_DISCOUNTS;
  const message = MESSAGES[input.localization.language.isoCode] ?? DISCOUNT_MESSAGE;
  const candidates: ProductDiscountCandidate[] = [];
  // An offer a line names that does not decode makes the config unreadable, as a whole-config parse would.
  for (const l of cart.lines) if (l.offerId && offers.get(l.offerId) === null) return NO_DISCOUNTS;
  // One pass over the cart for its facts, one judgement per offer (engine/validate-line.ts).
  const verdicts = entitleOfferLines(offers, cart, clock);
  for (const line of cart.lines) {
    const verdict = verdicts.get(line);
    const c = verdict?.entitled ? candidate(line, verdict.discount, cart, message) : null;
    if (c) candidates.push(c);
  }
  if (!candidates.length) return NO_DISCOUNTS;
  // ALL: each candidate targets its own line; FIRST would keep only one of them.
  return { operations: [{ productDiscountsAdd: { candidates, selectionStrategy: ProductDiscountSelectionStrategy.All } }] };
}
