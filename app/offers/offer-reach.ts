import { decide } from "@tactful/engine/decide";
import { fractionDigits, fromDecimalString, minorRateMicros } from "@tactful/engine/money";
import type { Cart, CartLine, FrequencyMemory, ReasonCode, ShopperContext, ShopSettings } from "@tactful/engine/types";
import { explainReason, type HiddenReason, wholePercent, capNeededBps, listNames } from "./hidden-reasons";
import { numericId } from "@tactful/engine/shopify-id";
import { compileStorefrontConfig } from "./offer-compiler";
import type { OfferRecord } from "./offer.schema";

/*
 * Whether an active offer can show at all (decision record 0075). The engine
 * itself decides, over the offer's own trigger products: for each, a cart
 * holding one unit of it (all of them together for an "all of" trigger),
 * at the offer's first moment, for the shopper its audience asks for, with
 * live prices. When every such cart is refused for a reason that is the
 * offer's own (over its cap, sold out, schedule ended, no copy), the offer
 * never shows, and the list and Home say so. Anything that depends on the
 * cart or the shopper (a minimum cart value, a product already in the cart)
 * could change with another cart, so it never makes an offer "never shows".
 * Browser-safe: the products come in from the caller.
 */

/** A product with its variants' prices, as the Admin API gives them (decimal strings). */
export interface ReachProduct {
  id: string;
  title: string;
  variants: { nodes: { id: string; price: string; availableForSale: boolean }[] };
}

export type Reach =
  | { kind: "SHOWS" }
  /** Cannot tell: no trigger product to try (collections, tags, any cart), or Shopify did not answer. */
  | { kind: "UNKNOWN"; why: string }
  | { kind: "NEVER"; code: ReasonCode; message: string; fix: string };

/** Reasons that belong to the offer, not to a cart or a shopper: if every trigger cart hits one, no cart escapes it. */
const OFFER_OWN: ReadonlySet<ReasonCode> = new Set(["NOT_IN_SCHEDULE", "OVER_PRICE_CAP", "UNAVAILABLE", "PRICE_UNKNOWN", "INVALID_OFFER", "NO_COPY"]);
const ORDER: ReasonCode[] = ["INVALID_OFFER", "NOT_IN_SCHEDULE", "NO_COPY", "UNAVAILABLE", "PRICE_UNKNOWN", "OVER_PRICE_CAP"];

/** Prices as the storefront's Ajax API counts them: hundredths of the currency, yen too. */
const ajaxUnits = (price: string) => fromDecimalString(price, 2) ?? 0;

/** The shopper the offer's audience asks for, so only the offer's own reasons can hide it. */
function audienceShopper(o: OfferRecord, locale: string, moment: ShopperContext["moment"]): ShopperContext {
  const s = o.definition.segment;
  return {
    moment,
    // New or returning is known only of a logged-in customer.
    loggedIn: s.customer === "LOGGED_IN" || (s.customer !== "GUEST" && s.history !== "ANY"),
    customerTags: s.tagsInclude.slice(0, 1),
    ...(s.history === "RETURNING" ? { returning: true } : s.history === "NEW" ? { returning: false } : {}),
    ...(s.countries[0] ? { country: s.countries[0] } : {}),
    ...(s.markets[0] ? { market: s.markets[0] } : {}),
    locale,
    visitorId: "offer-reach",
  };
}

/** The offer's trigger carts: product ids, one cart per product (ANY) or one with them all (ALL). */
function triggerCarts(o: OfferRecord): string[][] {
  const d = o.definition;
  if (o.type === "UPSELL") return [...new Set(d.upgrades.map((u) => numericId(u.from.productId)))].map((p) => [p]);
  const products = [...new Set(d.trigger.products.map((p) => numericId(p.id)))];
  // Collections, tags or single variants also trigger it: a cart of the listed products alone may not be one that can.
  if (d.trigger.collections.length || d.trigger.tags.length || d.trigger.variants.length) return [];
  return d.trigger.match === "ALL" ? (products.length ? [products] : []) : products.map((p) => [p]);
}

