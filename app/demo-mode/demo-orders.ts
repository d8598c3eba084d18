import { seedCatalog } from "./catalog";
import { syntheticOrders } from "../recommendations/synthetic-shop";

/*
 * The demo shop's past orders (issue 18): 400 synthetic orders over the demo
 * catalogue with a few planted pairs, so `npm run demo` shows co-purchase
 * recommendations. The seed counts the older 300 straight away; the fake
 * Admin API's bulk export holds all 400, so the page's Backfill adds the
 * newest 100 (and shows that orders already counted are not counted again).
 */

export const DEMO_ORDER_COUNT = 400;
export const DEMO_ORDERS_SEEDED = 300;

/** What goes with what in the demo shop. */
export const DEMO_PLANTED_PAIRS: [string, string][] = [
  ["trail-runner", "merino-socks"],
  ["phone-x", "phone-case"],
  ["coffee-grinder", "coffee-beans"],
  ["yoga-mat", "yoga-block"],
  ["day-backpack", "rain-cover"],
];

export interface DemoOrder {
  /** Numeric order id. */
  id: string;
  createdAt: Date;
  /** Numeric product ids, one per line. */
  productIds: string[];
}

/** Newest last, one every 5 hours up to `now`; deterministic apart from `now`. */
export function demoOrders(now: number): DemoOrder[] {
  const catalog = seedCatalog().filter((p) => p.variants.some((v) => v.inventory !== 0));
  const gid = (id: number) => `gid://shopify/Product/${id}`;
  const byHandle = new Map(catalog.map((p) => [p.handle, p.id]));
  const plantedPairs = DEMO_PLANTED_PAIRS.flatMap(([a, b]) => {
    const x = byHandle.get(a);
    const y = byHandle.get(b);
    return x && y ? [[gid(x), gid(y)] as [string, string]] : [];
  });
  const orders = syntheticOrders({
    seed: 18,
    productIds: catalog.map((p) => gid(p.id)),
    orders: DEMO_ORDER_COUNT,
    plantedPairs,
    complementRate: 0.6,
    zipf: 0.8,
    noise: 0.2,
  });
  return orders.map((o, i) => ({
    id: String(91_000 + i),
    createdAt: new Date(now - (DEMO_ORDER_COUNT - i) * 5 * 3_600_000),
    productIds: o.productIds.map((id) => id.split("/").pop() as string),
  }));
}
