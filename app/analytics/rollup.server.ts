import type { PrismaClient } from "@prisma/client";
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
  // subquery per row, so a busy day costs one scan of its events.
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
        GROUP BY "offerId", "arm", "moment", "visitor", "session"
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
    if (eventCount > 0) {
      await tx.dailyStat.deleteMany({ where: { shop, day } });
    } else {
      // Events already pruned: keep their counts, refresh only orders and revenue.
      await tx.dailyStat.updateMany({ where: { shop, day }, data: { orders: 0, revenue: 0 } });
      const kept = await tx.dailyStat.findMany({ where: { shop, day } });
      for (const k of kept) {
        const c = cells.get(key(k.offerId, k.arm, k.moment));
        if (c) {
          await tx.dailyStat.update({ where: { shop_day_offerId_arm_moment: { shop, day, offerId: k.offerId, arm: k.arm, moment: k.moment } }, data: { orders: c.orders, revenue: c.revenue } });
          cells.delete(key(k.offerId, k.arm, k.moment));
        }
      }
    }
    if (cells.size) await tx.dailyStat.createMany({ data: [...cells.values()].map((c) => ({ shop, day, ...c })) });
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

