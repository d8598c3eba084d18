import type { PrismaClient } from "@prisma/client";
import defaultDb from "../platform/db.server";
import { addDays, daysBetween, utcDay } from "./day";
import { experimentResultsFor, HOLDOUT } from "./experiments.server";
import { rollupRange } from "./rollup.server";
import type { Interval } from "./stats";

const Z95 = 1.959963984540054;

export interface HeadlineFigures {
  from: string;
  to: string;
  impressions: number;
  accepts: number;
  /** accepts / impressions, 0..1; null without impressions. */
  acceptRate: number | null;
  /** Revenue of accepted offer lines, shop currency minor units. */
  attributedRevenue: number;
  /** Summed over offers with a holdout; null when no offer has holdout data in the period. */
  incrementalRevenue: Interval | null;
  currency: string | null;
  /** False when today's figures could not be rolled up: these are the last rollup's. */
  fresh: boolean;
}

/** Yesterday and today are rolled up on read, so figures include the latest beacons (idempotent). */
/**
 * Rolls up today and yesterday before they are read. False when that failed:
 * the page then shows the last rollup and says so, rather than failing.
 */
async function refresh(db: PrismaClient, shop: string, to: string, now: number): Promise<boolean> {
  const today = utcDay(now);
  if (to < addDays(today, -1)) return true;
  try {
    await rollupRange(db, shop, addDays(today, -1), today);
    return true;
  } catch (error) {
    // Two admin tabs refreshing at once (Postgres): the other one wrote the same rows.
    // By code, not class: the Postgres client's errors come from another generated runtime.
    if ((error as { code?: unknown } | null)?.code === "P2002") return true;
    console.error(`analytics rollup for ${shop} failed; showing the last rollup`, error instanceof Error ? error.message : error);
    return false;
  }
}

/**
 * The Home page's figures for a period of UTC days (inclusive). Incremental
 * revenue adds each offer's (rpv_treated - rpv_holdout) x treated visitors;
 * its interval treats the offers as independent (variances add).
 */
export async function getHeadlineFigures(shop: string, from: string, to: string, db: PrismaClient = defaultDb, now = Date.now()): Promise<HeadlineFigures> {
  const fresh = await refresh(db, shop, to, now);
  const sums = await db.dailyStat.aggregate({ where: { shop, day: { gte: from, lte: to }, arm: { not: HOLDOUT } }, _sum: { impressions: true, accepts: true, revenue: true } });
  return figuresFromSums(db, shop, from, to, fresh, { impressions: sums._sum.impressions ?? 0, accepts: sums._sum.accepts ?? 0, revenue: Number(sums._sum.revenue ?? 0) });
}

/**
 * The Analytics page's headline figures and per-offer totals from one pass
 * over the period's rollups: the headline sums are the offers' sums (decision 0088).
 */
export async function headlineAndOfferTotals(shop: string, from: string, to: string, db: PrismaClient = defaultDb, now = Date.now()) {
  const fresh = await refresh(db, shop, to, now);
  const raw = await offerSums(db, shop, from, to);
  const sums = { impressions: 0, accepts: 0, revenue: 0 };
  for (const t of raw) {
    sums.impressions += t.impressions;
    sums.accepts += t.accepts;
    sums.revenue += t.revenue;
  }
  return { figures: await figuresFromSums(db, shop, from, to, fresh, sums), totals: raw.map(bounded) };
}

