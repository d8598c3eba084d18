import type { ProductFixture } from "./fake-admin-api";

export type { ProductFixture };

export const SNEAKERS: ProductFixture = {
  id: "gid://shopify/Product/1001",
  handle: "trail-sneakers",
  title: "Trail sneakers",
  variants: [{ id: "gid://shopify/ProductVariant/2001", title: "42", price: "100.00" }],
};
export const SOCKS: ProductFixture = {
  id: "gid://shopify/Product/1002",
  handle: "merino-socks",
  title: "Merino socks",
  variants: [{ id: "gid://shopify/ProductVariant/2002", title: "Default Title", price: "12.00" }],
};
export const JACKET: ProductFixture = {
  id: "gid://shopify/Product/1003",
  handle: "rain-jacket",
  title: "Rain jacket",
  variants: [{ id: "gid://shopify/ProductVariant/2003", title: "M", price: "31.00" }],
};

/** A valid cross-sell as the editor posts it: socks offered with sneakers. */
export function crossSell(overrides: { name?: string; status?: string; discount?: unknown; version?: number; items?: unknown[]; triggerProducts?: unknown[] } = {}) {
  return {
    name: overrides.name ?? "Socks with sneakers",
    status: overrides.status ?? "ACTIVE",
    type: "CROSS_SELL",
    priority: 0,
    moments: ["ADD_TO_CART", "CART"],
    ...(overrides.version !== undefined ? { version: overrides.version } : {}),
    definition: {
      trigger: {
        match: "ANY",
        products: overrides.triggerProducts ?? [{ id: SNEAKERS.id, title: SNEAKERS.title, handle: SNEAKERS.handle }],
        variants: [],
        collections: [],
        tags: [],
        subtotalMin: null,
        subtotalMax: null,
        itemsMin: null,
        itemsMax: null,
      },
      items: overrides.items ?? [{ productId: SOCKS.id, handle: SOCKS.handle, title: SOCKS.title, variantIds: [SOCKS.variants[0]?.id] }],
      discount: overrides.discount ?? { kind: "PERCENT", bps: 1000 },
      capBps: null,
      delayMs: 0,
      timezone: "Europe/Berlin",
      startsAtLocal: null,
      endsAtLocal: null,
      content: { en: { headline: "Complete the look", body: "Soft merino socks.", accept: "Add socks", decline: "No thanks" } },
      abVariants: [],
      holdoutBps: 0,
    },
  };
}
