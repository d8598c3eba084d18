import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import { API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import db from "../../app/platform/db.server";
import { action } from "../../app/routes/proxy.events";
import { dropCounter } from "../../app/analytics/beacon-intake.server";
import { EventWriter } from "../../app/analytics/ingest.server";
import { customerHash } from "../../app/analytics/customer-hash.server";
import { withCleanDatabase } from "../helpers/db";
import { installShop, TEST_SHOP, uninstalledPayload } from "../helpers/shopify-requests";
import { beacon, beaconEvent, resetBeaconState, seedBeaconOffers, signedBeaconRequest } from "./proxy-requests";

withCleanDatabase();
beforeEach(() => seedBeaconOffers());
afterEach(async () => {
  await resetBeaconState();
  vi.useRealTimers();
});

const post = (request: Request) => action({ request, params: {}, context: {} } as ActionFunctionArgs);

describe("beacon ingestion through the app proxy", () => {
  it("a signed beacon is stored and answered 204", async () => {
    await installShop();
    const ts = Date.UTC(2026, 10, 20, 23, 59, 30);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(ts + 60_000);
    const events = [beaconEvent({ ts }), beaconEvent({ ts, type: "accept", variant: "b", bucket: "b", value: 1299, currency: "EUR" })];
    const res = await post(await signedBeaconRequest(JSON.stringify(beacon(events))));
    expect(res.status).toBe(204);
    const rows = await db.analyticsEvent.findMany({ where: { shop: TEST_SHOP }, orderBy: { type: "asc" } });
    expect(rows.map((r) => [r.type, r.arm, r.value, r.currency])).toEqual([
      ["ACCEPT", "b", 1299n, "EUR"],
      ["IMPRESSION", "", null, null],
    ]);
    expect(rows.map((r) => [r.ts.getTime(), r.day])).toEqual([
      [ts, "2026-11-20"],
      [ts, "2026-11-20"],
    ]);
  });

  it("an unsigned beacon gets 400 and nothing is stored", async () => {
    await installShop();
    const url = `${APP_URL}/proxy/events?shop=${TEST_SHOP}&timestamp=${Math.trunc(Date.now() / 1000)}`;
    const res = await post(new Request(url, { method: "POST", body: JSON.stringify(beacon([beaconEvent()])) }));
    expect(res.status).toBe(400);
    expect(await db.analyticsEvent.count()).toBe(0);
  });

  it("a beacon with a forged signature gets 400", async () => {
    await installShop();
    const signed = await signedBeaconRequest(JSON.stringify(beacon([beaconEvent()])));
    const url = new URL(signed.url);
    url.searchParams.set("logged_in_customer_id", "42");
    const res = await post(new Request(url, { method: "POST", body: JSON.stringify(beacon([beaconEvent()])) }));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/signature/);
  });

  it("a correctly signed but stale beacon (replayed after the window) gets 400", async () => {
    await installShop();
    const request = await signedBeaconRequest(JSON.stringify(beacon([beaconEvent()])));
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 5 * 60_000);
    const res = await post(request);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/replay window/);
    expect(await db.analyticsEvent.count()).toBe(0);
  });

  it.each([
    ["not JSON", "{nope"],
    ["the wrong version", JSON.stringify(beacon([beaconEvent()], { v: 2 }))],
    ["an unknown event type", JSON.stringify(beacon([beaconEvent({ type: "purchase" })]))],
    ["no events", JSON.stringify(beacon([]))],
    ["51 events", JSON.stringify(beacon(Array.from({ length: 51 }, () => beaconEvent())))],
    ["an empty body", ""],
  ])("a malformed beacon (%s) gets 400 with a reason", async (_name, body) => {
    await installShop();
    const res = await post(await signedBeaconRequest(body));
    expect(res.status).toBe(400);
    expect((await res.text()).length).toBeGreaterThan(0);
    expect(await db.analyticsEvent.count()).toBe(0);
  });

  it("an oversized beacon gets 400, whether Content-Length says so or the stream does", async () => {
    await installShop();
    const big = JSON.stringify(beacon([beaconEvent({ offer: "x".repeat(64) })], { pad: "y".repeat(17_000) }));
    const declared = await post(await signedBeaconRequest(big));
    expect(declared.status).toBe(400);
    expect(await declared.text()).toMatch(/larger than 16384 bytes/);

    // Chunked: no Content-Length, the bytes themselves exceed the cap.
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode("z".repeat(1024)));
        c.close();
      },
    });
    const chunked = await signedBeaconRequest(null);
    const res = await post(new Request(chunked.url, { method: "POST", body: stream, duplex: "half" } as RequestInit));
    expect(res.status).toBe(400);
    expect(await db.analyticsEvent.count()).toBe(0);
  });

  it("a beacon sent twice (same client event ids) is stored once", async () => {
    await installShop();
    const body = JSON.stringify(beacon([beaconEvent(), beaconEvent(), beaconEvent({ type: "click" })]));
    expect((await post(await signedBeaconRequest(body))).status).toBe(204);
    expect((await post(await signedBeaconRequest(body))).status).toBe(204);
    // And concurrently, as a browser retry racing the original would.
    const again = JSON.stringify(beacon([beaconEvent(), beaconEvent()]));
    const both = await Promise.all([post(await signedBeaconRequest(again)), post(await signedBeaconRequest(again))]);
    expect(both.map((r) => r.status)).toEqual([204, 204]);
    expect(await db.analyticsEvent.count()).toBe(5);
  });

  it("past the per-visitor limit a beacon gets 429 and the drop is counted", async () => {
    await installShop();
    const visitor = "visitor-flood";
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await post(await signedBeaconRequest(JSON.stringify(beacon([beaconEvent(), beaconEvent()], { visitor }))));
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 204)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    // Another visitor of the same shop is not affected.
    expect((await post(await signedBeaconRequest(JSON.stringify(beacon([beaconEvent()])))))).toHaveProperty("status", 204);
    await dropCounter.flush();
    const drop = await db.ingestDrop.findFirstOrThrow({ where: { shop: TEST_SHOP, reason: "RATE_LIMITED" } });
    expect([drop.requests, drop.events]).toEqual([5, 10]);
    expect(await db.analyticsEvent.count()).toBe(41);
  });

  it("a logged-in customer id is stored only as a keyed hash", async () => {
    await installShop();
    await post(await signedBeaconRequest(JSON.stringify(beacon([beaconEvent()])), { customerId: "7281928" }));
    const row = await db.analyticsEvent.findFirstOrThrow();
    expect(row.customerHash).toBe(customerHash(TEST_SHOP, "7281928"));
    expect(row.customerHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain("7281928");
    expect(customerHash("other.myshopify.com", "7281928")).not.toBe(row.customerHash);
    expect(API_SECRET_KEY).not.toBe(row.customerHash);
  });

  it("when the database is unavailable the beacon gets 503 with Retry-After, not 500", async () => {
    await installShop();
    // On the writer, not on the Prisma client: a restored spy leaves the client's $executeRaw broken.
    const writer = EventWriter.prototype as unknown as { insert: (rows: unknown[]) => Promise<void> };
    const spy = vi.spyOn(writer, "insert").mockRejectedValueOnce(new Error("SQLITE_BUSY: database is locked"));
    const res = await post(await signedBeaconRequest(JSON.stringify(beacon([beaconEvent()]))));
    spy.mockRestore();
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("5");
  });
});