async function figuresFromSums(db: PrismaClient, shop: string, from: string, to: string, fresh: boolean, sums: { impressions: number; accepts: number; revenue: number }): Promise<HeadlineFigures> {
  const [conversion, holdoutOffers] = await Promise.all([
    db.conversion.findFirst({ where: { shop }, orderBy: { createdAt: "desc" }, select: { currency: true } }),
    db.experimentOrder.groupBy({ by: ["offerId"], where: { shop, arm: HOLDOUT, day: { gte: from, lte: to } } }),
  ]);
  let incremental: Interval | null = null;
  let variance = 0;
  const results = await experimentResultsFor(
    db,
    shop,
    holdoutOffers.map((o) => o.offerId),
    from,
    to,
  );
  for (const { offerId } of holdoutOffers) {
    const r = results.get(offerId);
    if (!r?.incremental) continue;
    const se = (r.incremental.high - r.incremental.low) / (2 * Z95);
    variance += se * se;
    const value: number = (incremental?.value ?? 0) + r.incremental.value;
    incremental = { value, low: value - Z95 * Math.sqrt(variance), high: value + Z95 * Math.sqrt(variance) };
  }
  if (incremental) incremental = { value: incremental.value, low: Math.round(incremental.low), high: Math.round(incremental.high) };
  const impressions = sums.impressions;
  const accepts = Math.min(sums.accepts, impressions);
  return {
    from,
    to,
    impressions,
    accepts,
    acceptRate: impressions > 0 ? accepts / impressions : null,
    attributedRevenue: sums.revenue,
    incrementalRevenue: incremental,
    currency: conversion?.currency ?? null,
    fresh,
  };
}

export interface OfferFunnel {
  impressions: number;
  clicks: number;
  accepts: number;
  declines: number;
  orders: number;
  revenue: number;
}

export interface OfferSeriesPoint extends OfferFunnel {
  day: string;
}

/**
 * Rollups since decision 0059 never count a click, accept or decline without
 * an impression; rows rolled up before it (kept for pruned days) may, so what
 * is shown is held to the impressions too: no rate shown passes 100%.
 */
function bounded<T extends { impressions: number; clicks: number; accepts: number; declines: number }>(f: T): T {
  return { ...f, clicks: Math.min(f.clicks, f.impressions), accepts: Math.min(f.accepts, f.impressions), declines: Math.min(f.declines, f.impressions) };
}

/** Funnel totals and one point per day for an offer (treated arms only: the holdout saw nothing). */
export async function offerFunnel(db: PrismaClient, shop: string, offerId: string, from: string, to: string, now = Date.now()): Promise<{ funnel: OfferFunnel; series: OfferSeriesPoint[] }> {
  await refresh(db, shop, to, now);
  const rows = await db.dailyStat.findMany({ where: { shop, offerId, day: { gte: from, lte: to }, arm: { not: HOLDOUT } } });
  const byDay = new Map<string, OfferSeriesPoint>(daysBetween(from, to).map((day) => [day, { day, impressions: 0, clicks: 0, accepts: 0, declines: 0, orders: 0, revenue: 0 }]));
  const funnel: OfferFunnel = { impressions: 0, clicks: 0, accepts: 0, declines: 0, orders: 0, revenue: 0 };
  for (const r of rows) {
    const p = byDay.get(r.day);
    for (const k of ["impressions", "clicks", "accepts", "declines", "orders", "revenue"] as const) {
      // revenue is 64-bit in the database; sums stay far below 2^53 minor units.
      const n = Number(r[k]);
      funnel[k] += n;
      if (p) p[k] += n;
    }
  }
  return { funnel: bounded(funnel), series: [...byDay.values()].map(bounded) };
}

/** Per-offer totals for the analytics index table (and the Offers list: only the offers on its page). */
export async function offerTotals(db: PrismaClient, shop: string, from: string, to: string, offerIds?: readonly string[]) {
  return (await offerSums(db, shop, from, to, offerIds)).map(bounded);
}

/** Per-offer sums of the treated arms' rollups, not yet held to the impressions. */
async function offerSums(db: PrismaClient, shop: string, from: string, to: string, offerIds?: readonly string[]) {
  const groups = await db.dailyStat.groupBy({
    by: ["offerId"],
    where: { shop, day: { gte: from, lte: to }, arm: { not: HOLDOUT }, ...(offerIds ? { offerId: { in: [...offerIds] } } : {}) },
    _sum: { impressions: true, clicks: true, accepts: true, declines: true, orders: true, revenue: true },
  });
  return groups.map((g) => ({
    offerId: g.offerId,
    impressions: g._sum.impressions ?? 0,
    clicks: g._sum.clicks ?? 0,
    accepts: g._sum.accepts ?? 0,
    declines: g._sum.declines ?? 0,
    orders: g._sum.orders ?? 0,
    revenue: Number(g._sum.revenue ?? 0),
  }));
}
