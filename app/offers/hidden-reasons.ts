import { FUNCTION_MAX_LINES, FUNCTION_PRICED_LINES } from "@tactful/engine/decide";
import type { ReasonCode } from "@tactful/engine/types";

/*
 * Why an offer stays hidden, in the merchant's words, with what to do about
 * it (decision record 0075). One place turns the engine's reason codes into
 * text, for the editor's preview and the Offers list's "Never shows" badge,
 * so both say the same thing. Browser-safe: no server code.
 */

export interface HiddenReason {
  code: ReasonCode;
  /** What keeps it hidden, naming the product where there is one. */
  message: string;
  /** The suggested fix. */
  fix: string;
}

/**
 * What to fix first: the shop-wide switch, then the offer's own settings
 * (schedule, what it offers and at what price), then the cart it was tried
 * with, then who the shopper is and what they already did. A reason lower
 * down is often only a consequence of one above it.
 */
export const FIX_ORDER: readonly ReasonCode[] = [
  "PAUSED",
  "INVALID_OFFER",
  "NOT_IN_SCHEDULE",
  "TRIGGER_NOT_IN_CART",
  "WRONG_MOMENT",
  "UNAVAILABLE",
  "NO_RECOMMENDATION",
  "PRICE_UNKNOWN",
  "OVER_PRICE_CAP",
  "SUBTOTAL_OUT_OF_RANGE",
  "ITEM_COUNT_OUT_OF_RANGE",
  "CART_TOO_LARGE",
  "NO_COPY",
  "SEGMENT_MISMATCH",
  "ALREADY_IN_CART",
  "ALREADY_ACCEPTED",
  "FREQUENCY_ALREADY_SHOWN",
  "FREQUENCY_DISMISSED",
  "FREQUENCY_SESSION_LIMIT",
  "HOLDOUT",
  "LOWER_PRIORITY",
];

const rank = (c: ReasonCode) => {
  const i = FIX_ORDER.indexOf(c);
  return i < 0 ? FIX_ORDER.length : i;
};

/**
 * A whole percentage from basis points. An increase over a cap is rounded
 * up, so it never reads as equal to the cap it breaks ("25.4%" is "26%", not
 * "25%"); a cap is rounded to the nearest.
 */
export function wholePercent(bps: number, round: "up" | "nearest" = "nearest"): string {
  const n = round === "up" ? Math.ceil(bps / 100) : Math.round(bps / 100);
  return `${n.toLocaleString("en-US")}%`;
}

