/* Builders for model tests: a valid offer as the admin would save it. */
import type { ShopSettings } from "@tactful/engine/types";
import { offerDefinitionSchema, type OfferDefinitionInput, type OfferRecord } from "./offer.schema";
import { settingsFromRow } from "./settings.schema";

export const settings: ShopSettings = settingsFromRow({ capBps: 2500, maxPerSession: 1, cooldownDays: 7, paused: false, defaultLocale: "en" });

export const definitionInput = (over: Partial<OfferDefinitionInput> = {}): OfferDefinitionInput => ({
  trigger: { products: [{ id: "gid://shopify/Product/100", title: "Trail runner", handle: "trail-runner" }] },
  items: [{ productId: "gid://shopify/Product/200", handle: "wool-socks", title: "Wool socks", variantIds: ["gid://shopify/ProductVariant/2001"] }],
  discount: { kind: "PERCENT", bps: 1000 },
  content: { en: { headline: "Add socks?", body: "Warm feet on every trail.", accept: "Add socks", decline: "No thanks" } },
  ...over,
});

export function record(over: Partial<OfferRecord> = {}, def: Partial<OfferDefinitionInput> = {}): OfferRecord {
  return {
    id: "cm000000000000000000offer1",
    name: "Socks with runners",
    status: "ACTIVE",
    type: "CROSS_SELL",
    priority: 0,
    moments: "ADD_TO_CART,CART",
    definition: offerDefinitionSchema.parse(definitionInput(def)),
    ...over,
  };
}
