import { CHECKOUT_CONTENT_KEYS, checkoutContentFor, divRound, fractionDigits, fromDecimalString, numericId, parseStorefrontConfig, type Cart, type CartLine, type StorefrontConfig } from "@tactful/engine";

/*
 * Checkout's view of the world, translated into the engine's types. Pure:
 * the component reads the `shopify` signals and hands their values here.
 * Anything that cannot be read exactly is left out or fails closed.
 */

/** The subset of a checkout CartLine this extension reads (shopify.lines). */
export interface CheckoutLine {
  id: string;
  quantity: number;
  merchandise: { id: string; product: { id: string } };
  cost: { totalAmount: { amount: number; currencyCode: string } };
  attributes: { key: string; value: string }[];
}

export interface MetafieldEntry {
  target: { type: string; id: string };
  metafield: { namespace: string; key: string; value: string };
}



/** Checkout Money amounts are JS numbers; their shortest decimal form is parsed without float math. */
export function minor(amount: number, currency: string): number | null {
  return Number.isFinite(amount) ? fromDecimalString(String(amount), fractionDigits(currency)) : null;
}

/** Minor units back to the number i18n.formatCurrency expects. Display only, never compared. */
export const major = (amount: number, currency: string) => amount / 10 ** fractionDigits(currency);

/** The app-owned namespace as checkout serves it; the Shop is the only owner our sync writes for checkout (decision record 0052). */
const NAMESPACE = "$app:tactful";

/**
 * The compiled config with the copy for the buyer's language (or its base
 * language) merged in, and the primary locale's, which decide() shows only
 * for offers that allow it as a fallback (decision records 0074, 0091); or
 * null: show nothing.
 */
export function readConfig(entries: readonly MetafieldEntry[], locale: string): StorefrontConfig | null {
  const ours = entries.filter((e) => e.target.type === "shop" && e.metafield.namespace === NAMESPACE);
  const value = (key: string) => ours.find((e) => e.metafield.key === key)?.metafield.value;
  const main = value("config");
  if (main === undefined) return null;
  const groups = CHECKOUT_CONTENT_KEYS.map(value).filter((v): v is string => v !== undefined);
  const picked = checkoutContentFor(groups, locale);
  if (!picked) return null;
  const config = parseStorefrontConfig(main, ...picked.contents);
  if (!config) return null;
  return picked.primary ? { ...config, settings: { ...config.settings, defaultLocale: picked.primary } } : config;
}

/** Offer ids this visitor was held out of on the storefront (cart attribute `_tactful_ab`), so checkout keeps them out too. */
export function heldOutOffers(attributes: readonly { key: string; value: string }[]): Set<string> {
  const out = new Set<string>();
  const ab = attributes.find((a) => a.key === "_tactful_ab")?.value ?? "";
  for (const pair of ab.split(",")) {
    const [offer, bucket] = pair.split(":");
    if (offer && bucket === "holdout") out.add(offer);
  }
  return out;
}

/**
 * Checkout exposes no presentment rate. When the buyer pays in the shop's
 * currency the rate is exactly 1; otherwise offers whose outcome depends on
 * the rate (fixed-amount discounts, cart-value bounds) are dropped rather
 * than judged with a guessed rate.
 */
export function usableOffers(config: StorefrontConfig, sameCurrency: boolean, heldOut: Set<string>): StorefrontConfig {
  const rateFree = (o: StorefrontConfig["offers"][number]) =>
    o.discount.kind !== "FIXED" && o.abVariants.every((v) => v.discount?.kind !== "FIXED") && o.trigger.subtotalMin === undefined && o.trigger.subtotalMax === undefined;
  return { ...config, offers: config.offers.filter((o) => !heldOut.has(o.id) && (sameCurrency || rateFree(o))) };
}

/** The engine's cart from checkout lines; lines whose price cannot be read exactly are left out. */
export function toCart(lines: readonly CheckoutLine[], currency: string, tags: Record<string, string[]> = {}): Cart {
  const out: CartLine[] = [];
  for (const l of lines) {
    const total = minor(l.cost.totalAmount.amount, currency);
    if (total === null || l.quantity <= 0 || l.cost.totalAmount.currencyCode !== currency) continue;
    const productId = numericId(l.merchandise.product.id);
    const line: CartLine = { key: l.id, productId, variantId: numericId(l.merchandise.id), quantity: l.quantity, unitPrice: divRound(total, l.quantity) };
    const productTags = tags[productId];
    if (productTags) line.tags = productTags;
    const offer = l.attributes.find((a) => a.key === "_tactful_offer")?.value;
    if (offer) line.offerId = offer;
    const variant = l.attributes.find((a) => a.key === "_tactful_variant")?.value;
    if (variant) line.abVariantId = variant;
    out.push(line);
  }
  return { currency, rateMicros: 1_000_000, lines: out };
}

/** Default variants of every item the usable offers could present: their prices are needed before deciding. */
export function offeredVariantIds(config: StorefrontConfig, moment: string): string[] {
  const ids = new Set<string>();
  for (const o of config.offers) {
    if (!o.moments.includes(moment as never)) continue;
    for (const it of o.type === "UPSELL" ? o.upgrades.map((u) => u.to) : o.items) {
      const first = it.variantIds[0];
      if (first !== undefined) ids.add(first);
    }
  }
  return [...ids];
}

/** Whether any usable offer at this moment triggers on tags (checkout lines carry none; they are then fetched). */
export const needsTags = (config: StorefrontConfig, moment: string) => config.offers.some((o) => o.moments.includes(moment as never) && o.trigger.tags.length > 0);

/**
 * A permalink that starts a new order with the offered variant, its line
 * carrying `_tactful_offer` (and `_tactful_variant`) so orders/create
 * attributes it. Shopify reads `properties` as Base64 JSON for the first item.
 */
export function permalink(domain: string, variantId: string, offerId: string, abVariantId?: string): string {
  const props: Record<string, string> = { _tactful_offer: offerId };
  if (abVariantId) props._tactful_variant = abVariantId;
  const host = domain.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  return `https://${host}/cart/${variantId}:1?properties=${encodeURIComponent(btoa(JSON.stringify(props)))}`;
}
