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
  // A cart paying in the shop's currency, the usual one, reads "1.0": about 30K instructions less than the parser (decision 0099).
  if (rate === "1.0" || rate === "1") return 1_000_000;
  if (typeof rate !== "string" && typeof rate !== "number") return null;
  const micros = fromDecimalString(String(rate), 6);
  return micros !== null && micros > 0 ? micros : null;
}

/*
 * Unit prices as the input gives them ("49.9", "49.90", "1200.0"), read
 * without the general parser (decision 0082). A plain form is digits, a
 * dot, then at most the currency's fraction digits followed only by zeros:
 * its exact value times 10^digits is an integer N, and no rounding rule
 * applies. For N ≤ 2^50 one double multiply recovers N exactly:
 * `+amount` is the decimal rounded to the nearest double (relative error
 * ≤ 2^-53), the product by the exact power of ten adds another rounding,
 * so the result is within N × 2^-52 ≤ 0.25 of N and Math.round gives N.
 * No float is kept: the answer is the integer fromDecimalString gives
 * (unit-price.property.test.ts checks both agree on random and adversarial
 * strings). Anything else (signs, blanks, no dot, more significant fraction
 * digits than the currency has, numbers, N > 2^50) goes the general way.
 * Counted in QuickJS: about 10K Wasm instructions a price, was 14K with one
 * regex match and two Number() calls, and about 20K for every yen price
 * ("1200.0" has more fraction digits than yen), which now takes the fast path.
 */
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];
/** By the currency's fraction digits (0 to 6): digits, a dot, at most that many digits, then only zeros. */
const PLAIN_PRICE = [/^\d+\.0*$/, /^\d+\.\d?0*$/, /^\d+\.\d{0,2}0*$/, /^\d+\.\d{0,3}0*$/, /^\d+\.\d{0,4}0*$/, /^\d+\.\d{0,5}0*$/, /^\d+\.\d{0,6}0*$/];
/** 2^50: below it the multiply above is exact (see the bound). */
const EXACT_MINOR = 1125899906842624;

