import type { PrismaClient } from "@prisma/client";
import { forgetQueryArguments, sqlFragments } from "../platform/db.server";
import { isRetryableConnectionError, isTransientDbError, retryTransient } from "../platform/prisma-errors.server";
import type { Beacon } from "./beacon.schema";
import { utcDay } from "./day";

/*
 * Beacon ingestion (docs/decisions: ingestion). Events from concurrent
 * requests are written together: while one insert runs, the next requests'
 * events queue up and go in the following one (group commit), so SQLite pays
 * one commit per batch rather than one per beacon. A request is
 * answered only after its events are committed, so a 204 means stored.
 */

export type EventType = "IMPRESSION" | "CLICK" | "ACCEPT" | "DECLINE";

export interface EventRow {
  shop: string;
  id: string;
  type: EventType;
  offerId: string;
  variant: string | null;
  bucket: string | null;
  arm: string;
  moment: string;
  visitor: string;
  session: string;
  customerHash: string | null;
  ts: Date;
  day: string;
  value: number | null;
  currency: string | null;
}

/**
 * The experiment arm an event belongs to: "holdout", else the A/B variant id
 * (the control's bucket is "control" but its variant is the control's id, so
 * events and `_tactful_variant` order lines agree), else the bucket, else "".
 */
export function armOf(bucket: string | undefined, variant: string | undefined): string {
  if (bucket === "holdout") return "holdout";
  return variant ?? bucket ?? "";
}

/** Client clocks drift; a timestamp further than this from ours is replaced by ours. */
const MAX_CLOCK_SKEW_MS = 24 * 3_600_000;

export function eventRows(shop: string, beacon: Beacon, customerHash: string | null, now: number): EventRow[] {
  return beacon.events.map((e) => {
    const ts = Math.abs(e.ts - now) > MAX_CLOCK_SKEW_MS ? now : e.ts;
    return {
      shop,
      id: e.id,
      type: e.type.toUpperCase() as EventType,
      offerId: e.offer,
      variant: e.variant ?? null,
      bucket: e.bucket ?? null,
      arm: armOf(e.bucket, e.variant),
      moment: e.moment,
      visitor: beacon.visitor,
      session: beacon.session,
      customerHash,
      ts: new Date(ts),
      day: utcDay(ts),
      value: e.value ?? null,
      currency: e.currency ?? null,
    };
  });
}

/** Events per statement: 16 bound values a row, under SQLite's 32,766 and Postgres' 65,535. */
const MAX_BATCH = 1_000;

/*
 * Load shedding (docs/decisions/0047). Rows waiting for or inside an insert
 * are capped: past the cap a write is refused at once instead of queued, so
 * under a flood memory stays bounded and the wait a queued beacon adds is at
 * most a few batches. 5,000 rows is five full batches, ~0.1–0.3 s of inserts.
 */
export const MAX_QUEUED_ROWS = 5_000;

/** The writer is full: nothing of this write was queued, the sender should come back later. */
export class WriterOverloadedError extends Error {
  constructor(readonly queuedRows: number) {
    super(`Event writer is full (${queuedRows} rows queued)`);
    this.name = "WriterOverloadedError";
  }
}

