import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import { coPurchaseProvider } from "../../app/offers/co-purchase-provider.server";
import db from "../../app/platform/db.server";
import * as ordersCreate from "../../app/routes/webhooks.orders.create";
import * as shopRedact from "../../app/routes/webhooks.shop.redact";
import {
  coPurchaseRecommendations,
  recordOrderBatch,
  setOverride,
  trimRecommendationData,
  type OrderBasket,
} from "../../app/recommendations/recommendations.server";
import { withCleanDatabase } from "../helpers/db";
import { installShop, signedWebhook, TEST_SHOP } from "../helpers/shopify-requests";
import { orderPayload } from "./order-fixture";

/*
 * Co-purchase storage (decision 0084): orders/create counts each order's
 * basket once, whatever the redeliveries; the backfill adds past orders
 * through the same ledger; pins, blocks and exclusions shape what
 * coPurchaseRecommendations returns; the rollup's trim keeps each shop
 * bounded; shop/redact deletes it all. Runs on SQLite and on PostgreSQL
 * (npm run test:postgres).
 */

withCleanDatabase();

type Action = (args: ActionFunctionArgs) => Promise<Response>;
const call = (action: Action, request: Request) => action({ request, params: {}, context: {} });
const P = (n: number) => `gid://shopify/Product/${n}`;
const line = (product: number | null, variant: number) => ({
  id: variant * 10,
  variant_id: variant,
  product_id: product,
  quantity: 1,
  price: "5.00",
  discount_allocations: [],
  properties: [],
});
const order = (id: number, lines: ReturnType<typeof line>[], eventId?: string) =>
  call(
    ordersCreate.action,
    signedWebhook(
      "orders/create",
      orderPayload({ id, note_attributes: [], line_items: lines }),
      eventId ? { eventId } : {},
    ),
  );

const basket = (orderId: number, products: number[], at = "2026-11-01T10:00:00Z"): OrderBasket => ({
  orderId: String(orderId),
  orderedAt: new Date(at),
  productIds: products.map(P),
});

async function counts() {
  const [shop, products, pairs, ledger] = await Promise.all([
    db.recommendationShop.findUnique({ where: { shop: TEST_SHOP } }),
    db.recommendationProduct.findMany({ where: { shop: TEST_SHOP }, orderBy: { productId: "asc" } }),
    db.recommendationPair.findMany({ where: { shop: TEST_SHOP } }),
    db.recommendationOrder.count({ where: { shop: TEST_SHOP } }),
  ]);
  return {
    orders: shop?.orders,
    products: products.map((p) => [p.productId, p.orders]),
    pairs: pairs.map((p) => [p.productA, p.productB, p.orders]),
    ledger,
  };
}

describe("co-purchase counts from orders/create", () => {
  it("counts an order's products once each (two variants of one product are one), and its pair once", async () => {
    await installShop();
    expect((await order(9001, [line(101, 1), line(101, 2), line(201, 3), line(null, 4)])).status).toBe(200);
    expect(await counts()).toEqual({
      orders: 1n,
      products: [
        [P(101), 1n],
        [P(201), 1n],
      ],
      pairs: [[P(101), P(201), 1n]],
      ledger: 1,
    });
  });

  it("a redelivery (same event id) and the same order under a new event id count nothing more", async () => {
    await installShop();
    await order(9002, [line(101, 1), line(201, 3)], "evt-1");
    await order(9002, [line(101, 1), line(201, 3)], "evt-1");
    expect((await order(9002, [line(101, 1), line(201, 3)], "evt-2")).status).toBe(200);
    const c = await counts();
    expect(c.orders).toBe(1n);
    expect(c.pairs).toEqual([[P(101), P(201), 1n]]);
  });

  it("the backfill counts past orders through the same ledger: an order the webhook brought is not counted again, nor twice by two backfills", async () => {
    await installShop();
    await order(9003, [line(101, 1), line(201, 3)]);
    const past = [basket(9003, [101, 201]), basket(8001, [101, 201]), basket(8002, [101, 301]), basket(8003, [])];
    expect(await recordOrderBatch(db, TEST_SHOP, past)).toEqual({ counted: 2, skipped: 2 });
    expect(await recordOrderBatch(db, TEST_SHOP, past)).toEqual({ counted: 0, skipped: 4 });
    const c = await counts();
    expect(c.orders).toBe(3n);
    expect(c.pairs).toContainEqual([P(101), P(201), 2n]);
    // The empty order is in the ledger too: seen once is enough.
    expect(c.ledger).toBe(4);
  });
});