export function offerReach(o: OfferRecord, settings: ShopSettings, products: readonly ReachProduct[], currency: string, now: number): Reach {
  const d = o.definition;
  let config;
  try {
    config = compileStorefrontConfig([{ ...o, status: "ACTIVE" }], { ...settings, paused: false });
  } catch {
    return { kind: "NEVER", code: "INVALID_OFFER", ...fixOf("INVALID_OFFER", o) };
  }
  const compiled = config.offers[0];
  if (!compiled) return { kind: "UNKNOWN", why: "The offer did not compile." };
  // A schedule that is over can never come back by itself; one that has not started yet will.
  if (compiled.endsAt !== undefined && compiled.endsAt <= now) {
    return { kind: "NEVER", code: "NOT_IN_SCHEDULE", message: "Its schedule has ended.", fix: "Move the end date, or archive the offer." };
  }
  // Its products are chosen per cart, partly by Shopify on the storefront (decision record 0085): no sample cart here can say it never shows.
  if (compiled.auto) return { kind: "UNKNOWN", why: "Its products are recommended for each cart; only the preview and the storefront can try them." };
  const carts = triggerCarts(o);
  if (!carts.length) return { kind: "UNKNOWN", why: "It is triggered by collections, tags, variants or any cart; only the preview can try those." };

  const byId = new Map(products.map((p) => [numericId(p.id), p]));
  const locales = Object.keys(d.content);
  // A language its audience speaks and it has copy in; else the audience's first language, where it has none (NO_COPY).
  const audience = d.segment.locales;
  const locale = audience.length
    ? (locales.find((l) => audience.some((s) => l === s || l.startsWith(`${s}-`))) ?? audience[0] ?? settings.defaultLocale)
    : (locales[0] ?? settings.defaultLocale);
  const shopper = audienceShopper(o, locale, compiled.moments[0] ?? "ADD_TO_CART");
  const memory: FrequencyMemory = { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] };
  const variants: Cart["variants"] = {};
  for (const p of products) for (const v of p.variants.nodes) variants[numericId(v.id)] = { unitPrice: ajaxUnits(v.price), available: v.availableForSale };

  let worst: { codes: ReasonCode[]; increaseBps?: number; capBps?: number } | undefined;
  let tried = 0;
  for (const ids of carts) {
    const lines: CartLine[] = [];
    for (const id of ids) {
      const v = byId.get(id)?.variants.nodes.find((x) => x.availableForSale) ?? byId.get(id)?.variants.nodes[0];
      if (v) lines.push({ key: `reach-${id}`, productId: id, variantId: numericId(v.id), quantity: 1, unitPrice: ajaxUnits(v.price) });
    }
    // A trigger product Shopify no longer has cannot be in a cart: this cart tells nothing.
    if (lines.length !== ids.length) continue;
    tried++;
    const cart: Cart = { currency, rateMicros: minorRateMicros(1_000_000, 2, fractionDigits(currency)), lines, variants };
    // An offer that has yet to start is judged as on its first day: it will show then, or it will not.
    const r = decide(config, cart, shopper, memory, Math.max(now, compiled.startsAt ?? now));
    if (r.show) return { kind: "SHOWS" };
    const mine = r.reasons.find((x) => x.offerId === o.id);
    if (!mine || mine.codes.some((c) => !OFFER_OWN.has(c))) return { kind: "SHOWS" };
    // The cart that comes closest: the smallest increase over the cap.
    const inc = mine.detail?.increaseBps;
    if (!worst || (inc !== undefined && (worst.increaseBps === undefined || inc < worst.increaseBps))) worst = { codes: mine.codes, ...mine.detail };
  }
  if (!worst || tried === 0) return { kind: "UNKNOWN", why: "Shopify no longer has its trigger products." };
  const code = ORDER.find((c) => worst.codes.includes(c)) ?? worst.codes[0] ?? "INVALID_OFFER";
  if (code === "OVER_PRICE_CAP" && worst.increaseBps !== undefined && worst.capBps !== undefined) {
    const offered = offeredNames(o);
    const one = carts.length === 1 ? "its trigger product" : "any one of its trigger products";
    return {
      kind: "NEVER",
      code,
      message: `Over its ${wholePercent(worst.capBps)} cap for every trigger: adding ${offered} to a cart of ${one} raises it by ${wholePercent(worst.increaseBps, "up")}.`,
      fix: `Raise the cap to ${wholePercent(capNeededBps(worst.increaseBps))}, or offer a cheaper product.`,
    };
  }
  const unavailable = (o.type === "UPSELL" ? d.upgrades.map((u) => u.to) : d.items)
    .filter((ref) => !ref.variantIds.some((id) => variants[numericId(id)]?.available))
    .map((ref) => ref.title || ref.handle);
  return { kind: "NEVER", code, ...fixOf(code, o, { unavailable, locale }) };
}

const offeredNames = (o: OfferRecord) =>
  listNames([...new Set((o.type === "UPSELL" ? o.definition.upgrades.map((u) => u.to) : o.definition.items).map((i) => i.title || i.handle))]) || "the offered products";

function fixOf(code: ReasonCode, o: OfferRecord, extra: { unavailable?: string[]; locale?: string } = {}): Pick<HiddenReason, "message" | "fix"> {
  const moments = typeof o.moments === "string" ? o.moments.split(",") : o.moments;
  const offered = (o.type === "UPSELL" ? o.definition.upgrades.map((u) => u.to) : o.definition.items).map((i) => i.title || i.handle);
  const r = explainReason(code, undefined, { type: o.type, moments, offered, ...extra });
  return { message: r.message, fix: r.fix };
}

/** Every product id the reach of these offers needs prices for: trigger products and what they offer. */
export function reachProductIds(offers: readonly OfferRecord[]): string[] {
  const ids = new Set<string>();
  for (const o of offers) {
    const d = o.definition;
    for (const p of d.trigger.products) ids.add(numericId(p.id));
    for (const i of d.items) ids.add(numericId(i.productId));
    for (const u of d.upgrades) {
      ids.add(numericId(u.from.productId));
      ids.add(numericId(u.to.productId));
    }
  }
  return [...ids];
}
