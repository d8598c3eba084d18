import { randomUUID } from "node:crypto";
import { API_SECRET_KEY, APP_URL, RequestType, TEST_SHOP, TEST_SHOP_NAME, setUpValidRequest } from "@shopify/shopify-api/test-helpers";

/** An app proxy POST to /proxy/events, signed by Shopify's own test helper as the proxy would sign it. */
export function signedBeaconRequest(body: BodyInit | null, opts: { customerId?: string; headers?: Record<string, string> } = {}): Promise<Request> {
  const url = new URL(`${APP_URL}/proxy/events`);
  url.searchParams.set("path_prefix", "/apps/tactful");
  url.searchParams.set("logged_in_customer_id", opts.customerId ?? "");
  return setUpValidRequest(
    { type: RequestType.Public, store: TEST_SHOP_NAME, apiSecretKey: API_SECRET_KEY },
    new Request(url, { method: "POST", body, headers: { "Content-Type": "text/plain;charset=UTF-8", ...opts.headers } }),
  );
}

export function beaconEvent(overrides: Record<string, unknown> = {}) {
  return { id: randomUUID(), type: "impression", offer: "offer-1", moment: "ADD_TO_CART", ts: Date.now(), ...overrides };
}

export function beacon(events: unknown[], overrides: Record<string, unknown> = {}) {
  return { v: 1, visitor: randomUUID(), session: randomUUID(), events, ...overrides };
}

/**
 * Beacons are stored only for offers the shop has (decision 0059): the offers
 * the beacon helpers name, seeded for real, and the per-instance beacon state
 * (visitor and client budgets, the shop's remembered offer ids) forgotten.
 */
export async function seedBeaconOffers(ids: string[] = ["offer-1"], shop = TEST_SHOP): Promise<void> {
  const { default: db } = await import("../../app/platform/db.server");
  await db.offer.createMany({
    data: ids.map((id) => ({ id, shop, name: `Beacon offer ${id}`, type: "CROSS_SELL", status: "ACTIVE", moments: "ADD_TO_CART", definition: { items: [] } })),
  });
}

export async function resetBeaconState(): Promise<void> {
  const [{ beaconLimiter, clientEventBudget }, { forgetOfferIds }] = await Promise.all([import("../../app/analytics/rate-limit.server"), import("../../app/analytics/offer-ids.server")]);
  beaconLimiter.reset();
  clientEventBudget.reset();
  forgetOfferIds();
}
