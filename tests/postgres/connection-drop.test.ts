import { describe, expect, it } from "vitest";
import pg from "pg";
import type { ActionFunctionArgs } from "@remix-run/node";
import db from "../../app/platform/db.server";
import * as ordersCreate from "../../app/routes/webhooks.orders.create";
import { action as beaconAction } from "../../app/routes/proxy.events";
import { installShop, signedWebhook, TEST_SHOP } from "../helpers/shopify-requests";
import { withCleanDatabase } from "../helpers/db";
import { orderPayload, seedFixtureOffers } from "../analytics/order-fixture";
import { beacon, beaconEvent, seedBeaconOffers, signedBeaconRequest } from "../analytics/proxy-requests";

// Run by `npm run test:postgres` (scripts/with-postgres.sh starts the server).
const databaseUrl = process.env.DATABASE_URL ?? "";
if (!process.env.TEST_POSTGRES_URL || !databaseUrl.startsWith("postgres"))
  throw new Error("tests/postgres needs TEST_POSTGRES_URL; run them with `npm run test:postgres`.");

/*
 * A Postgres backend terminated (pg_terminate_backend: what a failover, a
 * restart or an idle-connection reaper does) while the app is in the middle
 * of a write. The write is parked behind a table lock held by a second
 * connection, so the kill lands exactly mid-statement; then the lock is let go.
 */

withCleanDatabase();

const call = (action: (args: ActionFunctionArgs) => Promise<Response>, request: Request) => action({ request, params: {}, context: {} });

async function killMidWrite(table: string, write: () => Promise<Response>): Promise<Response> {
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query("BEGIN");
    await admin.query(`LOCK TABLE "${table}" IN ACCESS EXCLUSIVE MODE`);
    const pending = write();
    let killed = 0;
    for (let i = 0; i < 200 && killed === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const { rows } = await admin.query<{ killed: boolean }>(
        "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'",
      );
      killed = rows.filter((r) => r.killed).length;
    }
    expect(killed).toBe(1);
    await admin.query("COMMIT");
    return await pending;
  } finally {
    await admin.end();
  }
}

describe("a Postgres connection dropped mid-write", () => {
  it("a webhook is retried on a new connection and the order is attributed once", async () => {
    await installShop();
    await seedFixtureOffers(TEST_SHOP);
    const response = await killMidWrite("ProcessedWebhook", () => call(ordersCreate.action, signedWebhook("orders/create", orderPayload(), { eventId: "evt-dropped-1" })));
    expect(response.status).toBe(200);
    expect(await db.processedWebhook.count({ where: { eventId: "evt-dropped-1" } })).toBe(1);
    const conversions = await db.conversion.count();
    expect(conversions).toBeGreaterThan(0);
    expect((await call(ordersCreate.action, signedWebhook("orders/create", orderPayload(), { eventId: "evt-dropped-1" }))).status).toBe(200);
    expect(await db.conversion.count()).toBe(conversions);
  });

  it("a beacon's insert is retried on a new connection: answered 204, every event stored once", async () => {
    await installShop();
    await seedBeaconOffers();
    const events = [beaconEvent(), beaconEvent({ type: "click" }), beaconEvent({ type: "accept", value: 1200, currency: "EUR" })];
    const body = JSON.stringify(beacon(events));
    const response = await killMidWrite("AnalyticsEvent", async () => call(beaconAction, await signedBeaconRequest(body)));
    expect(response.status).toBe(204);
    expect(await db.analyticsEvent.count({ where: { id: { in: events.map((e) => e.id) } } })).toBe(3);
    // The same beacon again (a browser never does, but a proxy retry might): still three.
    expect((await call(beaconAction, await signedBeaconRequest(body))).status).toBe(204);
    expect(await db.analyticsEvent.count()).toBe(3);
  });
});