describe("coPurchaseRecommendations", () => {
  async function shopWithPairs() {
    const orders: OrderBasket[] = [];
    let id = 1;
    for (let i = 0; i < 8; i++) orders.push(basket(id++, [1, 2]));
    for (let i = 0; i < 5; i++) orders.push(basket(id++, [1, 3]));
    for (let i = 0; i < 4; i++) orders.push(basket(id++, [1, 4]));
    for (let i = 0; i < 120; i++) orders.push(basket(id++, [100 + (i % 60)]));
    await recordOrderBatch(db, TEST_SHOP, orders);
  }

  it("ranks partners with their evidence, never the trigger, and leaves out what is excluded", async () => {
    await shopWithPairs();
    const lists = await coPurchaseRecommendations(TEST_SHOP, [P(1), P(2), P(999)], 5);
    const one = lists.get(P(1)) ?? [];
    expect(one.map((r) => r.productId)).toEqual([P(2), P(3), P(4)]);
    expect(one[0]).toMatchObject({ together: 8, triggerOrders: 17, partnerOrders: 8, totalOrders: 137, pinned: false });
    expect(one[0]?.lift).toBeCloseTo(137 / 17, 6);
    expect(lists.get(P(2))?.map((r) => r.productId)).toEqual([P(1)]);
    expect(lists.get(P(999))).toEqual([]);
    const excluded = await coPurchaseRecommendations(TEST_SHOP, [P(1)], 5, { exclude: [P(2)] });
    expect(excluded.get(P(1))?.map((r) => r.productId)).toEqual([P(3), P(4)]);
  });

  it("pins come first in the order pinned, blocks never show, and clearing restores the ranking", async () => {
    await shopWithPairs();
    await setOverride(TEST_SHOP, P(1), P(4), "PIN");
    await setOverride(TEST_SHOP, P(1), P(77), "PIN");
    await setOverride(TEST_SHOP, P(1), P(2), "BLOCK");
    const list = (await coPurchaseRecommendations(TEST_SHOP, [P(1)])).get(P(1)) ?? [];
    expect(list.map((r) => [r.productId, r.pinned])).toEqual([
      [P(4), true],
      [P(77), true],
      [P(3), false],
    ]);
    expect(list[0]?.together).toBe(4);
    expect(list[1]).toMatchObject({ together: 0, score: 0 });
    await setOverride(TEST_SHOP, P(1), P(2), "PIN");
    expect((await coPurchaseRecommendations(TEST_SHOP, [P(1)])).get(P(1))?.[2]?.productId).toBe(P(2));
    await setOverride(TEST_SHOP, P(1), P(2), "CLEAR");
    await setOverride(TEST_SHOP, P(1), P(4), "CLEAR");
    await setOverride(TEST_SHOP, P(1), P(77), "CLEAR");
    expect((await coPurchaseRecommendations(TEST_SHOP, [P(1)])).get(P(1))?.map((r) => r.productId)).toEqual([
      P(2),
      P(3),
      P(4),
    ]);
  });
});

describe("the automatic offer's co-purchase source (decision 0085)", () => {
  it("the provider the sync and the preview use is the shop's mined orders, blocks applied", async () => {
    const orders: OrderBasket[] = [];
    let id = 1;
    for (let i = 0; i < 8; i++) orders.push(basket(id++, [1, 2]));
    for (let i = 0; i < 5; i++) orders.push(basket(id++, [1, 3]));
    for (let i = 0; i < 120; i++) orders.push(basket(id++, [100 + (i % 60)]));
    await recordOrderBatch(db, TEST_SHOP, orders);
    expect((await coPurchaseProvider(TEST_SHOP, [P(1)], 5)).get(P(1))?.map((r) => r.productId)).toEqual([P(2), P(3)]);
    await setOverride(TEST_SHOP, P(1), P(2), "BLOCK");
    expect((await coPurchaseProvider(TEST_SHOP, [P(1)], 5)).get(P(1))?.map((r) => r.productId)).toEqual([P(3)]);
  });
});

