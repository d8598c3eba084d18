import { assign, type Assignment } from "./bucketing";
import { frequencyCodes } from "./frequency";
import { applyDiscount, convert } from "./money";
import { capAllows, headroom, increaseBps } from "./price-cap";
import { chooseAuto } from "./recommend";
import { segmentMatches } from "./segment";
import { summarizeCart, inCart, inSchedule, itemsInRange, subtotalInRange, triggerMatches, type CartSummary } from "./trigger";
import type {
  AbVariant,
  Cart,
  CompiledOffer,
  Content,
  DecideResult,
  Discount,
  FrequencyMemory,
  NoDecision,
  OfferedItem,
  PresentedItem,
  ReasonCode,
  ShopperContext,
  StorefrontConfig,
  UpgradeMapping,
} from "./types";

/** The rule of three: a popup never presents more than three products. */
export const MAX_ITEMS = 3;

/**
 * The most cart lines, the offer's own included, on which a discounted offer
 * is shown (decision 0095). Shopify counts the discount Function's
 * instructions, and reading the input alone costs about 66K a line on its
 * runtime, so the Function prices carts of up to FUNCTION_PRICED_LINES
 * (0097); past them it applies nothing, and the shopper would pay full price
 * for a discount the popup promised. After payment no Function runs (the
 * changeset is priced by the app), so it does not apply.
 */
export const FUNCTION_MAX_LINES = 40;

/**
 * The most cart lines the discount Function prices (decision 0097); past
 * them it answers "no discount" before reading a line. Below its instruction
 * limit on every measured shape (49 lines on Shopify's plugin v3, 56 on v4),
 * and above FUNCTION_MAX_LINES by four lines: a shopper who accepted an offer
 * on a 40-line cart may add a few more and keep the discount.
 */
export const FUNCTION_PRICED_LINES = 44;

type Reason = NoDecision["reasons"][number];
const NO_BUCKET: Assignment = { holdout: false, index: -1 };

interface Priced {
  items: PresentedItem[];
  increase: number;
  base: number;
  codes: ReasonCode[];
}

/** Highest priority first; ties break on id so every surface picks the same offer. */
export function byPriority(a: CompiledOffer, b: CompiledOffer): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Shopper's locale, then its language ("pt-BR" -> "pt"), and never another
 * language (decision record 0074), unless the offer allows the shop's default
 * locale as a fallback (0091): then that copy, with its locale (contentLocale), so the surface
 * can mark it as another language. An A/B variant's copy wins over the offer's
 * in each locale, the fallback included.
 */
export function pickContent(
  offer: CompiledOffer,
  v: AbVariant | undefined,
  locale: string,
  defaultLocale?: string,
): { content: Content; contentLocale?: string } | undefined {
  const tried = [locale, locale.split("-")[0] ?? locale];
  if (offer.fallbackToDefaultLocale && defaultLocale) tried.push(defaultLocale);
  for (const [i, l] of tried.entries()) {
    const c = v?.content?.[l] ?? offer.content?.[l];
    if (c) return i < 2 ? { content: c } : { content: c, contentLocale: l };
  }
  return undefined;
}

function present(it: OfferedItem, cart: Cart, d: Discount, replacesLineKey?: string): { item: PresentedItem; known: boolean; available: boolean } {
  const first = it.variantIds[0];
  const facts = first === undefined ? undefined : cart.variants?.[first];
  const item: PresentedItem = { productId: it.productId, handle: it.handle, variantIds: it.variantIds };
  if (replacesLineKey !== undefined) item.replacesLineKey = replacesLineKey;
  if (facts) {
    item.unitPrice = facts.unitPrice;
    item.discountedPrice = applyDiscount(facts.unitPrice, d, cart.rateMicros);
  }
  return { item, known: !!facts, available: !!facts && facts.available };
}

/**
 * UPSELL: each trigger line with an upgrade is a swap, measured against that
 * line: (upgrade price - line price) x qty vs line price x qty. Swaps that
 * break the cap are left out; the offer shows if at least one fits.
 * CROSS_SELL / BUNDLE: the offered items' discounted prices (default variant,
 * qty 1) vs the shopper's own subtotal. A bundle needs every item available.
 */
