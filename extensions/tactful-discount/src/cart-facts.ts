import { fractionDigits, fromDecimalString, minorRateMicros, toDecimalString, type Cart, type CartLine } from "../../../app/engine";

/** Digits from the engine's one currency table; Decimal strings written in them ("12.05", "1500", "1.250"). */
export { fractionDigits, toDecimalString as decimalString };
import type { CartInput } from "../generated/api";
import { SLOTS } from "./input-variables";

/*
 * The Function's input, translated into the engine's Cart. Everything the
 * engine compares is normalized here: numeric ids, integer minor units
 * (never floats), and the trigger collections/tags the query asked about.
 * A line that cannot be read exactly is left out, which only ever makes the
 * cart poorer: fewer triggers, a smaller base for the price cap.
 */

/** "gid://shopify/ProductVariant/123" -> "123"; a bare id passes through. */
export function numericId(gid: string): string {
  const slash = gid.lastIndexOf("/");
  return slash < 0 ? gid : gid.slice(slash + 1);
}

/** The presentment rate (presentment per shop currency) as parts per million; null when unreadable. */
export function rateMicros(rate: unknown): number | null {
  if (typeof rate !== "string" && typeof rate !== "number") return null;
  const micros = fromDecimalString(String(rate), 6);
  return micros !== null && micros > 0 ? micros : null;
}

type InputLine = CartInput["cart"]["lines"][number];
type Product = Extract<InputLine["merchandise"], { id: string }>["product"];

/** Which collection (numeric id) or tag each query slot asked about, read from the metafield. */
export interface Slots {
  collections: (string | undefined)[];
  tags: (string | undefined)[];
}

export function slotsOf(jsonValue: unknown): Slots {
  const m = typeof jsonValue === "object" && jsonValue !== null ? (jsonValue as Record<string, unknown>) : {};
  const one = (k: string): string | undefined => {
    const v = m[k];
    return Array.isArray(v) && v.length === 1 && typeof v[0] === "string" ? v[0] : undefined;
  };
  const slots: Slots = { collections: [], tags: [] };
  for (let i = 0; i < SLOTS; i++) {
    const c = one(`c${i}`);
    slots.collections.push(c === undefined ? undefined : numericId(c));
    slots.tags.push(one(`t${i}`));
  }
  return slots;
}

const COLLECTION_SLOTS = ["c0", "c1", "c2", "c3", "c4"] as const;
const TAG_SLOTS = ["t0", "t1", "t2", "t3", "t4"] as const;

function memberships(p: Product, slots: Slots): { collectionIds: string[]; tags: string[] } {
  const collectionIds: string[] = [];
  const tags: string[] = [];
  COLLECTION_SLOTS.forEach((k, i) => {
    const c = slots.collections[i];
    if (p[k] && c !== undefined) collectionIds.push(c);
  });
  TAG_SLOTS.forEach((k, i) => {
    const t = slots.tags[i];
    if (p[k] && t !== undefined) tags.push(t);
  });
  return { collectionIds, tags };
}

function toLine(l: InputLine, currency: string, slots: Slots): CartLine | null {
  const m = l.merchandise;
  // Custom products carry no variant or product id: they can neither trigger nor be offered.
  if (!("id" in m)) return null;
  const price: unknown = l.cost.amountPerQuantity.amount;
  if (typeof price !== "string" && typeof price !== "number") return null;
  const unitPrice = fromDecimalString(String(price), fractionDigits(currency));
  if (unitPrice === null || unitPrice < 0 || !Number.isSafeInteger(l.quantity)) return null;
  const line: CartLine = { key: l.id, productId: numericId(m.product.id), variantId: numericId(m.id), quantity: l.quantity, unitPrice, ...memberships(m.product, slots) };
  const offer = l.offer?.value;
  if (offer) line.offerId = offer;
  const variant = l.abVariant?.value;
  if (variant) line.abVariantId = variant;
  return line;
}


/**
 * The engine's view of the cart. Returns null when the rate is unreadable: nothing can be judged exactly, so nothing is discounted.
 * `shopCurrency` comes with the config; without it the shop is assumed to use
 * a two-decimal currency, as most do.
 */
export function toEngineCart(input: CartInput, shopCurrency?: string): Cart | null {
  const presentmentRate = rateMicros(input.presentmentCurrencyRate);
  if (presentmentRate === null) return null;
  const currency: string = input.cart.cost.subtotalAmount.currencyCode;
  const rate = minorRateMicros(presentmentRate, fractionDigits(currency), fractionDigits(shopCurrency ?? "USD"));
  if (rate <= 0) return null;
  const slots = slotsOf(input.discount.metafield?.jsonValue);
  const lines: CartLine[] = [];
  for (const l of input.cart.lines) {
    const line = toLine(l, currency, slots);
    if (line) lines.push(line);
  }
  return { currency, rateMicros: rate, lines };
}