describe("bounds and redaction", () => {
  it("the trim keeps the newest ledger rows and refuses orders at or before the floor, so none counts twice", async () => {
    const orders = Array.from({ length: 10 }, (_, i) =>
      basket(100 + i, [1, 2], `2026-11-${String(i + 1).padStart(2, "0")}T00:00:00Z`),
    );
    await recordOrderBatch(db, TEST_SHOP, orders);
    const trimmed = await trimRecommendationData(db, TEST_SHOP, {
      maxLedgerOrders: 4,
      maxProducts: 100,
      maxPairs: 100,
    });
    expect(trimmed.ledger).toBe(6);
    expect(await db.recommendationOrder.count({ where: { shop: TEST_SHOP } })).toBe(4);
    // The trimmed orders come again (a second backfill): refused, and the counts stay.
    expect(await recordOrderBatch(db, TEST_SHOP, orders)).toEqual({ counted: 0, skipped: 10 });
    expect((await counts()).orders).toBe(10n);
    expect((await recordOrderBatch(db, TEST_SHOP, [basket(200, [1, 2], "2026-11-20T00:00:00Z")])).counted).toBe(1);
  });

  it("the trim brings pairs and products within their bounds, keeping the strongest", async () => {
    const orders: OrderBasket[] = [];
    let id = 1;
    for (let i = 0; i < 6; i++) orders.push(basket(id++, [1, 2]));
    for (let i = 0; i < 3; i++) orders.push(basket(id++, [3, 4]));
    for (let p = 10; p < 40; p += 2) orders.push(basket(id++, [p, p + 1]));
    await recordOrderBatch(db, TEST_SHOP, orders);
    const trimmed = await trimRecommendationData(db, TEST_SHOP, {
      maxLedgerOrders: 1000,
      maxProducts: 1000,
      maxPairs: 5,
    });
    const c = await counts();
    expect(c.pairs.length).toBeLessThanOrEqual(5);
    expect(c.pairs).toContainEqual([P(1), P(2), 6n]);
    expect(c.pairs).toContainEqual([P(3), P(4), 3n]);
    expect(trimmed.pairs).toBe(15);
    expect((await db.recommendationShop.findUnique({ where: { shop: TEST_SHOP } }))?.prunedPairsUpTo).toBe(1n);
    await trimRecommendationData(db, TEST_SHOP, { maxLedgerOrders: 1000, maxProducts: 10, maxPairs: 1000 });
    const after = await counts();
    expect(after.products.length).toBeLessThanOrEqual(10);
    expect(after.products.map((p) => p[0])).toEqual(expect.arrayContaining([P(1), P(2), P(3), P(4)]));
  });

  it("shop/redact deletes every co-purchase row of the shop and only of that shop", async () => {
    await installShop();
    await order(9010, [line(101, 1), line(201, 3)]);
    await setOverride(TEST_SHOP, P(101), P(201), "PIN");
    await recordOrderBatch(db, "other.myshopify.com", [basket(1, [1, 2])]);
    await call(shopRedact.action, signedWebhook("shop/redact", { shop_id: 1, shop_domain: TEST_SHOP }));
    const left = await Promise.all([
      db.recommendationShop.count({ where: { shop: TEST_SHOP } }),
      db.recommendationProduct.count({ where: { shop: TEST_SHOP } }),
      db.recommendationPair.count({ where: { shop: TEST_SHOP } }),
      db.recommendationOrder.count({ where: { shop: TEST_SHOP } }),
      db.recommendationOverride.count({ where: { shop: TEST_SHOP } }),
    ]);
    expect(left).toEqual([0, 0, 0, 0, 0]);
    expect(await db.recommendationPair.count({ where: { shop: "other.myshopify.com" } })).toBe(1);
  });
});
