import { COLLECTIONS, seedCatalog, type SimProduct } from "../../app/demo-mode/catalog";
import { adminProduct } from "../../app/demo-mode/picker-catalog";
import type { CollectionFixture, ProductFixture } from "./fake-admin-api";

/*
 * The simulated shop's catalog as the fake Admin API serves it, built with
 * the app's demo-mode mapping (app/demo-mode/picker-catalog.ts) from the one
 * seeded catalog (app/demo-mode/catalog.ts).
 */

export const productFixture = (p: SimProduct): ProductFixture => adminProduct(p);

export const demoProductFixtures = (): ProductFixture[] => seedCatalog().map(productFixture);

/** The demo's collections as the Admin API lists them: GID -> title and product GIDs, from the one seeded catalog. */
export function demoCollectionFixtures(): Map<string, CollectionFixture> {
  const products = seedCatalog();
  return new Map(
    COLLECTIONS.map((c) => [`gid://shopify/Collection/${c.id}`, { title: c.title, productIds: products.filter((p) => p.collections.includes(c.handle)).map((p) => `gid://shopify/Product/${p.id}`) }]),
  );
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
