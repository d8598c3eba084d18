import { fractionDigits, fromDecimalString, minorRateMicros, numericId, type Cart, type CartLine } from "@tactful/engine";
import type { CartInput } from "../generated/api";
import { SLOTS } from "@tactful/engine/function-metafield";

/*
 * The Function's input, translated into the engine's Cart. Everything the
 * engine compares is normalized here: numeric ids, integer minor units
 * (never floats), and the trigger collections/tags the query asked about.
 * A line that cannot be read exactly is left out, which only ever makes the
 * cart poorer: fewer triggers, a smaller base for the price cap.
 */

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

/** The slots the config uses, each with its answer's key on the product: only these are read per line. */
interface AskedSlot {
  key: "c0" | "c1" | "c2" | "c3" | "c4" | "t0" | "t1" | "t2" | "t3" | "t4";
  collection?: string;
  tag?: string;
}

function askedSlots(slots: Slots): AskedSlot[] {
  const asked: AskedSlot[] = [];
  for (let i = 0; i < SLOTS; i++) {
    const c = slots.collections[i];
    if (c !== undefined) asked.push({ key: `c${i}` as AskedSlot["key"], collection: c });
  }
  for (let i = 0; i < SLOTS; i++) {
    const t = slots.tags[i];
    if (t !== undefined) asked.push({ key: `t${i}` as AskedSlot["key"], tag: t });
  }
  return asked;
}

/*
 * Runs once per cart line inside Shopify's instruction budget (decision
 * 0062): plain loops, no closures or spreads, nothing recomputed per line
 * that is the same for every line.
 */
function toLine(l: InputLine, digits: number, asked: AskedSlot[]): CartLine | null {
  const m = l.merchandise;
  // Custom products carry no variant or product id: they can neither trigger nor be offered.
  if (!("id" in m)) return null;
  const price: unknown = l.cost.amountPerQuantity.amount;
  if (typeof price !== "string" && typeof price !== "number") return null;
  const unitPrice = fromDecimalString(typeof price === "string" ? price : String(price), digits);
  if (unitPrice === null || unitPrice < 0 || !Number.isSafeInteger(l.quantity)) return null;
  const collectionIds: string[] = [];
  const tags: string[] = [];
  const p: Product = m.product;
  for (const a of asked) {
    if (!p[a.key]) continue;
    if (a.collection !== undefined) collectionIds.push(a.collection);
    else if (a.tag !== undefined) tags.push(a.tag);
  }
  const line: CartLine = { key: l.id, productId: numericId(p.id), variantId: numericId(m.id), quantity: l.quantity, unitPrice, collectionIds, tags };
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
  const asked = askedSlots(slotsOf(input.discount.metafield?.jsonValue));
  const digits = fractionDigits(currency);
  const lines: CartLine[] = [];
  for (const l of input.cart.lines) {
    const line = toLine(l, digits, asked);
    if (line) lines.push(line);
  }
  return { currency, rateMicros: rate, lines };
}
