import { Prisma, type PrismaClient } from "@prisma/client";
import type { Beacon } from "../beacon.schema";
import { utcDay } from "./day";

/*
 * Beacon ingestion (docs/decisions: ingestion). Events from concurrent
 * requests are written together: while one transaction runs, the next
 * requests' events queue up and go in the following one (group commit), so
 * SQLite pays one commit per batch rather than one per beacon. A request is
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
      arm: e.bucket ?? e.variant ?? "",
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

/** Events per transaction; SQLite binds 15 values per row and allows 32,766 per statement. */
const MAX_BATCH = 1_000;

interface Pending {
  rows: EventRow[];
  resolve: (stored: number) => void;
  reject: (error: unknown) => void;
}

export class EventWriter {
  private queue: Pending[] = [];
  private running = false;

  constructor(private readonly db: PrismaClient) {}

  /** Resolves with how many of these rows were new, once they are committed. */
  write(rows: EventRow[]): Promise<number> {
    if (!rows.length) return Promise.resolve(0);
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
          const counts = await this.commit(batch);
          batch.forEach((p, i) => p.resolve(counts[i] ?? 0));
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(batch: Pending[]): Promise<number[]> {
    try {
      return await this.insertNew(batch);
    } catch (error) {
      // Another instance sharing the database stored one of these ids between
      // our read and our insert; the second pass sees it and skips it.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return this.insertNew(batch);
      throw error;
    }
  }

  /**
   * createMany({ skipDuplicates }) is not available on SQLite, so: read which
   * ids exist (one query per shop in the batch), insert the rest in one
   * statement, inside one transaction.
   */
  private insertNew(batch: Pending[]): Promise<number[]> {
    return this.db.$transaction(async (tx) => {
      const byShop = new Map<string, Set<string>>();
      for (const p of batch) for (const r of p.rows) (byShop.get(r.shop) ?? byShop.set(r.shop, new Set()).get(r.shop))?.add(r.id);
      const seen = new Set<string>();
      for (const [shop, ids] of byShop) {
        const existing = await tx.analyticsEvent.findMany({ where: { shop, id: { in: [...ids] } }, select: { id: true } });
        for (const e of existing) seen.add(`${shop}\u0000${e.id}`);
      }
      const fresh: EventRow[] = [];
      const counts = batch.map((p) => {
        let n = 0;
        for (const r of p.rows) {
          const key = `${r.shop}\u0000${r.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          fresh.push(r);
          n++;
        }
        return n;
      });
      if (fresh.length) await tx.analyticsEvent.createMany({ data: fresh });
      return counts;
    });
  }
}

/*
 * Drops (rate-limited beacons) are counted in memory and added to the
 * database at most every few seconds: under a flood, the limiter must not
 * turn every refused request into a write.
 */
const DROP_FLUSH_MS = 5_000;

export class DropCounter {
  private counts = new Map<string, { shop: string; day: string; reason: string; requests: number; events: number }>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly db: PrismaClient) {}

  count(shop: string, reason: string, events: number, now: number): void {
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
