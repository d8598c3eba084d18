import { randomUUID } from "node:crypto";
import {
  API_KEY,
  API_SECRET_KEY,
  APP_URL,
  RequestType,
  TEST_SHOP,
  TEST_SHOP_NAME,
  getHmac,
  setUpValidRequest,
  setUpValidSession,
} from "@shopify/shopify-api/test-helpers";

export { TEST_SHOP };

/** A webhook POST shaped and signed the way Shopify sends it. */
export function signedWebhook(
  topic: string,
  payload: unknown,
  opts: { shop?: string; eventId?: string; secret?: string; triggeredAt?: Date } = {},
): Request {
  const body = JSON.stringify(payload);
  const path = `/webhooks/${topic}`;
  return new Request(`${APP_URL}${path}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": topic,
      "X-Shopify-Hmac-Sha256": getHmac(body, opts.secret ?? API_SECRET_KEY),
      "X-Shopify-Shop-Domain": opts.shop ?? TEST_SHOP,
      "X-Shopify-API-Version": "2026-07",
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Event-Id": opts.eventId ?? randomUUID(),
      "X-Shopify-Triggered-At": (opts.triggeredAt ?? new Date()).toISOString(),
    },
  });
}

/**
 * The body Shopify sends for app/uninstalled: the Shop resource, which always
 * names the shop in `myshopify_domain` (the route refuses one that doesn't).
 */
export function uninstalledPayload(shop = TEST_SHOP) {
  return { id: 1, name: "Test shop", domain: shop, myshopify_domain: shop, currency: "USD" };
}

/** An embedded admin document request carrying a session token signed with the app secret. */
export async function signedAdminRequest(path: string, init?: RequestInit): Promise<Request> {
  return setUpValidRequest(
    { type: RequestType.Admin, store: TEST_SHOP_NAME, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    new Request(`${APP_URL}${path}`, init),
  );
}

/** Stores the shop's offline session, as Shopify-managed installation would have. */
export async function installShop(shop = TEST_SHOP) {
  const { sessionStorage } = await import("../../app/shopify.server");
  const session = setUpValidSession({ shop, expires: new Date(Date.now() + 3_600_000) });
  await sessionStorage.storeSession(session);
  return session;
}
