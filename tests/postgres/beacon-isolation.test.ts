import { describe, expect, it } from "vitest";
import db from "../../app/platform/db.server";
import { EventWriter, eventRows, type EventRow } from "../../app/analytics/ingest.server";
import { withCleanDatabase } from "../helpers/db";
import { beacon, beaconEvent } from "../analytics/proxy-requests";

// Run by `npm run test:postgres` (scripts/with-postgres.sh starts the server).
if (!process.env.TEST_POSTGRES_URL || !(process.env.DATABASE_URL ?? "").startsWith("postgres"))
  throw new Error("tests/postgres needs TEST_POSTGRES_URL; run them with `npm run test:postgres`.");

/*
 * Postgres refuses text holding NUL (0x00) in the whole statement. The beacon
 * schema now refuses such ids at the door; here the rows reach the writer
 * anyway, to show that the database's own refusal fails one beacon only.
 */

withCleanDatabase();

const rowsOf = (shop: string, ids: string[]): EventRow[] => eventRows(shop, beacon(ids.map((id) => beaconEvent({ id }))) as never, null, Date.now());

describe("Postgres: a row the database refuses fails only its own beacon", () => {
  it("a NUL in one shop's beacon does not fail the other shops' beacons batched with it", async () => {
    const writer = new EventWriter(db);
    const shops = Array.from({ length: 20 }, (_, i) => `shop-${i}.myshopify.com`);
    // The first write starts an insert; the rest queue behind it and share the next batch.
    const first = writer.write(rowsOf("first.myshopify.com", ["f1"]));
    const rest = shops.map((shop, i) => writer.write(rowsOf(shop, i === 7 ? ["bad\u0000id"] : [`ok-${i}`])));
    const outcomes = await Promise.allSettled([first, ...rest]);
    const rejected = outcomes.flatMap((o, i) => (o.status === "rejected" ? [i] : []));
    expect(rejected).toEqual([8]);
    expect(String((outcomes[8] as PromiseRejectedResult).reason)).toMatch(/0x00|invalid byte sequence/i);
    expect(await db.analyticsEvent.count()).toBe(20);
  });
});
