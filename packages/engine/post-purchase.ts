import { applyDiscount } from "./money";
import { capAllows } from "./price-cap";
import type { Cart, Content, Decision, Discount, Minor, VariantPriceAndStock } from "./types";

/*
 * The one-click offer after payment (Shopify's post-purchase page), in the
 * engine's terms. The server decides with decide() like every surface; this
 * module holds only what is particular to the page: the purchase as a cart,
 * the quantity the cap allows, and the changeset Shopify applies.
 *
 * Everything is in the shop currency: the token Shopify signs carries each
 * line's price in shop money, and the Admin API prices offered variants in it,
 * so the cap is judged without a rate. Shopify shows the shopper presentment
 * amounts itself (calculateChangeset).
 */

/** One line of the paid order, as the post-purchase input token carries it (numeric ids). */
export interface PurchaseLine {
  productId: string;
  variantId: string;
  quantity: number;
  /** The line's total after discounts, shop currency minor units. */
  totalMinor: Minor;
  tags?: string[];
  collectionIds?: string[];
}

/** Most units one click may add, whatever the cap would allow: a second thought is a new order. */
export const ONE_CLICK_MAX_QUANTITY = 5;

/** The paid order as the engine's cart: what the cap is measured against. */
export function purchaseCart(currency: string, lines: PurchaseLine[], variants: Record<string, VariantPriceAndStock>): Cart {
  return {
    currency,
    rateMicros: 1_000_000,
    lines: lines.map((l, i) => ({
      key: `purchase-${i}`,
      productId: l.productId,
      variantId: l.variantId,
      quantity: l.quantity,
      // Per unit, rounded down: the cap then errs on the side of the shopper.
      unitPrice: l.quantity > 0 ? Math.floor(l.totalMinor / l.quantity) : 0,
      tags: l.tags,
      collectionIds: l.collectionIds,
    })),
    variants,
  };
}

/**
 * How many units one click may add: the most whose discounted total stays
 * under the offer's cap on the paid order's subtotal, at most
 * ONE_CLICK_MAX_QUANTITY; 0 when not even one fits.
 */
export function maxOneClickQuantity(discountedUnit: Minor, subtotal: Minor, capBps: number): number {
  if (discountedUnit <= 0) return subtotal > 0 ? ONE_CLICK_MAX_QUANTITY : 0;
  let n = 0;
  while (n < ONE_CLICK_MAX_QUANTITY && capAllows(discountedUnit * (n + 1), subtotal, capBps)) n++;
  return n;
}

export interface OneClickVariant {
  id: string;
  title: string;
  /** Shop currency minor units, before and after the offer's discount. */
  price: number;
  discountedPrice: number;
  available: boolean;
  /** The most one click may add under the cap; 0 when none fits. */
  maxQuantity: number;
}

export interface OneClickItem {
  productId: string;
  title: string;
  image: { url: string; alt: string } | null;
  variants: OneClickVariant[];
}

/** What the post-purchase page shows: the server's answer to ShouldRender, kept in the page's storage for Render. */
export interface OneClickOffer {
  offerId: string;
  referenceId: string;
  content: Content;
  currency: string;
  /** Whole-percent discount for the badge, or null for none / fixed. */
  discountPercent: number | null;
  /** The discount as the changeset states it, so the page's calculateChangeset shows what the signed one will charge. */
  discount: ExplicitDiscount | null;
  items: OneClickItem[];
  /** Only when the offer states an end: honest urgency. */
  endsAt: number | null;
}

/** Shopify's ExplicitDiscount on an add_variant change (post-purchase API). */
export interface ExplicitDiscount {
  value: number;
  valueType: "percentage" | "fixed_amount";
  title: string;
}

export interface AddVariantChange {
  type: "add_variant";
  variantId: number;
  quantity: number;
  discount?: ExplicitDiscount;
}

/** The engine's discount as Shopify's explicit discount; amounts in the shop currency's major units, as Shopify reads them. */
export function explicitDiscount(discount: Discount, shopDigits: number, title: string): ExplicitDiscount | undefined {
  if (discount.kind === "PERCENT") return { value: discount.bps / 100, valueType: "percentage", title };
  if (discount.kind === "FIXED") return { value: discount.amount / 10 ** shopDigits, valueType: "fixed_amount", title };
  return undefined;
}

export type OneClickPick = { ok: true; change: AddVariantChange; unitPrice: Minor; discountedUnit: Minor } | { ok: false; message: string };

/**
 * Checks the shopper's pick against the decision the server just made (never
 * against what the page sent back) and builds the one change to sign.
 */
export function oneClickChange(args: {
  decision: Decision;
  /** The offer's cap and the paid order's subtotal (shop minor units): what the cap is measured against. */
  capBps: number;
  subtotal: Minor;
  variantId: string;
  quantity: number;
  facts: VariantPriceAndStock | undefined;
  shopDigits: number;
  discountTitle: string;
}): OneClickPick {
  const { decision, variantId, quantity, facts } = args;
  if (!decision.items.some((i) => i.variantIds.includes(variantId))) return { ok: false, message: "That variant is not part of the offer" };
  if (!facts || !facts.available) return { ok: false, message: "That variant is not available" };
  if (!Number.isInteger(quantity) || quantity < 1) return { ok: false, message: "Quantity must be a whole number of at least 1" };
  const discountedUnit = applyDiscount(facts.unitPrice, decision.discount, 1_000_000);
  const max = maxOneClickQuantity(discountedUnit, args.subtotal, args.capBps);
  if (max === 0) return { ok: false, message: "That would raise the order by more than the shop allows" };
  if (quantity > max) return { ok: false, message: `At most ${max} can be added` };
  const change: AddVariantChange = { type: "add_variant", variantId: Number(variantId), quantity };
  const d = explicitDiscount(decision.discount, args.shopDigits, args.discountTitle);
  if (d) change.discount = d;
  return { ok: true, change, unitPrice: facts.unitPrice, discountedUnit };
}