export function unitPriceOf(amount: unknown, digits: number): number | null {
  if (typeof amount === "string") {
    const plain = PLAIN_PRICE[digits];
    if (plain !== undefined && plain.test(amount)) {
      const minor = Math.round(+amount * (POW10[digits] as number));
      if (minor <= EXACT_MINOR) return minor;
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

/** The slots the config uses, each with its answer's key on the product and that key's bit in shopperFacts' masks. */
export interface AskedSlot {
  key: "c0" | "c1" | "c2" | "c3" | "c4" | "t0" | "t1" | "t2" | "t3" | "t4";
  bit: number;
  collection?: string;
  tag?: string;
}

/** A slot variable's single value, as slotsOf reads it. */
function slotValue(v: unknown): string | undefined {
  return Array.isArray(v) && v.length === 1 && typeof v[0] === "string" ? (v[0] as string) : undefined;
}

/**
 * askedSlots(slotsOf(jsonValue)) read straight from the metafield: no Slots
 * in between, no closure or template string per slot (decision 0082), and
 * each slot a named read, unrolled (about 20K instructions less than a loop
 * of computed reads, decision 0099). Read only when a named offer's trigger
 * or exclusion asks about a collection or tag (askedOf).
 */
function askedSlotsOf(jsonValue: unknown): AskedSlot[] {
  const asked: AskedSlot[] = [];
  if (typeof jsonValue !== "object" || jsonValue === null) return asked;
  const m = jsonValue as Partial<Record<AskedSlot["key"], unknown>>;
  let v: string | undefined;
  if ((v = slotValue(m.c0)) !== undefined) asked.push({ key: "c0", bit: 1, collection: numericId(v) });
  if ((v = slotValue(m.c1)) !== undefined) asked.push({ key: "c1", bit: 2, collection: numericId(v) });
  if ((v = slotValue(m.c2)) !== undefined) asked.push({ key: "c2", bit: 4, collection: numericId(v) });
  if ((v = slotValue(m.c3)) !== undefined) asked.push({ key: "c3", bit: 8, collection: numericId(v) });
  if ((v = slotValue(m.c4)) !== undefined) asked.push({ key: "c4", bit: 16, collection: numericId(v) });
  if ((v = slotValue(m.t0)) !== undefined) asked.push({ key: "t0", bit: 32, tag: v });
  if ((v = slotValue(m.t1)) !== undefined) asked.push({ key: "t1", bit: 64, tag: v });
  if ((v = slotValue(m.t2)) !== undefined) asked.push({ key: "t2", bit: 128, tag: v });
  if ((v = slotValue(m.t3)) !== undefined) asked.push({ key: "t3", bit: 256, tag: v });
  if ((v = slotValue(m.t4)) !== undefined) asked.push({ key: "t4", bit: 512, tag: v });
  return asked;
}

/** The cart's asked slots, read from the config the first time they are needed. */
export function askedOf(cart: SplitCart): AskedSlot[] {
  return (cart.asked ??= askedSlotsOf(cart.config));
}

function askedSlots(slots: Slots): AskedSlot[] {
  const asked: AskedSlot[] = [];
  for (let i = 0; i < SLOTS; i++) {
    const c = slots.collections[i];
    if (c !== undefined) asked.push({ key: `c${i}` as AskedSlot["key"], bit: 1 << i, collection: c });
  }
  for (let i = 0; i < SLOTS; i++) {
    const t = slots.tags[i];
    if (t !== undefined) asked.push({ key: `t${i}` as AskedSlot["key"], bit: 1 << (SLOTS + i), tag: t });
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
  const currency: string = input.cart.cost.subtotalAmount.currencyCode;
  const digits = fractionDigits(currency);
  const rate = cartRate(input, digits, shopCurrency);
  if (rate === null) return null;
  const asked = askedSlots(slotsOf(input.discount.metafield?.jsonValue));
  const lines: CartLine[] = [];
  for (const l of input.cart.lines) {
    const line = toLine(l, digits, asked);
    if (line) lines.push(line);
  }
  return { currency, rateMicros: rate, lines };
}

/** The engine's rate (presentment minor units per shop minor unit, ppm); null when unreadable. `knownShopDigits`: the shop's digits when the config carries them. */
function cartRate(input: CartInput, cartDigits: number, shopCurrency?: string, knownShopDigits?: number): number | null {
  const presentmentRate = rateMicros(input.presentmentCurrencyRate);
  if (presentmentRate === null) return null;
  // Each currency's digits are looked up once a run (decision 0093), and not again when the cart pays in the shop's own currency (about 26K instructions).
  const shopDigits =
    knownShopDigits !== undefined
      ? knownShopDigits
      : shopCurrency === undefined
        ? 2
        : shopCurrency === input.cart.cost.subtotalAmount.currencyCode
          ? cartDigits
          : fractionDigits(shopCurrency);
  const rate = minorRateMicros(presentmentRate, cartDigits, shopDigits);
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
  /** The metafield's value, where the asked slots are read from. */
  config: unknown;
  /** The asked slots once read (askedOf); null until a named offer asks about a collection or tag. */
  asked: AskedSlot[] | null;
}

/**
 * `shopDigits`, when the config carries them (function-metafield.ts), are
 * the cart's too when it pays in the shop's currency: no lookup (decision 0099).
 */
export function splitCart(input: CartInput, shopCurrency?: string, shopDigits?: number): SplitCart | null {
  const currency: string = input.cart.cost.subtotalAmount.currencyCode;
  const digits = shopDigits !== undefined && currency === shopCurrency ? shopDigits : fractionDigits(currency);
  const rate = cartRate(input, digits, shopCurrency, shopDigits);
  if (rate === null) return null;
  const groups: OfferGroup[] = [];
  const groupOf = new Map<string, OfferGroup>();
  // The offer lines in cart order, kept only once a second offer is named (one offer's group already is that order).
  let interleaved: OfferLine[] | null = null;
  // Lines naming the same offer usually come together: the last group is tried before the Map.
  let last: OfferGroup | undefined;
  const shopperLines: InputLine[] = [];
  /*
   * The offer line before, read: lines naming an offer mostly repeat its
   * variant and price (forged A/B arms make Shopify keep them apart), and
   * comparing two strings costs a fraction of parsing them again. The
   * offer line is read inline (no call per line, decision 0082).
   */
  let prevAmount: unknown;
  let prevPrice: number | null = null;
  let prevGid = "";
  let prevVariant = "";
  const lines = input.cart.lines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as InputLine;
    const o = l.o;
    const offerId = o && o.v;
    if (!offerId) {
      shopperLines.push(l);
      continue;
    }
    // Custom products carry no variant id (the query's fragment is on ProductVariant): a named read is cheaper than `in`.
    const gid = (l.m as { id?: string }).id;
    if (gid === undefined) continue;
    const amount = l.c.p.a;
    if (amount !== prevAmount) {
      prevAmount = amount;
      prevPrice = unitPriceOf(amount, digits);
    }
    const unitPrice = prevPrice;
    const quantity = l.q;
    // A safe integer, as toLine decides; the int32 test spares the call for every usual quantity.
    if (unitPrice === null || unitPrice < 0 || ((quantity | 0) !== quantity && !Number.isSafeInteger(quantity))) continue;
    if (gid !== prevGid) {
      prevGid = gid;
      prevVariant = numericId(gid);
    }
    const a = l.a;
    const line: OfferLine = { key: l.id, variantId: prevVariant, quantity, unitPrice, abVariantId: (a && a.v) || undefined, verdict: null };
    let g = last !== undefined && last.offerId === offerId ? last : groupOf.get(offerId);
    if (g === undefined) {
      g = { offerId, lines: [] };
      groupOf.set(offerId, g);
      groups.push(g);
      // A second offer: from now on the cart order is kept apart from the groups.
      if (groups.length === 2) interleaved = (groups[0] as OfferGroup).lines.slice();
    }
    g.lines.push(line);
    if (interleaved !== null) interleaved.push(line);
    last = g;
  }
  // With one offer named, its group is the offer lines in cart order.
  const offerLines = interleaved ?? (groups.length ? (groups[0] as OfferGroup).lines : []);
  return { currency, rateMicros: rate, offerLines, groups, shopperLines, digits, config: input.discount.metafield?.jsonValue, asked: null };
}

/** No slot asked: one list for every run, none allocated. */
export const NONE_ASKED: readonly AskedSlot[] = [];

const PRODUCT_GID = "gid://shopify/Product/";
const VARIANT_GID = "gid://shopify/ProductVariant/";

/**
 * The trigger ids present among the shopper's lines, kept as the input
 * names them (GIDs) and asked by the numeric id the config holds. Only the
 * ids the named offers' triggers list are looked for (decision 0082), so
 * `has` answers for those; the rules ask about no other.
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

/** Whether `asked` trigger ids are looked for among `lines` shopper lines rather than every line's GID kept (see wantedGids). */
export function lookForAsked(asked: number, lines: number): boolean {
  return asked * 3 <= lines;
}

/**
 * The GIDs of the ids the named offers' triggers list under `key`, to be
 * looked for. Asked only when looking pays (lookForAsked): a GID made and
 * added costs about 7K Wasm instructions, a line's lookup 2.5K, a line's
 * add 4.8K, so looking only for the asked ones pays while they number under
 * a third of the lines; otherwise every line's GID is kept.
 */
function wantedGids(offers: readonly FunctionOffer[], key: "products" | "variants", prefix: string): Set<string> {
  const wanted = new Set<string>();
  for (let k = 0; k < offers.length; k++) {
    const ids = (offers[k] as FunctionOffer).trigger[key];
    for (let i = 0; i < ids.length; i++) wanted.add(prefix + (ids[i] as string));
  }
  return wanted;
}

/**
 * The facts the offer rules read (engine TriggerFacts), from the shopper's
 * lines, in one pass: subtotal and item count of every readable shopper
 * line with a positive quantity, as cartFacts counts them; of products and
 * variants only when a named offer's trigger lists some: the asked GIDs
 * each looked for until found (decision 0082), or, when they are many
 * against the lines, every line's GID kept (wantedGids); collections and tags only for
 * the slots a named offer's trigger names. The rules only ask about those,
 * so they get the answers cartFacts over toEngineCart gives
 * (function-path.property.test.ts) for ids in Shopify's form
 * (gid://shopify/Product/<id>, gid://shopify/ProductVariant/<id>).
 */
export function shopperFacts(cart: SplitCart, offers: readonly FunctionOffer[]): TriggerFacts {
  // One pass over the named offers for everything their triggers ask (decision 0099).
  const wantedCollections = new Set<string>();
  const wantedTags = new Set<string>();
  let askedProducts = 0;
  let askedVariants = 0;
  let automatic = false;
  for (let k = 0; k < offers.length; k++) {
    const o = offers[k] as FunctionOffer;
    const t = o.trigger;
    for (let i = 0; i < t.collections.length; i++) wantedCollections.add(t.collections[i] as string);
    for (let i = 0; i < t.tags.length; i++) wantedTags.add((t.tags[i] as string).toLowerCase());
    askedProducts += t.products.length;
    askedVariants += t.variants.length;
    if (o.auto !== undefined) automatic = true;
  }
  const lines = cart.shopperLines;
  // Each wanted GID leaves its set when a line has it: the lookups stop once every asked id is found.
  // An automatic offer's rule asks whether the shopper holds any product its lines name (decision 0086): every line's product is kept.
  const wantedProducts = !automatic && askedProducts !== 0 && lookForAsked(askedProducts, lines.length) ? wantedGids(offers, "products", PRODUCT_GID) : null;
  const wantedVariants = askedVariants !== 0 && lookForAsked(askedVariants, lines.length) ? wantedGids(offers, "variants", VARIANT_GID) : null;
  // Without a wanted set, every line's GID is kept when any trigger asks (as before decision 0082).
  const everyProduct = automatic || (wantedProducts === null && askedProducts !== 0);
  const everyVariant = wantedVariants === null && askedVariants !== 0;
  const productGids = new Set<string>();
  const variantGids = new Set<string>();
  let productsLeft = wantedProducts === null ? 0 : wantedProducts.size;
  let variantsLeft = wantedVariants === null ? 0 : wantedVariants.size;
  // Only the slots a named offer's trigger can ask about are read, each until one line answers yes.
  let pending = 0;
  const asked = wantedCollections.size || wantedTags.size ? askedOf(cart) : NONE_ASKED;
  for (let i = 0; i < asked.length; i++) {
    const a = asked[i] as AskedSlot;
    if (a.collection !== undefined ? wantedCollections.has(a.collection) : a.tag !== undefined && wantedTags.has(a.tag.toLowerCase())) pending |= a.bit;
  }
  let found = 0;
  const digits = cart.digits;
  const plain = PLAIN_PRICE[digits];
  const scale = POW10[digits] as number;
  let subtotal = 0;
  let items = 0;
  let count = 0;
  let prevAmount: unknown;
  let prevPrice: number | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as InputLine;
    const m = l.m as { id?: string; p?: Product };
    // Custom products carry no variant or product (the query's fragment is on ProductVariant): a named read is cheaper than `in`.
    const p = m.p;
    if (p === undefined) continue;
    const quantity = l.q;
    // As toLine (a safe integer) then cartFacts (positive) decide; the int32 test spares the call for every usual quantity.
    if (!(quantity > 0) || ((quantity | 0) !== quantity && !Number.isSafeInteger(quantity))) continue;
    // The line before's price when the amount repeats (a string compare costs a fraction of the regex, decision 0099);
    // else unitPriceOf's fast path inlined (a call a line costs more than the multiply); anything else goes through it.
    const amount = l.c.p.a;
    if (amount !== prevAmount) {
      prevAmount = amount;
      prevPrice = plain !== undefined && typeof amount === "string" && plain.test(amount) ? Math.round(+amount * scale) : -1;
      if (!(prevPrice >= 0 && prevPrice <= EXACT_MINOR)) prevPrice = unitPriceOf(amount, digits);
    }
    const unitPrice = prevPrice;
    if (unitPrice === null || unitPrice < 0) continue;
    subtotal += unitPrice * quantity;
    items += quantity;
    count++;
    if (productsLeft !== 0) {
      const gid = p.id;
      if ((wantedProducts as Set<string>).delete(gid)) {
        productGids.add(gid);
        productsLeft--;
      }
    } else if (everyProduct) productGids.add(p.id);
    if (variantsLeft !== 0) {
      const gid = m.id as string;
      if ((wantedVariants as Set<string>).delete(gid)) {
        variantGids.add(gid);
        variantsLeft--;
      }
    } else if (everyVariant) variantGids.add(m.id as string);
    if (pending !== 0) {
      // Unrolled: a named property read costs a fraction of a computed one in QuickJS.
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
  for (let i = 0; i < asked.length; i++) {
    const a = asked[i] as AskedSlot;
    if (!(found & a.bit)) continue;
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
