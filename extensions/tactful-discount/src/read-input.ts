import { fractionDigits, fromDecimalString, minorRateMicros, numericId, type Cart, type CartLine, type FunctionOffer, type JudgedLine, type LineVerdict, type TriggerFacts } from "@tactful/engine";
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

/*
 * Unit prices as the input gives them ("49.90", "15000.0") in one regex
 * match: fromDecimalString's general form costs about 19K Wasm instructions
 * a line in QuickJS, this about 12K (decision 0065). Anything else (signs,
 * blanks, more fraction digits than the currency has, numbers) goes the
 * general way; price.property.test.ts checks both agree.
 */
const PLAIN_DECIMAL = /^(\d+)\.(\d+)$/;
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

export function unitPriceOf(amount: unknown, digits: number): number | null {
  if (typeof amount === "string") {
    const m = PLAIN_DECIMAL.exec(amount);
    const scale = POW10[digits];
    if (m !== null && scale !== undefined) {
      const whole = m[1] as string;
      const frac = m[2] as string;
      const fill = POW10[digits - frac.length];
      if (fill !== undefined) {
        const v = Number(whole) * scale + Number(frac) * fill;
        if (Number.isSafeInteger(v)) return v;
      }
    }
    return fromDecimalString(amount, digits);
  }
  return typeof amount === "number" ? fromDecimalString(String(amount), digits) : null;
}

type InputLine = CartInput["cart"]["lines"][number];
type Product = Extract<InputLine["m"], { id: string }>["p"];

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
  const m = l.m;
  // Custom products carry no variant or product id: they can neither trigger nor be offered.
  if (!("id" in m)) return null;
  const unitPrice = unitPriceOf(l.c.p.a, digits);
  if (unitPrice === null || unitPrice < 0 || !Number.isSafeInteger(l.q)) return null;
  const collectionIds: string[] = [];
  const tags: string[] = [];
  const p: Product = m.p;
  for (const a of asked) {
    if (!p[a.key]) continue;
    if (a.collection !== undefined) collectionIds.push(a.collection);
    else if (a.tag !== undefined) tags.push(a.tag);
  }
  const line: CartLine = { key: l.id, productId: numericId(p.id), variantId: numericId(m.id), quantity: l.q, unitPrice, collectionIds, tags };
  const offer = l.o?.v;
  if (offer) line.offerId = offer;
  const variant = l.a?.v;
  if (variant) line.abVariantId = variant;
  return line;
}

/**
 * The engine's view of the cart. Returns null when the rate is unreadable: nothing can be judged exactly, so nothing is discounted.
 * `shopCurrency` comes with the config; without it the shop is assumed to use
 * a two-decimal currency, as most do.
 */
export function toEngineCart(input: CartInput, shopCurrency?: string): Cart | null {
  const rate = cartRate(input, shopCurrency);
  if (rate === null) return null;
  const currency: string = input.cart.cost.subtotalAmount.currencyCode;
  const asked = askedSlots(slotsOf(input.discount.metafield?.jsonValue));
  const digits = fractionDigits(currency);
  const lines: CartLine[] = [];
  for (const l of input.cart.lines) {
    const line = toLine(l, digits, asked);
    if (line) lines.push(line);
  }
  return { currency, rateMicros: rate, lines };
}

/** The engine's rate (presentment minor units per shop minor unit, ppm); null when unreadable. */
function cartRate(input: CartInput, shopCurrency?: string): number | null {
  const presentmentRate = rateMicros(input.presentmentCurrencyRate);
  if (presentmentRate === null) return null;
  const rate = minorRateMicros(presentmentRate, fractionDigits(input.cart.cost.subtotalAmount.currencyCode), fractionDigits(shopCurrency ?? "USD"));
  return rate > 0 ? rate : null;
}

/**
 * An offer line as the Function judges it (decisions 0065, 0079): only what
 * the judgement reads (key, variant, quantity, unit price, A/B id, each read
 * as toEngineCart reads it; offer lines never count as triggers, so their
 * product, collections and tags are left out), and a slot for its verdict,
 * so no Map keyed by line is needed. Every key is set at creation: one
 * object shape for every line.
 */
