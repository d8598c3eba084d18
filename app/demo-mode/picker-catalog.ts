import { COLLECTIONS, seedCatalog, type SimProduct } from "./catalog";

/*
 * The demo catalog as the Admin API and App Bridge's ResourcePicker present
 * it: GIDs, decimal price strings in the shop currency (EUR). It lives in the
 * app because the app's demo mode serves the picker; the demo's fake Admin
 * API (demo/admin-api) builds its product fixtures from the same function,
 * so an id picked in the admin is the id the storefront puts in the cart.
 */

const decimal = (minor: number) => (minor / 100).toFixed(2);

export function adminProduct(p: SimProduct) {
  return {
    id: `gid://shopify/Product/${p.id}`,
    handle: p.handle,
    title: p.title,
    tags: p.tags,
    variants: p.variants.map((v) => ({ id: `gid://shopify/ProductVariant/${v.id}`, title: v.title, price: decimal(v.price), availableForSale: v.inventory === null || v.inventory > 0 })),
  };
}

/** What the demo's ResourcePicker lists: products with variants, and collections. */
export function pickerCatalog() {
  return {
    products: seedCatalog().map((p) => ({ ...adminProduct(p), image: `/img/${p.handle}.svg` })),
    collections: COLLECTIONS.map((c) => ({ id: `gid://shopify/Collection/${c.id}`, title: c.title, handle: c.handle })),
  };
}
