import { COLLECTIONS, seedCatalog, type SimProduct } from "../storefront/catalog";
import type { CollectionFixture, ProductFixture } from "./fake-admin-api";

/*
 * The simulated shop's catalog as the Admin API and App Bridge's
 * ResourcePicker present it: GIDs, decimal price strings in the shop
 * currency (EUR). One seeded catalog feeds the storefront and the admin, so
 * an id picked in the admin is the id the storefront puts in the cart.
 */

const decimal = (minor: number) => (minor / 100).toFixed(2);

export function productFixture(p: SimProduct): ProductFixture {
  return {
    id: `gid://shopify/Product/${p.id}`,
    handle: p.handle,
    title: p.title,
    tags: p.tags,
    variants: p.variants.map((v) => ({ id: `gid://shopify/ProductVariant/${v.id}`, title: v.title, price: decimal(v.price), availableForSale: v.inventory === null || v.inventory > 0 })),
  };
}

export const demoProductFixtures = (): ProductFixture[] => seedCatalog().map(productFixture);

/** The demo's collections as the Admin API lists them: GID -> title and product GIDs, from the one seeded catalog. */
export function demoCollectionFixtures(): Map<string, CollectionFixture> {
  const products = seedCatalog();
  return new Map(
    COLLECTIONS.map((c) => [`gid://shopify/Collection/${c.id}`, { title: c.title, productIds: products.filter((p) => p.collections.includes(c.handle)).map((p) => `gid://shopify/Product/${p.id}`) }]),
  );
}

/** What the demo's ResourcePicker lists: products with variants, and collections. */
export function pickerCatalog() {
  return {
    products: seedCatalog().map((p) => ({ ...productFixture(p), image: `/img/${p.handle}.svg` })),
    collections: COLLECTIONS.map((c) => ({ id: `gid://shopify/Collection/${c.id}`, title: c.title, handle: c.handle })),
  };
}

/** settings_data.json of the demo theme with Tactful's app embed switched on (as the theme editor writes it). */
export const EMBED_ENABLED_SETTINGS_DATA = `/*
 * IMPORTANT: The contents of this file are auto-generated.
 */
${JSON.stringify({
  current: {
    blocks: {
      "4217984371093817321": { type: "shopify://apps/tactful-upsell/blocks/tactful-embed/0c1f3c1e-7b4e-4a4e-9d7a-tactful00001", disabled: false, settings: {} },
    },
  },
})}`;
