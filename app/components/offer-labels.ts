/** Merchant-facing words for the offer model's enums, shared by the list and the editor. */

export const TYPE_LABEL: Record<string, string> = { UPSELL: "Upsell", CROSS_SELL: "Cross-sell", BUNDLE: "Bundle" };

export const MOMENT_LABEL: Record<string, string> = {
  ADD_TO_CART: "After add-to-cart",
  CART: "Cart page and drawer",
  PRE_CHECKOUT: "Before checkout",
  CHECKOUT: "Checkout",
  THANK_YOU: "Thank-you page",
  POST_PURCHASE: "After payment (one click)",
};

/** For the Offers table, where columns are narrow. */
export const MOMENT_SHORT: Record<string, string> = {
  ADD_TO_CART: "Add to cart",
  CART: "Cart",
  PRE_CHECKOUT: "Pre-checkout",
  CHECKOUT: "Checkout",
  THANK_YOU: "Thank you",
  POST_PURCHASE: "One click",
};

export const STATUS_LABEL: Record<string, string> = { DRAFT: "Draft", ACTIVE: "Active", PAUSED: "Paused", ARCHIVED: "Archived" };

export const STATUS_TONE: Record<string, "success" | "attention" | "info" | undefined> = {
  ACTIVE: "success",
  PAUSED: "attention",
  DRAFT: "info",
  ARCHIVED: undefined,
};

/** "Mar 29, 2026" in UTC: the list shows the stored instant; the editor shows the merchant's time zone. */
export function shortDate(iso: string | null): string | null {
  return iso ? new Date(iso).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" }) : null;
}

export function scheduleLabel(startsAt: string | null, endsAt: string | null): string {
  const s = shortDate(startsAt);
  const e = shortDate(endsAt);
  if (s && e) return `${s} – ${e}`;
  if (s) return `From ${s}`;
  if (e) return `Until ${e}`;
  return "Always";
}

/** The sources of an automatic cross-sell (decision record 0085), in the merchant's words; the preview names the one that chose each product. */
export const SOURCE_LABEL: Record<"co_purchase" | "shopify_complementary" | "shopify_related", string> = {
  co_purchase: "Bought together in your orders",
  shopify_complementary: "Shopify's complementary products",
  shopify_related: "Shopify's related products",
};

export const SOURCE_HELP: Record<keyof typeof SOURCE_LABEL, string> = {
  co_purchase: "Products your customers bought with the trigger, corrected for popularity.",
  shopify_complementary: "The pairs you set in Shopify's Search & Discovery app (“Pairs well with”).",
  shopify_related: "Products Shopify finds similar or complementary, from your catalog and sales.",
};