/** How an automatic offer's products are chosen: chooseAuto, passed in so a surface can load it only when it has such offers. */
export type AutoChooser = typeof chooseAuto;

function price(o: CompiledOffer, cart: Cart, f: CartSummary, d: Discount, choose: AutoChooser | undefined, collections?: Record<string, string[]>): Priced {
  // An automatic cross-sell chooses its products for this cart, under the same rules (decision record 0085);
  // without the chooser there is nothing to choose with.
  if (o.auto) return choose && o.type === "CROSS_SELL" ? choose(o, cart, f, d, MAX_ITEMS, collections) : { items: [], increase: 0, base: f.subtotal, codes: ["NO_RECOMMENDATION"] };
  const out: Priced = { items: [], increase: 0, base: 0, codes: [] };
  if (o.type === "UPSELL") {
    let over: Priced | undefined;
    let matched = false;
    const used = new Set<string>();
    for (const u of o.upgrades) {
      if (out.items.length >= MAX_ITEMS) break;
      const line = swappable(u, f)?.find((l) => !used.has(l.key));
      if (!line) continue;
      matched = true;
      const p = present(u.to, cart, d, line.key);
      if (!p.known) return { ...out, codes: ["PRICE_UNKNOWN"] };
      if (!p.available) continue;
      const inc = ((p.item.discountedPrice ?? 0) - line.unitPrice) * line.quantity;
      const base = line.unitPrice * line.quantity;
      if (!capAllows(inc, base, o.capBps)) {
        over ??= { items: [], increase: inc, base, codes: ["OVER_PRICE_CAP"] };
        continue;
      }
      used.add(line.key);
      out.items.push(p.item);
      out.increase += inc;
      out.base += base;
    }
    if (!out.items.length) return over ?? { ...out, codes: [matched ? "UNAVAILABLE" : "TRIGGER_NOT_IN_CART"] };
    return out;
  }
  out.base = f.subtotal;
  for (let i = 0; i < o.items.length && i < MAX_ITEMS; i++) {
    const p = present(o.items[i] as OfferedItem, cart, d);
    if (!p.known) return { ...out, items: [], codes: ["PRICE_UNKNOWN"] };
    if (!p.available) {
      if (o.type === "BUNDLE") return { ...out, items: [], codes: ["UNAVAILABLE"] };
      continue;
    }
    out.items.push(p.item);
    out.increase += p.item.discountedPrice ?? 0;
  }
  if (!out.items.length) out.codes.push("UNAVAILABLE");
  else if (!capAllows(out.increase, out.base, o.capBps)) out.codes.push("OVER_PRICE_CAP");
  return out;
}

/** The shopper's lines an upgrade can replace: by variant when the mapping names one, else by product. */
const swappable = (u: UpgradeMapping, f: CartSummary) => (u.fromVariantId ? f.byVariant.get(u.fromVariantId) : f.byProduct.get(u.fromProductId));

function upsellTriggerFound(o: CompiledOffer, f: CartSummary): boolean {
  return o.type !== "UPSELL" || o.upgrades.some((u) => swappable(u, f) !== undefined);
}

function offersHeldVariant(o: CompiledOffer, held: Set<string>): boolean {
  for (const it of o.items) for (const v of it.variantIds) if (held.has(v)) return true;
  for (const u of o.upgrades) for (const v of u.to.variantIds) if (held.has(v)) return true;
  return false;
}

/** The compiler emits offers already in priority order; only sort (a copy) when they are not. */
function ordered(offers: CompiledOffer[]): CompiledOffer[] {
  for (let i = 1; i < offers.length; i++) if (byPriority(offers[i - 1] as CompiledOffer, offers[i] as CompiledOffer) > 0) return [...offers].sort(byPriority);
  return offers;
}

/**
 * Picks the one offer to show now, or explains for every candidate why not.
 * Pure: same inputs, same answer, on every surface.
 */
export function decide(config: StorefrontConfig, cart: Cart, ctx: ShopperContext, memory: FrequencyMemory, now: number): DecideResult {
  return decideWith(chooseAuto, config, cart, ctx, memory, now);
}

/**
 * decide() with the automatic offers' chooser given (or not: such offers
 * then say NO_RECOMMENDATION). The storefront's popup module uses this and
 * gets the chooser from the cart chunk, so shops without automatic offers
 * never download it (decision record 0085).
 */
