import "./short-busy-timeout";
import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import db, { sqliteFilePath } from "../../app/platform/db.server";
import * as uninstalled from "../../app/routes/webhooks.app.uninstalled";
import * as scopesUpdate from "../../app/routes/webhooks.app.scopes_update";
import * as ordersCreate from "../../app/routes/webhooks.orders.create";
import * as shopRedact from "../../app/routes/webhooks.shop.redact";
import { installShop, signedWebhook, TEST_SHOP, uninstalledPayload } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";
import { holdWriteLock } from "../helpers/sqlite-lock";
import { orderPayload, seedFixtureOffers } from "../analytics/order-fixture";

/*
 * Issue 9's webhook promises under faults: deliveries duplicated, out of
 * order, after the shop was erased, and while the database is locked or drops
 * the connection. The final state is what is checked, never just the status.
 */

withCleanDatabase();

type Action = (args: ActionFunctionArgs) => Promise<Response>;
const call = (action: Action, request: Request) => action({ request, params: {}, context: {} });
const databaseUrl = process.env.DATABASE_URL ?? "";
const onPostgres = databaseUrl.startsWith("postgres");
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function seedShopData(shop = TEST_SHOP) {
  await db.shopSettings.create({ data: { shop, syncStatus: "OK", syncedAt: new Date(), discountId: "gid://shopify/DiscountAutomaticNode/1" } });
  await db.offer.create({ data: { shop, name: "Socks", type: "CROSS_SELL", moments: "ADD_TO_CART", definition: {} } });
}

describe("webhooks delivered out of order", () => {
  it("two app/scopes_update deliveries arriving in reverse order leave the later grant", async () => {
    const session = await installShop();
    const later = signedWebhook("app/scopes_update", { current: ["read_products", "read_orders", "write_discounts"] }, { triggeredAt: minutesAgo(1) });
    const earlier = signedWebhook("app/scopes_update", { current: ["read_products"] }, { triggeredAt: minutesAgo(2) });
    expect((await call(scopesUpdate.action, later)).status).toBe(200);
    expect((await call(scopesUpdate.action, earlier)).status).toBe(200);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).scope).toBe("read_products,read_orders,write_discounts");
  });

  it("an app/uninstalled triggered before a reinstall, delivered after it, keeps the new installation signed in", async () => {
    await seedShopData();
    const session = await installShop(); // the reinstall's offline session, written now
    const late = signedWebhook("app/uninstalled", uninstalledPayload(), { triggeredAt: minutesAgo(30) });
    expect((await call(uninstalled.action, late)).status).toBe(200);
    expect(await db.session.findUnique({ where: { id: session.id } })).not.toBeNull();
    expect(await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).toMatchObject({ syncStatus: "OK" });
  });

  it("app/uninstalled signs the shop out and marks its config as no longer published, keeping its offers", async () => {
    await seedShopData();
    await installShop();
    expect((await call(uninstalled.action, signedWebhook("app/uninstalled", uninstalledPayload()))).status).toBe(200);
    expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.shopSettings.findUniqueOrThrow({ where: { shop: TEST_SHOP } })).toMatchObject({ syncStatus: "NEVER", syncedAt: null });
    expect(await db.offer.count({ where: { shop: TEST_SHOP } })).toBe(1);
  });

  it("shop/redact before app/uninstalled, then a late orders/create: nothing of the shop is left", async () => {
    await seedShopData();
    await installShop();
    await seedFixtureOffers(TEST_SHOP);
    await seedShopData("other-shop.myshopify.com");
    const redact = signedWebhook("shop/redact", { shop_id: 1, shop_domain: TEST_SHOP });
    const redelivery = redact.clone();
    expect((await call(shopRedact.action, redact)).status).toBe(200);
    expect((await call(uninstalled.action, signedWebhook("app/uninstalled", uninstalledPayload()))).status).toBe(200);
    expect((await call(ordersCreate.action, signedWebhook("orders/create", orderPayload()))).status).toBe(200);
    // A redelivery of the redaction itself is still a no-op.
    expect((await call(shopRedact.action, redelivery)).status).toBe(200);

    const left = await Promise.all([
      db.session.count({ where: { shop: TEST_SHOP } }),
      db.offer.count({ where: { shop: TEST_SHOP } }),
      db.shopSettings.count({ where: { shop: TEST_SHOP } }),
      db.conversion.count({ where: { shop: TEST_SHOP } }),
      db.experimentOrder.count({ where: { shop: TEST_SHOP } }),
      db.processedWebhook.count({ where: { shop: TEST_SHOP, topic: { not: "SHOP_REDACT" } } }),
    ]);
    expect(left).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await db.offer.count({ where: { shop: "other-shop.myshopify.com" } })).toBe(1);
  });

  it("a shop that installs again after its redaction is handled like any other shop", async () => {
    await installShop();
    await seedFixtureOffers(TEST_SHOP);
    await call(shopRedact.action, signedWebhook("shop/redact", { shop_id: 1, shop_domain: TEST_SHOP }));
    await installShop(); // new installation
    await seedFixtureOffers(TEST_SHOP);
    expect((await call(ordersCreate.action, signedWebhook("orders/create", orderPayload()))).status).toBe(200);
    expect(await db.conversion.count({ where: { shop: TEST_SHOP } })).toBeGreaterThan(0);
  });
});

describe.runIf(!onPostgres)("SQLite busy or locked while a webhook is written (SQLite only: the lock is SQLite's; for Postgres see tests/postgres/connection-drop.test.ts)", () => {
  const file = () => sqliteFilePath(databaseUrl);

  it("a lock held past the busy timeout gets 503 with Retry-After, stores nothing, and Shopify's redelivery is handled once", async () => {
    await installShop();
    await seedFixtureOffers(TEST_SHOP);
    const lock = await holdWriteLock(file());
    const delivery = signedWebhook("orders/create", orderPayload(), { eventId: "evt-locked-1" });
    const redelivery = delivery.clone();
    const response = await call(ordersCreate.action, delivery);
    await lock.release();
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("10");

    expect(await db.processedWebhook.count()).toBe(0);
    expect(await db.conversion.count()).toBe(0);
    expect((await call(ordersCreate.action, redelivery)).status).toBe(200);
    const conversions = await db.conversion.count();
    expect(conversions).toBeGreaterThan(0);
    expect((await call(ordersCreate.action, signedWebhook("orders/create", orderPayload(), { eventId: "evt-locked-1" }))).status).toBe(200);
    expect(await db.conversion.count()).toBe(conversions);
  });

  it("a lock released within the busy timeout only delays the webhook", async () => {
    await installShop();
    await seedFixtureOffers(TEST_SHOP);
    // Released by the worker 100 ms in, while the app waits up to its 300 ms timeout (short-busy-timeout.ts).
    const lock = await holdWriteLock(file(), 100);
    const response = await call(ordersCreate.action, signedWebhook("orders/create", orderPayload()));
    await lock.released;
    expect(response.status).toBe(200);
    expect(await db.conversion.count()).toBeGreaterThan(0);
  });
});

// A Postgres connection dropped mid-write: tests/postgres/connection-drop.test.ts (run by test:postgres).
