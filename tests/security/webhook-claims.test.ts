import { describe, expect, it } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import { API_SECRET_KEY, getHmac } from "@shopify/shopify-api/test-helpers";
import db from "../../app/platform/db.server";
import * as uninstalled from "../../app/routes/webhooks.app.uninstalled";
import * as ordersCreate from "../../app/routes/webhooks.orders.create";
import * as shopRedact from "../../app/routes/webhooks.shop.redact";
import * as customersRedact from "../../app/routes/webhooks.customers.redact";
import { WEBHOOK_MAX_BYTES } from "../../app/shopify/webhook-claims.server";
import { installShop, signedWebhook, TEST_SHOP, uninstalledPayload } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";

withCleanDatabase();

// The HMAC covers the body only: these tests keep a body Shopify really signed
// and change what travels beside it, as an attacker who saw one delivery could.

type Action = (args: ActionFunctionArgs) => Promise<Response>;
const call = (action: Action, request: Request) => action({ request, params: {}, context: {} });
const OTHER = "victim-shop.myshopify.com";

function withHeaders(request: Request, headers: Record<string, string>, url = request.url): Request {
  const next = new Headers(request.headers);
  for (const [k, v] of Object.entries(headers)) next.set(k, v);
  return new Request(url, { method: "POST", headers: next, body: request.body, duplex: "half" } as RequestInit);
}

async function seedShop(shop: string) {
  await installShop(shop);
  await db.shopSettings.create({ data: { shop } });
  await db.offer.create({ data: { shop, name: "Socks", type: "CROSS_SELL", moments: "ADD_TO_CART", definition: {} } });
}

async function statusOf(promise: Promise<Response>): Promise<number> {
  const outcome = await promise.catch((e: unknown) => e);
  if (!(outcome instanceof Response)) throw new Error(`expected a Response, got ${String(outcome)}`);
  return outcome.status;
}

describe("webhook headers are claims, checked against the signed body", () => {
  it("a signed shop/redact for one shop, resent with another shop's header, erases nothing", async () => {
    await seedShop(TEST_SHOP);
    await seedShop(OTHER);
    const forged = withHeaders(signedWebhook("shop/redact", { shop_id: 1, shop_domain: TEST_SHOP }), { "X-Shopify-Shop-Domain": OTHER });
    expect(await statusOf(call(shopRedact.action, forged))).toBe(400);
    expect(await db.offer.count({ where: { shop: OTHER } })).toBe(1);
    expect(await db.session.count({ where: { shop: OTHER } })).toBe(1);
    expect(await db.processedWebhook.count()).toBe(0);
  });

  it("a signed customers/redact naming another shop is refused", async () => {
    await seedShop(OTHER);
    const forged = signedWebhook("customers/redact", { shop_domain: TEST_SHOP, customer: { id: 1 }, orders_to_redact: [] }, { shop: OTHER });
    expect(await statusOf(call(customersRedact.action, forged))).toBe(400);
  });

  it("a signed orders/create body posted to the app/uninstalled route does not sign the shop out", async () => {
    await seedShop(TEST_SHOP);
    const order = signedWebhook("orders/create", { id: 42, line_items: [] });
    const atWrongRoute = withHeaders(order, {}, order.url.replace("orders/create", "app/uninstalled"));
    expect(await statusOf(call(uninstalled.action, atWrongRoute))).toBe(400);
    // The topic header rewritten to match the route: an order names no shop, so it is still not an uninstall.
    const relabelled = withHeaders(signedWebhook("orders/create", { id: 43, line_items: [] }), { "X-Shopify-Topic": "app/uninstalled" });
    expect(await statusOf(call(uninstalled.action, relabelled))).toBe(400);
    expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBe(1);
  });

  it("a real app/uninstalled still signs the shop out (control)", async () => {
    await seedShop(TEST_SHOP);
    expect(await statusOf(call(uninstalled.action, signedWebhook("app/uninstalled", uninstalledPayload())))).toBe(200);
    expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBe(0);
  });

  it("malformed JSON with a valid HMAC gets 400, not 500, and records nothing", async () => {
    await seedShop(TEST_SHOP);
    const body = '{"id": 1, "line_items": [';
    const request = withHeaders(signedWebhook("orders/create", {}), { "X-Shopify-Hmac-Sha256": getHmac(body, API_SECRET_KEY) });
    const malformed = new Request(request.url, { method: "POST", headers: request.headers, body });
    const response = await call(ordersCreate.action, malformed);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/not JSON/);
    expect(await db.processedWebhook.count()).toBe(0);
  });

  it("a body over 1 MB is refused before it is read whole, declared or chunked", async () => {
    await seedShop(TEST_SHOP);
    const declared = withHeaders(signedWebhook("orders/create", { id: 1 }), { "Content-Length": String(100 * 1024 * 1024) });
    expect(await statusOf(call(ordersCreate.action, declared))).toBe(413);

    // A chunked stream with no length: count what the route pulls before it gives up.
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(32);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const base = signedWebhook("orders/create", { id: 2 });
    const headers = new Headers(base.headers);
    headers.delete("Content-Length");
    const chunked = new Request(base.url, { method: "POST", headers, body: endless, duplex: "half" } as RequestInit);
    expect(await statusOf(call(ordersCreate.action, chunked))).toBe(413);
    // At most the cap plus the reads queued ahead of it, not 100 MB.
    expect(pulled).toBeLessThan(WEBHOOK_MAX_BYTES + 4 * chunk.byteLength);
  });

  it("the same event id from two shops is two deliveries: neither shadows the other", async () => {
    await seedShop(TEST_SHOP);
    await seedShop(OTHER);
    const eventId = "evt-shared-1";
    const first = await call(ordersCreate.action, signedWebhook("orders/create", { id: 1, line_items: [] }, { eventId }));
    const second = await call(ordersCreate.action, signedWebhook("orders/create", { id: 2, line_items: [] }, { eventId, shop: OTHER }));
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await db.processedWebhook.count({ where: { eventId } })).toBe(2);
  });
});