export function decideWith(choose: AutoChooser | undefined, config: StorefrontConfig, cart: Cart, ctx: ShopperContext, memory: FrequencyMemory, now: number): DecideResult {
  const s = config.settings;
  if (s.paused) return { show: false, reasons: config.offers.map((o) => ({ offerId: o.id, codes: ["PAUSED"] })) };
  const f = summarizeCart(cart);
  const held = inCart(cart);
  const conv = (n: number) => convert(n, cart.rateMicros);
  const moment = ctx.moment;
  const reasons: Reason[] = [];
  let holdout: NoDecision["holdout"];
  for (const o of ordered(config.offers)) {
    if (holdout) {
      reasons.push({ offerId: o.id, codes: ["LOWER_PRIORITY"] });
      continue;
    }
    const codes: ReasonCode[] = [];
    if (!o.moments.includes(moment)) codes.push("WRONG_MOMENT");
    if (!inSchedule(o, now)) codes.push("NOT_IN_SCHEDULE");
    if (!triggerMatches(o.trigger, f, config.collections) || !upsellTriggerFound(o, f)) codes.push("TRIGGER_NOT_IN_CART");
    if (!subtotalInRange(o.trigger, f, conv)) codes.push("SUBTOTAL_OUT_OF_RANGE");
    if (!itemsInRange(o.trigger, f)) codes.push("ITEM_COUNT_OUT_OF_RANGE");
    if (!segmentMatches(o.segment, ctx)) codes.push("SEGMENT_MISMATCH");
    if (held.offers.has(o.id) || offersHeldVariant(o, held.variants)) codes.push("ALREADY_IN_CART");
    frequencyCodes(o.id, memory, s, now, codes);
    // The bucket matters for an offer that may still show, or whose variants change the price;
    // skipping it otherwise saves a hash per excluded offer.
    const a = codes.length && !o.abVariants.some((x) => x.discount) ? NO_BUCKET : assign(o, ctx.visitorId);
    const v = a.holdout ? undefined : a.variant;
    const discount = v?.discount ?? o.discount;
    const p = price(o, cart, f, discount, choose, config.collections);
    for (const c of p.codes) if (!codes.includes(c)) codes.push(c);
    // After payment the changeset carries its own price: no Function runs.
    if (discount.kind != "NONE" && moment != "POST_PURCHASE" && cart.lines.length + p.items.length > FUNCTION_MAX_LINES) codes.push("CART_TOO_LARGE");
    const copy = pickContent(o, v, ctx.locale, s.defaultLocale);
    if (!copy) codes.push("NO_COPY");
    if (!codes.length && a.holdout) {
      // Held out of the offer that would have shown: the slot stays empty so
      // revenue without the popup can be measured against revenue with it.
      holdout = { offerId: o.id, bucket: "holdout" };
      codes.push("HOLDOUT");
    }
    if (codes.length || !copy) {
      const r: Reason = { offerId: o.id, codes };
      if (codes.includes("OVER_PRICE_CAP")) {
        const inc = increaseBps(p.increase, p.base);
        r.detail = inc === undefined ? { capBps: o.capBps } : { increaseBps: inc, capBps: o.capBps };
      }
      reasons.push(r);
      continue;
    }
    return {
      show: true,
      offerId: o.id,
      type: o.type,
      // A holdout-only experiment still needs an arm on treated visitors, or their orders can't be told apart.
      ...(v ? { abVariantId: v.id, bucket: a.holdout === false && a.index === 0 ? "control" : v.id } : o.holdoutBps > 0 ? { bucket: "treated" } : {}),
      items: p.items,
      discount,
      delayMs: v?.delayMs ?? o.delayMs,
      // The copy, and its locale when it is not the shopper's language.
      ...copy,
      headroom: headroom(p.increase, p.base, o.capBps),
      ...(o.endsAt !== undefined && o.urgency.showEndDate ? { endsAt: o.endsAt } : {}),
      ...(o.urgency.lowStockBelow !== undefined ? { lowStockBelow: o.urgency.lowStockBelow } : {}),
    };
  }
  return holdout ? { show: false, reasons, holdout } : { show: false, reasons };
}