/** The cap (in bps) a merchant would need for an increase, rounded up to a multiple of 5%: 437.5% asks for 440%. */
export function capNeededBps(increaseBps: number): number {
  return Math.ceil(increaseBps / 500) * 500;
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

const MOMENT_WORDS: Record<string, string> = {
  ADD_TO_CART: "after add-to-cart",
  CART: "on the cart",
  PRE_CHECKOUT: "just before checkout",
  CHECKOUT: "at checkout",
  THANK_YOU: "on the thank-you page",
  POST_PURCHASE: "on the page after payment",
};

const LANGUAGE_NAMES: Record<string, string> = { ar: "Arabic", de: "German", en: "English", es: "Spanish", fr: "French", he: "Hebrew", it: "Italian", ja: "Japanese", nl: "Dutch", pt: "Portuguese", ru: "Russian", zh: "Chinese" };
export const languageName = (locale: string) => LANGUAGE_NAMES[locale.split("-")[0]?.toLowerCase() ?? ""] ?? locale;

export interface OfferFacts {
  type: string;
  moments: readonly string[];
  /** What the offer adds (cross-sell, bundle) or swaps to (upsell), by title. */
  offered: readonly string[];
  /** Offered products that are sold out or gone, by title, where known. */
  unavailable?: readonly string[];
  /** The locale the shopper was in, for NO_COPY. */
  locale?: string;
}

/** One reason code in words, with its fix. */
export function explainReason(code: ReasonCode, detail: { increaseBps?: number; capBps?: number } | undefined, offer: OfferFacts): HiddenReason {
  const upsell = offer.type === "UPSELL";
  const named = listNames(offer.offered) || (upsell ? "the upgrade" : "the offered products");
  const say = (message: string, fix: string): HiddenReason => ({ code, message, fix });
  switch (code) {
    case "PAUSED":
      return say("All popups are paused in Settings.", "Turn the pause off in Settings.");
    case "WRONG_MOMENT":
      return say(
        `This offer appears ${offer.moments.map((m) => MOMENT_WORDS[m] ?? m).join(", ") || "at no moment"}, not at this moment.`,
        "Preview it at one of its moments, or add this moment to the offer.",
      );
    case "NOT_IN_SCHEDULE":
      return say("Today is outside the offer's schedule.", "Change the start or end date.");
    case "TRIGGER_NOT_IN_CART":
      return upsell
        ? say("The product it upgrades is not in this cart.", "Add the product it upgrades to the sample cart.")
        : say("Nothing in this cart triggers it.", "Add one of its trigger products to the sample cart, or widen the trigger.");
    case "SUBTOTAL_OUT_OF_RANGE":
      return say("The cart value is outside the range you set.", "Change the cart value range, or the sample cart.");
    case "ITEM_COUNT_OUT_OF_RANGE":
      return say("The number of items is outside the range you set.", "Change the item count range, or the sample cart.");
    case "SEGMENT_MISMATCH":
      return say("This shopper is not in the offer's audience.", "Widen the audience, or preview as a shopper in it.");
    case "ALREADY_IN_CART":
      return say(`${named} ${offer.offered.length > 1 ? "are" : "is"} already in the cart.`, "Nothing to fix: a shopper who has it is not asked again.");
    case "ALREADY_ACCEPTED":
      return say("This shopper already accepted it.", "Nothing to fix: a shopper is asked once.");
    case "FREQUENCY_SESSION_LIMIT":
      return say("The shopper has seen as many popups this session as you allow.", "Raise popups per session in Settings if you want more.");
    case "FREQUENCY_DISMISSED":
      return say("The shopper said no recently.", "Nothing to fix: the cooldown in Settings decides when to ask again.");
    case "FREQUENCY_ALREADY_SHOWN":
      return say("It was already shown in this session.", "Nothing to fix: an offer is not repeated on every page.");
    case "OVER_PRICE_CAP": {
      const cap = detail?.capBps !== undefined ? wholePercent(detail.capBps) : "price";
      if (detail?.increaseBps === undefined) return say(`This cart has no value to measure the ${cap} cap against.`, "Add products with a price to the sample cart.");
      const verb = upsell ? `Swapping to ${named}` : `Adding ${named}`;
      return say(
        `${verb} would raise this cart by ${wholePercent(detail.increaseBps, "up")}, over your ${cap} cap.`,
        `Raise the offer's price cap to ${wholePercent(capNeededBps(detail.increaseBps))}, or offer a cheaper product.`,
      );
    }
    case "PRICE_UNKNOWN":
      return say(`The price of ${named} is unknown, so the cap cannot be checked.`, "Check that the product still exists in Shopify.");
    case "UNAVAILABLE": {
      const gone = offer.unavailable?.length ? listNames(offer.unavailable) : named;
      return say(`${gone} ${offer.unavailable && offer.unavailable.length > 1 ? "are" : "is"} sold out or unavailable.`, "Restock it, or offer another product.");
    }
    case "NO_RECOMMENDATION":
      return say(
        "None of its sources recommends a product for this cart that is not already in it or excluded.",
        "Add a source (Shopify's complementary products are set in the Search & Discovery app), loosen the exclusions, or try another trigger product.",
      );
    case "CART_TOO_LARGE":
      return say(
        `A discounted offer is not shown on carts of more than ${FUNCTION_MAX_LINES} lines, its own included: within Shopify's limits, the discount applies at checkout on carts of up to ${FUNCTION_PRICED_LINES} lines, so on a longer cart the shopper would pay full price.`,
        "Nothing to fix for this cart: it shows on smaller carts, or on any cart without a discount.",
      );
    case "HOLDOUT":
      return say("This visitor is in the holdout group, who see no offer.", "Nothing to fix: the holdout measures what the offer adds.");
    case "LOWER_PRIORITY":
      return say("Another offer with a higher priority shows instead.", "Raise this offer's priority if it should win.");
    case "INVALID_OFFER":
      return say("The offer's settings are invalid.", "Open the offer and fix the highlighted fields.");
    case "NO_COPY": {
      const language = offer.locale ? languageName(offer.locale) : "the shopper's language";
      return say(`The offer has no ${language} text, so ${language} shoppers do not see it.`, `Add ${language} text to the offer, or let it show the default language where no translation exists (Say).`);
    }
  }
}

/** Every reason the engine gave, the main one first, each once. */
export function explainCodes(codes: readonly ReasonCode[], detail: { increaseBps?: number; capBps?: number } | undefined, offer: OfferFacts): HiddenReason[] {
  return [...new Set(codes)].sort((a, b) => rank(a) - rank(b)).map((c) => explainReason(c, detail, offer));
}