export interface OfferLine extends JudgedLine {
  key: string;
  abVariantId: string | undefined;
  verdict: LineVerdict | null;
}

/** The lines naming one offer id, in cart order. */
export interface OfferGroup {
  offerId: string;
  lines: OfferLine[];
}

/**
 * The cart as the Function judges it: the offer lines, in cart order and
 * grouped by the offer id they name (each offer is looked up and judged once
 * per run, not once per line), and the shopper's own lines left as the input
 * has them, to be read once by shopperFacts for only what the named offers ask.
 */
export interface SplitCart {
  currency: string;
  rateMicros: number;
  offerLines: OfferLine[];
  groups: OfferGroup[];
  shopperLines: InputLine[];
  digits: number;
  asked: AskedSlot[];
}

/**
 * The offer line before, read: lines naming an offer mostly repeat its
 * variant and price (forged A/B arms make Shopify keep them apart), and
 * comparing two strings costs a fraction of parsing them again.
 */
interface Previous {
  amount: unknown;
  unitPrice: number | null;
  gid: string;
  variantId: string;
}

function offerLine(l: InputLine, digits: number, prev: Previous): OfferLine | null {
  const m = l.m;
  if (!("id" in m)) return null;
  const amount = l.c.p.a;
  if (amount !== prev.amount) {
    prev.amount = amount;
    prev.unitPrice = unitPriceOf(amount, digits);
  }
  const unitPrice = prev.unitPrice;
  if (unitPrice === null || unitPrice < 0 || !Number.isSafeInteger(l.q)) return null;
  const gid = m.id;
  if (gid !== prev.gid) {
    prev.gid = gid;
    prev.variantId = numericId(gid);
  }
  const a = l.a;
  return { key: l.id, variantId: prev.variantId, quantity: l.q, unitPrice, abVariantId: (a && a.v) || undefined, verdict: null };
}

export function splitCart(input: CartInput, shopCurrency?: string): SplitCart | null {
  const rate = cartRate(input, shopCurrency);
  if (rate === null) return null;
  const currency: string = input.cart.cost.subtotalAmount.currencyCode;
  const digits = fractionDigits(currency);
  const asked = askedSlots(slotsOf(input.discount.metafield?.jsonValue));
  const offerLines: OfferLine[] = [];
  const groups: OfferGroup[] = [];
  const groupOf = new Map<string, OfferGroup>();
  // Lines naming the same offer usually come together: the last group is tried before the Map.
  let last: OfferGroup | undefined;
  const shopperLines: InputLine[] = [];
  const prev: Previous = { amount: undefined, unitPrice: null, gid: "", variantId: "" };
  const lines = input.cart.lines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as InputLine;
    const o = l.o;
    const offerId = o && o.v;
    if (offerId) {
      const line = offerLine(l, digits, prev);
      if (!line) continue;
      offerLines.push(line);
      let g = last !== undefined && last.offerId === offerId ? last : groupOf.get(offerId);
      if (g === undefined) {
        g = { offerId, lines: [] };
        groupOf.set(offerId, g);
        groups.push(g);
      }
      g.lines.push(line);
      last = g;
    } else shopperLines.push(l);
  }
  return { currency, rateMicros: rate, offerLines, groups, shopperLines, digits, asked };
}

/** Each query slot's bit in shopperFacts' masks. */
const SLOT_BIT: Record<AskedSlot["key"], number> = { c0: 1, c1: 2, c2: 4, c3: 8, c4: 16, t0: 32, t1: 64, t2: 128, t3: 256, t4: 512 };

const PRODUCT_GID = "gid://shopify/Product/";
const VARIANT_GID = "gid://shopify/ProductVariant/";

/**
 * Ids present among the shopper's lines, kept as the input names them
 * (GIDs) and asked by the numeric id the config holds: only the ids a
 * trigger actually asks about are ever turned into a GID (a trigger stops
 * at its first answer), and no line's id is sliced.
 */
