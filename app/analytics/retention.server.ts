import type { PrismaClient } from "@prisma/client";
import { addDays, utcDay } from "./day";
import { rollupDay } from "./rollup.server";

export const DEFAULT_RETENTION_DAYS = 90;

export async function retentionDays(db: PrismaClient, shop: string): Promise<number> {
  const s = await db.analyticsSettings.findUnique({ where: { shop } });
  return s?.retentionDays ?? DEFAULT_RETENTION_DAYS;
}

/**
 * Deletes raw events older than each shop's retention (default 90 days).
 * Every day about to go is rolled up first, so daily figures survive the raw
 * rows. Safe to run twice, or to be interrupted: a second run finds nothing
 * left to roll up or delete for the days already done.
 */
export async function pruneEvents(db: PrismaClient, now = Date.now()): Promise<{ shops: number; days: number; deleted: number }> {
  const today = utcDay(now);
  const shops = await db.analyticsEvent.groupBy({ by: ["shop"] });
  let days = 0;
  let deleted = 0;
  for (const { shop } of shops) {
    const cutoff = addDays(today, -(await retentionDays(db, shop)));
    const old = await db.analyticsEvent.groupBy({ by: ["day"], where: { shop, day: { lt: cutoff } }, orderBy: { day: "asc" } });
    for (const { day } of old) {
      await rollupDay(db, shop, day);
      deleted += (await db.analyticsEvent.deleteMany({ where: { shop, day } })).count;
      days++;
    }
  }
  return { shops: shops.length, days, deleted };
}