interface Pending {
  rows: EventRow[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class EventWriter {
  private queue: Pending[] = [];
  private running = false;
  /** Rows accepted by write() and not yet settled (queued or in the running insert). */
  private pendingRows = 0;

  constructor(
    private readonly db: PrismaClient,
    readonly maxQueuedRows = MAX_QUEUED_ROWS,
  ) {}

  get queuedRows(): number {
    return this.pendingRows;
  }

  /**
   * Resolves once these rows are committed (rows whose id the shop already has
   * are skipped). Rejects with WriterOverloadedError, without queuing anything,
   * when the rows would take the writer past its cap.
   */
  write(rows: EventRow[]): Promise<void> {
    if (!rows.length) return Promise.resolve();
    if (this.pendingRows + rows.length > this.maxQueuedRows) return Promise.reject(new WriterOverloadedError(this.pendingRows));
    this.pendingRows += rows.length;
    return new Promise((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length) {
        const batch: Pending[] = [];
        let size = 0;
        while (this.queue.length && (size === 0 || size + (this.queue[0]?.rows.length ?? 0) <= MAX_BATCH)) {
          const p = this.queue.shift();
          if (!p) break;
          batch.push(p);
          size += p.rows.length;
        }
        try {
          await this.insertSettling(batch);
        } finally {
          this.pendingRows -= size;
        }
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * Inserts a batch of beacons and settles each one. A dropped Postgres
   * connection is retried once on a fresh one: the statement skips rows
   * already stored, so a retry after an unseen commit stores nothing twice.
   * One statement stores all or none, so when a batch of several beacons is
   * refused for a reason that is not the database being unavailable (a row
   * the database will not take), each beacon is tried on its own: one bad
   * beacon fails only itself, never another shop's.
   */
  private async insertSettling(batch: Pending[]): Promise<void> {
    try {
      await retryTransient(() => this.insert(batch.flatMap((p) => p.rows)), 50, isRetryableConnectionError);
      for (const p of batch) p.resolve();
    } catch (error) {
      if (batch.length === 1 || isTransientDbError(error)) {
        for (const p of batch) p.reject(error);
        return;
      }
      for (const p of batch) await this.insertSettling([p]);
    }
  }

  /**
   * One statement, duplicates skipped by the (shop, id) key. Raw SQL because
   * createMany({ skipDuplicates }) is not available on SQLite; ON CONFLICT DO
   * NOTHING is the same on SQLite and Postgres, and a raw statement skips
   * Prisma's query compiler, which dominated the cost per beacon.
   */
  protected async insert(rows: EventRow[]): Promise<void> {
    // Fragments must come from the client in use (SQLite or Postgres runtime), see db.server.
    const { sql, join } = sqlFragments;
    const receivedAt = new Date();
    const values = rows.map(
      (r) =>
        sql`(${r.shop}, ${r.id}, ${r.type}, ${r.offerId}, ${r.variant}, ${r.bucket}, ${r.arm}, ${r.moment}, ${r.visitor}, ${r.session}, ${r.customerHash}, ${r.ts}, ${r.day}, ${r.value}, ${r.currency}, ${receivedAt})`,
    );
    try {
      await this.db.$executeRaw`INSERT INTO "AnalyticsEvent" ("shop", "id", "type", "offerId", "variant", "bucket", "arm", "moment", "visitor", "session", "customerHash", "ts", "day", "value", "currency", "receivedAt") VALUES ${join(values)} ON CONFLICT ("shop", "id") DO NOTHING`;
    } finally {
      forgetQueryArguments();
    }
  }
}

/*
 * Drops (rate-limited, shed or failed beacons, see DropReason) are counted
 * in memory and added to the database at most every few seconds: under a
 * flood, refusing a request must not turn into a write.
 */
const DROP_FLUSH_MS = 5_000;

/**
 * Why a valid beacon was not stored. RATE_LIMITED: 429 (per visitor or per
 * client); OVERLOADED: the writer was full (503); STORE_FAILED: the database
 * refused the insert (503); UNKNOWN_OFFER: events naming an offer the shop
 * does not have (204, the rest of the beacon is stored).
 */
export type DropReason = "RATE_LIMITED" | "OVERLOADED" | "STORE_FAILED" | "UNKNOWN_OFFER";

export class DropCounter {
  private counts = new Map<string, { shop: string; day: string; reason: string; requests: number; events: number }>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly db: PrismaClient) {}

  count(shop: string, reason: DropReason, events: number, now: number): void {
    this.add({ shop, day: utcDay(now), reason, requests: 1, events });
  }

  private add(d: { shop: string; day: string; reason: string; requests: number; events: number }): void {
    const key = `${d.shop}\u0000${d.day}\u0000${d.reason}`;
    const c = this.counts.get(key) ?? { shop: d.shop, day: d.day, reason: d.reason, requests: 0, events: 0 };
    c.requests += d.requests;
    c.events += d.events;
    this.counts.set(key, c);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), DROP_FLUSH_MS);
      this.timer.unref?.();
    }
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const pending = [...this.counts.values()];
    this.counts = new Map();
    try {
      await this.db.$transaction(
        pending.map((c) =>
          this.db.ingestDrop.upsert({
            where: { shop_day_reason: { shop: c.shop, day: c.day, reason: c.reason } },
            create: c,
            update: { requests: { increment: c.requests }, events: { increment: c.events } },
          }),
        ),
      );
    } catch (error) {
      // Keep what could not be written for the next flush.
      for (const c of pending) this.add(c);
      throw error;
    }
  }
}
