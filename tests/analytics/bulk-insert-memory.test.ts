import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import db from "../../app/platform/db.server";
import { EventWriter, eventRows } from "../../app/analytics/ingest.server";
import { withCleanDatabase } from "../helpers/db";
import { beacon, beaconEvent } from "./proxy-requests";

/*
 * Decision 0060: Prisma keeps the arguments of its last 100 debug calls, DEBUG or not
 * (the client runtime records each query plan; on PostgreSQL the adapter records each
 * query too). Held for the last bulk inserts, that was the live heap's growth under
 * bench:load (45 → 132 MB on PostgreSQL). Runs on SQLite and, in test:postgres, on PostgreSQL.
 */

withCleanDatabase();

// A full collection on demand, as node --expose-gc gives it (vitest's worker has no flag of its own).
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const liveHeapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};

describe("bulk beacon inserts and memory", () => {
  it("30 full batches (1,000 events each) leave the live heap where it was, give or take 15 MB", async () => {
    const writer = new EventWriter(db);
    const batch = () =>
      eventRows(
        "heap.myshopify.com",
        beacon(Array.from({ length: 1_000 }, () => beaconEvent())) as never,
        null,
        Date.now(),
      );
    await writer.write(batch());
    const before = liveHeapMb();
    for (let i = 0; i < 30; i++) await writer.write(batch());
    const growth = liveHeapMb() - before;
    // Without forgetQueryArguments these batches stayed in Prisma's debug histories: +62 MB on PostgreSQL (decision 0060).
    expect(growth).toBeLessThan(15);
    expect(await db.analyticsEvent.count({ where: { shop: "heap.myshopify.com" } })).toBe(31_000);
  }, 120_000);
});
