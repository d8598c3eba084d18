import type { Prisma, PrismaClient } from "@prisma/client";
import { sqlFragments, takeWriteLock } from "../platform/db.server";
import { addDays, utcDay } from "./day";


interface Cell {
  offerId: string;
  arm: string;
  moment: string;
  impressions: number;
  clicks: number;
  accepts: number;
  declines: number;
  visitors: number;
  orders: number;
  revenue: number;
}

const COUNTS = ["impressions", "clicks", "accepts", "declines", "visitors", "orders", "revenue"] as const;
/** Rows per upsert statement: 13 parameters each, well under SQLite's and Postgres' limits. */
const UPSERT_CHUNK = 500;

/**
 * Writes cells with one INSERT … ON CONFLICT DO UPDATE per 500 (the same SQL
 * on SQLite and Postgres): createMany of a busy day's thousand rows cost
 * hundreds of milliseconds in Prisma's query compiler.
 */
async function upsertCells(tx: Prisma.TransactionClient, shop: string, day: string, cells: readonly Cell[]): Promise<void> {
  const { sql, join } = sqlFragments;
  const now = new Date();
  for (let i = 0; i < cells.length; i += UPSERT_CHUNK) {
    const values = cells
      .slice(i, i + UPSERT_CHUNK)
      .map((c) => sql`(${shop}, ${day}, ${c.offerId}, ${c.arm}, ${c.moment}, ${c.impressions}, ${c.clicks}, ${c.accepts}, ${c.declines}, ${c.visitors}, ${c.orders}, ${BigInt(c.revenue)}, ${now})`);
    await tx.$executeRaw`INSERT INTO "DailyStat" ("shop", "day", "offerId", "arm", "moment", "impressions", "clicks", "accepts", "declines", "visitors", "orders", "revenue", "updatedAt")
      VALUES ${join(values)}
      ON CONFLICT ("shop", "day", "offerId", "arm", "moment") DO UPDATE SET
        "impressions" = excluded."impressions", "clicks" = excluded."clicks", "accepts" = excluded."accepts", "declines" = excluded."declines",
        "visitors" = excluded."visitors", "orders" = excluded."orders", "revenue" = excluded."revenue", "updatedAt" = excluded."updatedAt"`;
  }
}

const key = (offerId: string, arm: string, moment: string) => `${offerId}\u0000${arm}\u0000${moment}`;

/**
 * Recomputes one shop's DailyStat rows for one UTC day from the raw events
 * and conversions, replacing what was there: running it twice, or after late
 * events arrive, gives the same rows. Event counts are per offer x arm x
 * moment; attributed orders and revenue have no moment and sit under "".
 * A day whose raw events were already pruned keeps its event counts.
 */
