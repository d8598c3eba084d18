/*
 * The simulated shop's seeded catalog. Prices are integer minor units of the
 * shop currency (EUR). Ids are numeric like Shopify's (the storefront never
 * sees gids). Images are tiny SVGs the server draws itself: no network.
 */

export interface SimVariant {
  id: number;
  title: string;
  price: number;
  compareAtPrice?: number;
  /** Tracked stock; `null` = not tracked (always available). */
  inventory: number | null;
}
export interface SimProduct {
  id: number;
  handle: string;
  title: string;
  vendor: string;
  type: string;
  tags: string[];
  collections: string[];
  colour: string;
  variants: SimVariant[];
}
export interface SimCollection {
  id: number;
  handle: string;
  title: string;
}

export const COLLECTIONS: SimCollection[] = [
  { id: 501, handle: "shoes", title: "Shoes" },
  { id: 502, handle: "accessories", title: "Accessories" },
  { id: 503, handle: "electronics", title: "Electronics" },
  { id: 504, handle: "coffee", title: "Coffee" },
  { id: 505, handle: "outdoor", title: "Outdoor" },
  { id: 506, handle: "yoga", title: "Yoga" },
];

type Seed = [handle: string, title: string, type: string, tags: string[], collections: string[], colour: string, variants: [string, number, number | null][]];

const SEEDS: Seed[] = [
  ["trail-runner", "Trail Runner", "Shoes", ["running", "trail"], ["shoes"], "#3d7a5a", [["40", 12000, 20], ["42", 12000, 20], ["44", 12000, 20]]],
  ["trail-runner-pro", "Trail Runner Pro", "Shoes", ["running", "trail", "premium"], ["shoes"], "#1f4d36", [["40", 14500, 15], ["42", 14500, 15], ["44", 14500, 15]]],
  ["merino-socks", "Merino Running Socks", "Socks", ["running", "socks"], ["accessories"], "#8a5a9e", [["S", 1500, null], ["M", 1500, null], ["L", 1700, null]]],
  ["shoe-care-kit", "Shoe Care Kit", "Care", ["care"], ["accessories"], "#9e7a3d", [["Default Title", 2200, null]]],
  ["cushion-insoles", "Cushion Insoles", "Insoles", ["running"], ["accessories"], "#c2553d", [["Default Title", 2500, 40]]],
  ["phone-x", "Phone X 128 GB", "Phone", ["phone"], ["electronics"], "#2d3a4a", [["Black", 60000, 10], ["Silver", 60000, 10]]],
  ["phone-x-pro", "Phone X Pro 256 GB", "Phone", ["phone", "premium"], ["electronics"], "#111a24", [["Black", 72000, 5], ["Silver", 72000, 5]]],
  ["phone-case", "Phone X Case", "Case", ["phone-accessory"], ["electronics", "accessories"], "#4a6fa5", [["Clear", 3000, null], ["Midnight", 3000, null]]],
  ["screen-protector", "Screen Protector", "Case", ["phone-accessory"], ["electronics", "accessories"], "#6b8fb5", [["Default Title", 1200, null]]],
  ["usb-c-charger", "USB-C Charger 30 W", "Charger", ["phone-accessory"], ["electronics"], "#5a5a5a", [["Default Title", 2500, null]]],
  ["coffee-beans", "Single-Origin Coffee Beans", "Coffee", ["coffee"], ["coffee"], "#6b4226", [["250 g", 1400, null], ["1 kg", 4800, null]]],
  ["coffee-grinder", "Burr Coffee Grinder", "Grinder", ["coffee", "kitchen"], ["coffee"], "#3b2a20", [["Default Title", 8000, 8]]],
  ["french-press", "French Press", "Brewer", ["coffee", "kitchen"], ["coffee"], "#a0522d", [["Default Title", 3500, null]]],
  ["yoga-mat", "Yoga Mat", "Mat", ["yoga"], ["yoga"], "#5e9e8a", [["Sage", 4000, 30], ["Plum", 4000, 30]]],
  ["yoga-mat-premium", "Yoga Mat Premium", "Mat", ["yoga", "premium"], ["yoga"], "#2f6f5e", [["Sage", 4800, 12], ["Plum", 4800, 12]]],
  ["yoga-block", "Cork Yoga Block", "Block", ["yoga"], ["yoga"], "#c9a36b", [["Default Title", 1200, null]]],
  ["water-bottle", "Insulated Water Bottle", "Bottle", ["outdoor"], ["outdoor", "accessories"], "#3d8fb5", [["500 ml", 2000, null], ["750 ml", 2400, null]]],
  ["day-backpack", "Day Backpack 20 L", "Bag", ["outdoor"], ["outdoor"], "#7a3d3d", [["Default Title", 9000, 25]]],
  ["rain-cover", "Backpack Rain Cover", "Bag", ["outdoor"], ["outdoor", "accessories"], "#d4a017", [["Default Title", 1500, null]]],
  ["headlamp", "Trail Headlamp", "Light", ["outdoor", "running"], ["outdoor"], "#e0663d", [["Default Title", 3500, 50]]],
  ["aa-batteries", "Rechargeable AA Batteries", "Battery", ["outdoor"], ["outdoor", "accessories"], "#4d4d8a", [["Default Title", 800, null]]],
  ["wool-scarf", "Limited Wool Scarf", "Scarf", ["limited"], ["accessories"], "#8e3b5a", [["Default Title", 4500, 3]]],
  ["sold-out-cap", "Sold-Out Cap", "Hat", ["limited"], ["accessories"], "#777777", [["Default Title", 2000, 0]]],
];

/**
 * The complementary products a merchant would set in Shopify's Search &
 * Discovery app ("Pairs well with"), by handle, in the merchant's order:
 * what the simulated storefront's recommendations/products.json answers for
 * intent=complementary (decision record 0085).
 */
export const COMPLEMENTARY: Record<string, string[]> = {
  "phone-x-pro": ["phone-case", "screen-protector", "usb-c-charger"],
  "phone-x": ["phone-case", "screen-protector", "usb-c-charger"],
  "day-backpack": ["rain-cover", "water-bottle", "aa-batteries", "headlamp"],
  "yoga-mat-premium": ["yoga-block", "water-bottle"],
  "yoga-mat": ["yoga-block"],
  "trail-runner": ["merino-socks", "shoe-care-kit", "cushion-insoles"],
  "coffee-grinder": ["coffee-beans", "french-press"],
  headlamp: ["aa-batteries"],
};

/** Builds a fresh catalog (tests mutate inventory, so every server gets its own copy). */
export function seedCatalog(): SimProduct[] {
  let vid = 2001;
  return SEEDS.map(([handle, title, type, tags, collections, colour, variants], i) => ({
    id: 1001 + i,
    handle,
    title,
    vendor: "Tactful Demo",
    type,
    tags,
    collections,
    colour,
    variants: variants.map(([t, price, inventory]) => ({ id: vid++, title: t, price, inventory })),
  }));
}

export const collectionId = (handle: string): number | undefined => COLLECTIONS.find((c) => c.handle === handle)?.id;

/** A small square SVG with the product's initials, served at /img/{handle}.svg. */
export function productSvg(p: SimProduct): string {
  const initials = p.title
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0] ?? "")
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320"><rect width="320" height="320" fill="${p.colour}"/><text x="160" y="185" font-family="sans-serif" font-size="96" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
}
