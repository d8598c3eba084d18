import { randomUUID } from "node:crypto";
import { getLogs } from "@prisma/debug";
import { describe, expect, it } from "vitest";
import db from "../../app/platform/db.server";
import { EventWriter, eventRows } from "../../app/analytics/ingest.server";
import { withCleanDatabase } from "../helpers/db";
import { beacon, beaconEvent } from "../analytics/proxy-requests";

// Run by `npm run test:postgres` (scripts/with-postgres.sh starts the server).
if (!process.env.TEST_POSTGRES_URL || !(process.env.DATABASE_URL ?? "").startsWith("postgres"))
  throw new Error("tests/postgres needs TEST_POSTGRES_URL; run them with `npm run test:postgres`.");

/*
 * Decision 0060: Prisma's debug module keeps the arguments of its last 100 debug calls,
 * DEBUG or not, and the PostgreSQL adapter makes one per query with all its parameters.
 * Kept for 100 bulk inserts, that was the live heap's growth under bench:load (45 → 132 MB).
 */

withCleanDatabase();

/** Everything Prisma's debug history holds, as Prisma would print it. */
const history = () => getLogs(Number.MAX_SAFE_INTEGER);

describe("Postgres: bulk inserts leave nothing in Prisma's query history", () => {
  it("Prisma keeps a query's arguments (what the fix works against)", async () => {
    const marker = `marker-${randomUUID()}`;
    await db.$queryRaw`SELECT ${marker}::text AS "marker"`;
    expect(history()).toContain(marker);
  });

  it("after a beacon batch is inserted, none of its values is held", async () => {
    const writer = new EventWriter(db);
    const visitor = `visitor-${randomUUID()}`;
    const events = Array.from({ length: 50 }, () => beaconEvent());
    await writer.write(
      eventRows("history.myshopify.com", beacon(events, { visitor }) as never, "customer-hash-marker", Date.now()),
    );
    const held = history();
    // Counted after reading the history: this query's own arguments name the visitor.
    expect(await db.analyticsEvent.count({ where: { visitor } })).toBe(50);
    expect(held).not.toContain(visitor);
    expect(held).not.toContain("customer-hash-marker");
  });
});
