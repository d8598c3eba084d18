import { describe, expect, it } from "vitest";
import db from "../../app/platform/db.server";
import { EventWriter, eventRows, type EventRow } from "../../app/analytics/ingest.server";
import { withCleanDatabase } from "../helpers/db";
import { TEST_SHOP } from "../helpers/shopify-requests";
import { beacon, beaconEvent } from "./proxy-requests";

/*
 * Beacons of many shops share one insert statement (group commit). A row the
 * database refuses must fail only its own beacon (issue 16: one shopper's bad
 * rows made 1,539 of 2,000 other shops' beacons fail on Postgres).
 * The database fault is injected here; tests/postgres/beacon-isolation.test.ts
 * shows the real Postgres refusal.
 */

withCleanDatabase();

const POISON = "poison-row";

/** A writer over the real database whose insert fails, like a database refusing a row, when a batch holds the poison row. */
class PoisonedWriter extends EventWriter {
  /** Statements after the gate's. */
  statements = 0;
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  constructor(private readonly failure: () => Error) {
    super(db);
  }
  /**
   * Queues `writes` behind an insert held open, then lets it go: the writes
   * then share one batch, as concurrent beacons do under load.
   */
  async together(writes: () => Array<Promise<void>>): Promise<Array<PromiseSettledResult<void>>> {
    const held = this.write(rowsOf(TEST_SHOP, ["gate"]));
    const outcomes = Promise.allSettled(writes());
    this.open();
    await held;
    this.statements = 0;
    return outcomes;
  }
  protected override async insert(rows: EventRow[]): Promise<void> {
    if (rows.some((r) => r.id === "gate")) await this.gate;
    else this.statements++;
    if (rows.some((r) => r.id === POISON)) throw this.failure();
    return super.insert(rows);
  }
}

function rowsOf(shop: string, ids: string[]): EventRow[] {
  return eventRows(shop, beacon(ids.map((id) => beaconEvent({ id }))) as never, null, Date.now());
}

describe("one bad beacon never fails another", () => {
  it("a batch refused because of one beacon's row is retried beacon by beacon: the others are stored and answered", async () => {
    const writer = new PoisonedWriter(() => new Error('invalid byte sequence for encoding "UTF8": 0x00'));
    const outcomes = await writer.together(() => [
      writer.write(rowsOf(TEST_SHOP, ["a1", "a2"])),
      writer.write(rowsOf("other-shop.myshopify.com", [POISON, "b2"])),
      writer.write(rowsOf("third-shop.myshopify.com", ["c1"])),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await db.analyticsEvent.count({ where: { id: { not: "gate" } } })).toBe(3);
    expect(await db.analyticsEvent.count({ where: { shop: "other-shop.myshopify.com" } })).toBe(0);
    // The shared statement, then one per beacon.
    expect(writer.statements).toBe(4);
    expect(writer.queuedRows).toBe(0);
  });

  it("a database that is unavailable fails the batch once, without a statement per beacon", async () => {
    const writer = new PoisonedWriter(() => Object.assign(new Error("SQLITE_BUSY: database is locked"), { code: "SQLITE_BUSY" }));
    const outcomes = await writer.together(() => [writer.write(rowsOf(TEST_SHOP, ["a1"])), writer.write(rowsOf(TEST_SHOP, [POISON]))]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    expect(writer.statements).toBe(1);
    expect(await db.analyticsEvent.count({ where: { id: { not: "gate" } } })).toBe(0);
  });
});