export async function rollupDay(db: PrismaClient, shop: string, day: string): Promise<number> {
  const cells = new Map<string, Cell>();
  const cell = (offerId: string, arm: string, moment: string) => {
    const k = key(offerId, arm, moment);
    let c = cells.get(k);
    if (!c) cells.set(k, (c = { offerId, arm, moment, impressions: 0, clicks: 0, accepts: 0, declines: 0, visitors: 0, orders: 0, revenue: 0 }));
    return c;
  };

  const eventCount = await db.analyticsEvent.count({ where: { shop, day } });
  // Browser events are claims (decision 0059): each (visitor, session) counts
  // once per offer x arm x moment x type, and a click, accept or decline
  // counts only where that visitor's session had an impression of the same
  // offer, arm and moment that day, so no rate can pass 100% in any cell or
  // any sum of cells. Visitors are those with an impression. One grouped
  // pass (per visitor session, which types it sent; then per cell), no
  // subquery per row, so a busy day costs one scan of its events. The inner
  // GROUP BY starts with the visitor: started with the offer, it led SQLite
  // (no table statistics) to walk the (shop, offerId, day) index over all of
  // the shop's days to save a sort, instead of the day's rows (decision 0088).
  const [sessions, conversions] = await Promise.all([
    db.$queryRaw<Array<{ offerId: string; arm: string; moment: string; impressions: bigint | number; clicks: bigint | number; accepts: bigint | number; declines: bigint | number; visitors: bigint | number }>>`
      SELECT "offerId", "arm", "moment",
        SUM(saw) AS impressions, SUM(saw * clicked) AS clicks, SUM(saw * accepted) AS accepts, SUM(saw * declined) AS declines,
        COUNT(DISTINCT CASE WHEN saw = 1 THEN "visitor" END) AS visitors
      FROM (
        SELECT "offerId", "arm", "moment", "visitor", "session",
          MAX(CASE WHEN "type" = 'IMPRESSION' THEN 1 ELSE 0 END) AS saw,
          MAX(CASE WHEN "type" = 'CLICK' THEN 1 ELSE 0 END) AS clicked,
          MAX(CASE WHEN "type" = 'ACCEPT' THEN 1 ELSE 0 END) AS accepted,
          MAX(CASE WHEN "type" = 'DECLINE' THEN 1 ELSE 0 END) AS declined
        FROM "AnalyticsEvent" WHERE "shop" = ${shop} AND "day" = ${day}
        GROUP BY "visitor", "session", "offerId", "arm", "moment"
      ) s
      GROUP BY "offerId", "arm", "moment"`,
    db.conversion.findMany({ where: { shop, day }, select: { offerId: true, variant: true, orderId: true, revenue: true } }),
  ]);
  for (const g of sessions) {
    const c = cell(g.offerId, g.arm, g.moment);
    c.impressions = Number(g.impressions);
    c.clicks = Number(g.clicks);
    c.accepts = Number(g.accepts);
    c.declines = Number(g.declines);
    c.visitors = Number(g.visitors);
  }
  const ordersSeen = new Set<string>();
  for (const conv of conversions) {
    const c = cell(conv.offerId, conv.variant ?? "", "");
    c.revenue += Number(conv.revenue);
    const k = `${conv.offerId}\u0000${conv.variant ?? ""}\u0000${conv.orderId}`;
    if (!ordersSeen.has(k)) {
      ordersSeen.add(k);
      c.orders += 1;
    }
  }

  await db.$transaction(async (tx) => {
    // The rows are read inside the transaction, so the first statement must take the write lock (decision 0049).
    await takeWriteLock(tx);
    const stored = await tx.dailyStat.findMany({
      where: { shop, day },
      select: { offerId: true, arm: true, moment: true, impressions: true, clicks: true, accepts: true, declines: true, visitors: true, orders: true, revenue: true },
    });
    if (eventCount > 0) {
      // Only what changed is written: a page that rolls up today on every load
      // rewrote about a thousand unchanged rows a day on a busy shop (decision 0088).
      const gone = stored.filter((row) => !cells.has(key(row.offerId, row.arm, row.moment)));
      const storedByKey = new Map(stored.map((row) => [key(row.offerId, row.arm, row.moment), row]));
      // In key order, so two pages refreshing the same day at once lock rows in the same order (Postgres).
      const changed = [...cells.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, c]) => c)
        .filter((c) => {
          const row = storedByKey.get(key(c.offerId, c.arm, c.moment));
          return !row || COUNTS.some((k) => Number(row[k]) !== c[k]);
        });
      for (const row of gone) await tx.dailyStat.delete({ where: { shop_day_offerId_arm_moment: { shop, day, offerId: row.offerId, arm: row.arm, moment: row.moment } } });
      await upsertCells(tx, shop, day, changed);
    } else {
      // Events already pruned: keep their counts, refresh only orders and revenue.
      await tx.dailyStat.updateMany({ where: { shop, day }, data: { orders: 0, revenue: 0 } });
      for (const k of stored) {
        const c = cells.get(key(k.offerId, k.arm, k.moment));
        if (c) {
          await tx.dailyStat.update({ where: { shop_day_offerId_arm_moment: { shop, day, offerId: k.offerId, arm: k.arm, moment: k.moment } }, data: { orders: c.orders, revenue: c.revenue } });
          cells.delete(key(k.offerId, k.arm, k.moment));
        }
      }
      if (cells.size) await tx.dailyStat.createMany({ data: [...cells.values()].map((c) => ({ shop, day, ...c })) });
    }
  });
  return cells.size;
}

/** Rolls up every day from `from` to `to` (inclusive) that has events or conversions for the shop. */
export async function rollupRange(db: PrismaClient, shop: string, from: string, to: string): Promise<number> {
  const [e, c] = await Promise.all([
    db.analyticsEvent.groupBy({ by: ["day"], where: { shop, day: { gte: from, lte: to } } }),
    db.conversion.groupBy({ by: ["day"], where: { shop, day: { gte: from, lte: to } } }),
  ]);
  const days = [...new Set([...e.map((x) => x.day), ...c.map((x) => x.day)])].sort();
  for (const day of days) await rollupDay(db, shop, day);
  return days.length;
}

/**
 * The daily job: the last 7 days for every shop with activity in them, so late
 * beacons and a few missed runs are caught up (pages roll up yesterday and today on read).
 */
export async function rollupRecent(db: PrismaClient, now = Date.now()): Promise<{ shops: number; days: number }> {
  const today = utcDay(now);
  const from = addDays(today, -6);
  const shops = await db.analyticsEvent.groupBy({ by: ["shop"], where: { day: { gte: from } } });
  const orderShops = await db.conversion.groupBy({ by: ["shop"], where: { day: { gte: from } } });
  const all = [...new Set([...shops.map((s) => s.shop), ...orderShops.map((s) => s.shop)])];
  let days = 0;
  for (const shop of all) days += await rollupRange(db, shop, from, today);
  return { shops: all.length, days };
}

