import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../../app/platform/db.server";
import * as uninstalled from "../../app/routes/webhooks.app.uninstalled";
import * as scopesUpdate from "../../app/routes/webhooks.app.scopes_update";
import * as ordersCreate from "../../app/routes/webhooks.orders.create";
import * as ordersEdited from "../../app/routes/webhooks.orders.edited";
import * as dataRequest from "../../app/routes/webhooks.customers.data_request";
import * as customersRedact from "../../app/routes/webhooks.customers.redact";
import * as shopRedact from "../../app/routes/webhooks.shop.redact";
import * as collectionsUpdate from "../../app/routes/webhooks.collections.update";
import * as collectionsDelete from "../../app/routes/webhooks.collections.delete";
import * as bulkOperationsFinish from "../../app/routes/webhooks.bulk_operations.finish";
import { installShop, signedWebhook, TEST_SHOP, uninstalledPayload } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";

withCleanDatabase();

type Action = (args: ActionFunctionArgs) => Promise<Response>;
const call = (action: Action, request: Request) => action({ request, params: {}, context: {} });

const routes: Array<[string, Action, unknown]> = [
  ["app/uninstalled", uninstalled.action, uninstalledPayload()],
  ["app/scopes_update", scopesUpdate.action, { id: 1, previous: ["read_products"], current: ["read_products", "read_orders"] }],
  ["orders/create", ordersCreate.action, { id: 820982911946154500, line_items: [] }],
  // An edit that added nothing: acknowledged without an Admin API call.
  ["orders/edited", ordersEdited.action, { order_edit: { id: 78912328, order_id: 450789469, app_id: null, line_items: { additions: [], removals: [{ id: 518995019, delta: 1 }] } } }],
  ["customers/data_request", dataRequest.action, { shop_domain: TEST_SHOP, customer: { id: 1 }, orders_requested: [] }],
  ["customers/redact", customersRedact.action, { shop_domain: TEST_SHOP, customer: { id: 1 }, orders_to_redact: [] }],
  ["shop/redact", shopRedact.action, { shop_id: 1, shop_domain: TEST_SHOP }],
  ["collections/update", collectionsUpdate.action, { id: 482865238, title: "Smartphones" }],
  ["collections/delete", collectionsDelete.action, { id: 482865238 }],
  // An operation the shop never started for its backfill: acknowledged without an Admin API call.
  ["bulk_operations/finish", bulkOperationsFinish.action, { admin_graphql_api_id: "gid://shopify/BulkOperation/147595010", completed_at: "2024-01-01T07:34:56-05:00", created_at: "2024-01-01T07:30:00-05:00", error_code: null, status: "completed", type: "query" }],
];

async function rejection(promise: Promise<Response>): Promise<Response> {
  const outcome = await promise.catch((e: unknown) => e);
  if (!(outcome instanceof Response)) throw new Error(`expected a Response, got ${String(outcome)}`);
  return outcome;
}

describe("webhooks", () => {
  it.each(routes)("%s with a correct HMAC is accepted and recorded", async (topic, action, payload) => {
    await installShop();
    const request = signedWebhook(topic, payload);
    const eventId = request.headers.get("X-Shopify-Event-Id") ?? "";
    const response = await call(action, request);
    expect(response.status).toBe(200);
    expect(await db.processedWebhook.findUnique({ where: { shop_eventId: { shop: TEST_SHOP, eventId } } })).not.toBeNull();
  });

  it.each(routes)("%s with a wrong HMAC gets 401 and changes nothing", async (topic, action, payload) => {
    await installShop();
    const request = signedWebhook(topic, payload, { secret: "not-the-app-secret" });
    const response = await rejection(call(action, request));
    expect(response.status).toBe(401);
    expect(await db.processedWebhook.count()).toBe(0);
    expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBe(1);
  });

  it("app/uninstalled removes the shop's sessions", async () => {
    await installShop();
    await call(uninstalled.action, signedWebhook("app/uninstalled", uninstalledPayload()));
    expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBe(0);
  });

  it("app/scopes_update stores the granted scopes on the session", async () => {
    const session = await installShop();
    await call(scopesUpdate.action, signedWebhook("app/scopes_update", { current: ["read_products", "read_orders"] }));
    const stored = await db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(stored.scope).toBe("read_products,read_orders");
  });

  it("a duplicate delivery (same X-Shopify-Event-Id) has no second effect", async () => {
    const session = await installShop();
    const eventId = "evt-duplicate-1";
    await call(scopesUpdate.action, signedWebhook("app/scopes_update", { current: ["read_products"] }, { eventId }));
    // The merchant's state moves on; a replay of the old event must not roll it back.
    await db.session.update({ where: { id: session.id }, data: { scope: "read_products,read_orders" } });
    const replay = await call(scopesUpdate.action, signedWebhook("app/scopes_update", { current: ["read_products"] }, { eventId }));
    expect(replay.status).toBe(200);
    expect((await db.session.findUniqueOrThrow({ where: { id: session.id } })).scope).toBe("read_products,read_orders");
    expect(await db.processedWebhook.count({ where: { eventId } })).toBe(1);
  });

  it("shop/redact leaves nothing behind for the shop, and other shops keep their data", async () => {
    const other = "other-shop.myshopify.com";
    await installShop();
    await installShop(other);
    for (const shop of [TEST_SHOP, other]) {
      await db.shopSettings.create({ data: { shop } });
      await db.offer.create({ data: { shop, name: "Socks", type: "CROSS_SELL", moments: "ADD_TO_CART", definition: {} } });
    }
    await call(uninstalled.action, signedWebhook("app/uninstalled", uninstalledPayload()));
    await call(shopRedact.action, signedWebhook("shop/redact", { shop_id: 1, shop_domain: TEST_SHOP }));

    const remaining = await Promise.all([
      db.session.count({ where: { shop: TEST_SHOP } }),
      db.offer.count({ where: { shop: TEST_SHOP } }),
      db.shopSettings.count({ where: { shop: TEST_SHOP } }),
      db.processedWebhook.count({ where: { shop: TEST_SHOP, topic: { not: "SHOP_REDACT" } } }),
    ]);
    expect(remaining).toEqual([0, 0, 0, 0]);
    expect(await db.offer.count({ where: { shop: other } })).toBe(1);
    expect(await db.session.count({ where: { shop: other } })).toBe(1);
  });
});