describe("beacons and the shop's installation", () => {
  const uninstall = async () => {
    const { action: uninstalled } = await import("../../app/routes/webhooks.app.uninstalled");
    const { signedWebhook } = await import("../helpers/shopify-requests");
    expect((await uninstalled({ request: signedWebhook("app/uninstalled", uninstalledPayload()), params: {}, context: {} })).status).toBe(200);
  };

  it("a beacon for a shop that never installed is acknowledged and not stored", async () => {
    const res = await post(await signedBeaconRequest(JSON.stringify(beacon([beaconEvent()]))));
    expect(res.status).toBe(204);
    expect(await db.analyticsEvent.count()).toBe(0);
  });

  it("after app/uninstalled, a late beacon from a cached theme is not stored, even one second later on the same instance", async () => {
    await installShop();
    const first = await post(await signedBeaconRequest(JSON.stringify(beacon([beaconEvent()]))));
    expect(`${first.status} ${await first.text()}`).toBe("204 ");
    expect(await db.analyticsEvent.count()).toBe(1);
    await uninstall();
    expect((await post(await signedBeaconRequest(JSON.stringify(beacon([beaconEvent()])))))).toMatchObject({ status: 204 });
    expect(await db.analyticsEvent.count()).toBe(1);
  });

  it("beacons need no access token: an expired offline token is neither refreshed nor needed to store events", async () => {
    const session = await installShop();
    await db.session.update({ where: { id: session.id }, data: { expires: new Date(Date.now() - 3_600_000), refreshToken: "shprt_expired_flow" } });
    // No network is mocked: a refresh attempt would fail and the beacon would not be stored.
    const res = await post(await signedBeaconRequest(JSON.stringify(beacon([beaconEvent()]))));
    expect(res.status).toBe(204);
    expect(await db.analyticsEvent.count()).toBe(1);
  });
});
