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
  // any sum of cells. Visitors are those with an impression.
  const [byType, visitors, conversions] = await Promise.all([
    db.$queryRaw<Array<{ offerId: string; arm: string; moment: string; type: string; n: bigint | number }>>`
      SELECT e."offerId", e."arm", e."moment", e."type", COUNT(*) AS n FROM (
        SELECT DISTINCT "offerId", "arm", "moment", "type", "visitor", "session" FROM "AnalyticsEvent" WHERE "shop" = ${shop} AND "day" = ${day}
      ) e
      WHERE e."type" = 'IMPRESSION' OR EXISTS (
        SELECT 1 FROM "AnalyticsEvent" i
        WHERE i."shop" = ${shop} AND i."day" = ${day} AND i."offerId" = e."offerId" AND i."arm" = e."arm" AND i."moment" = e."moment"
          AND i."visitor" = e."visitor" AND i."session" = e."session" AND i."type" = 'IMPRESSION')
      GROUP BY e."offerId", e."arm", e."moment", e."type"`,
    db.$queryRaw<Array<{ offerId: string; arm: string; moment: string; n: bigint | number }>>`
      SELECT "offerId", "arm", "moment", COUNT(DISTINCT "visitor") AS n FROM "AnalyticsEvent"
      WHERE "shop" = ${shop} AND "day" = ${day} AND "type" = 'IMPRESSION' GROUP BY "offerId", "arm", "moment"`,
    db.conversion.findMany({ where: { shop, day }, select: { offerId: true, variant: true, orderId: true, revenue: true } }),
  ]);
  for (const g of byType) {
    const c = cell(g.offerId, g.arm, g.moment);
    const n = Number(g.n);
    if (g.type === "IMPRESSION") c.impressions += n;
    else if (g.type === "CLICK") c.clicks += n;
    else if (g.type === "ACCEPT") c.accepts += n;
    else if (g.type === "DECLINE") c.declines += n;
  }
  for (const v of visitors) cell(v.offerId, v.arm, v.moment).visitors = Number(v.n);
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

