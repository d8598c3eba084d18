import type { Api as BlockApi } from "@shopify/ui-extensions/purchase.checkout.block.render";
import type { Api as ThankYouApi } from "@shopify/ui-extensions/purchase.thank-you.block.render";

/**
 * The parts of the `shopify` global this extension uses. Both targets provide
 * everything here except applyCartLinesChange, applyAttributeChange and
 * instructions (checkout only) and
 * orderConfirmation and sessionToken (used on thank-you only).
 */
export type ShopifyApi = Pick<BlockApi, "lines" | "appMetafields" | "attributes" | "localization" | "buyerIdentity" | "query" | "storage" | "i18n" | "shop" | "checkoutToken"> &
  Partial<Pick<BlockApi, "applyCartLinesChange" | "applyAttributeChange" | "instructions">> &
  Partial<Pick<ThankYouApi, "orderConfirmation" | "sessionToken">>;

/** The global Shopify's host installs before the module runs. */
export const shopifyGlobal = (): ShopifyApi => (globalThis as unknown as { shopify: ShopifyApi }).shopify;