class PresentIds {
  constructor(
    private readonly gids: Set<string>,
    private readonly prefix: string,
  ) {}
  has(id: string): boolean {
    return this.gids.has(this.prefix + id);
  }
}

/**
 * The facts the offer rules read (engine TriggerFacts), from the shopper's
 * lines, in one pass: subtotal and item count of every readable shopper
 * line with a positive quantity, as cartFacts counts them; products and
 * variants only when a named offer's trigger lists some, collections and
 * tags only for the slots a named offer's trigger names. The rules only ask
 * about those, so they get the answers cartFacts over toEngineCart gives
 * (function-cart.property.test.ts) for ids in Shopify's form
 * (gid://shopify/Product/<id>, gid://shopify/ProductVariant/<id>).
 */
export function shopperFacts(cart: SplitCart, offers: readonly FunctionOffer[]): TriggerFacts {
  let askProducts = false;
  let askVariants = false;
  const wantedCollections = new Set<string>();
  const wantedTags = new Set<string>();
  for (let k = 0; k < offers.length; k++) {
    const t = (offers[k] as FunctionOffer).trigger;
    // An automatic offer's rule asks which products the shopper holds (decision 0086).
    if (t.products.length || (offers[k] as FunctionOffer).auto !== undefined) askProducts = true;
    if (t.variants.length) askVariants = true;
    for (let i = 0; i < t.collections.length; i++) wantedCollections.add(t.collections[i] as string);
    for (let i = 0; i < t.tags.length; i++) wantedTags.add((t.tags[i] as string).toLowerCase());
  }
  // Only the slots a named offer's trigger can ask about are read, each until one line answers yes.
  let pending = 0;
  for (const a of cart.asked) {
    if (a.collection !== undefined ? wantedCollections.has(a.collection) : a.tag !== undefined && wantedTags.has(a.tag.toLowerCase())) pending |= SLOT_BIT[a.key];
  }
  const productGids = new Set<string>();
  const variantGids = new Set<string>();
  let found = 0;
  const lines = cart.shopperLines;
  const digits = cart.digits;
  let subtotal = 0;
  let items = 0;
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as InputLine;
    const m = l.m;
    if (!("id" in m)) continue;
    const quantity = l.q;
    // As toLine (a safe integer) then cartFacts (positive) decide.
    if (!(quantity > 0) || !Number.isSafeInteger(quantity)) continue;
    const unitPrice = unitPriceOf(l.c.p.a, digits);
    if (unitPrice === null || unitPrice < 0) continue;
    subtotal += unitPrice * quantity;
    items += quantity;
    count++;
    if (askProducts) productGids.add(m.p.id);
    if (askVariants) variantGids.add(m.id);
    if (pending !== 0) {
      // Unrolled: a named property read costs a fraction of a computed one in QuickJS.
      const p = m.p;
      let yes = 0;
      if (pending & 1 && p.c0) yes |= 1;
      if (pending & 2 && p.c1) yes |= 2;
      if (pending & 4 && p.c2) yes |= 4;
      if (pending & 8 && p.c3) yes |= 8;
      if (pending & 16 && p.c4) yes |= 16;
      if (pending & 32 && p.t0) yes |= 32;
      if (pending & 64 && p.t1) yes |= 64;
      if (pending & 128 && p.t2) yes |= 128;
      if (pending & 256 && p.t3) yes |= 256;
      if (pending & 512 && p.t4) yes |= 512;
      found |= yes;
      pending &= ~yes;
    }
  }
  const collections = new Set<string>();
  const tags = new Set<string>();
  for (const a of cart.asked) {
    if (!(found & SLOT_BIT[a.key])) continue;
    if (a.collection !== undefined) collections.add(a.collection);
    else if (a.tag !== undefined) tags.add(a.tag.toLowerCase());
  }
  return {
    products: new PresentIds(productGids, PRODUCT_GID),
    variants: new PresentIds(variantGids, VARIANT_GID),
    collections,
    tags,
    subtotal,
    items,
    lines: { length: count },
  };
}
