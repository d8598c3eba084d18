import type { PrismaClient } from "@prisma/client";
import defaultDb from "../platform/db.server";
import { experimentResults } from "./experiments.server";
import { headlineAndOfferTotals, offerFunnel } from "./figures.server";

/*
 * What the two analytics pages read, so their routes only authenticate,
 * parse the period and render.
 */

/** The Analytics page: the period's headline figures and one row per offer, most seen first. */
export async function analyticsOverview(shop: string, from: string, to: string, db: PrismaClient = defaultDb) {
  const [{ figures, totals }, offers] = await Promise.all([headlineAndOfferTotals(shop, from, to, db), db.offer.findMany({ where: { shop }, select: { id: true, name: true } })]);
  const names = new Map(offers.map((o) => [o.id, o.name]));
  const rows = totals
    .map((t) => ({ ...t, name: names.get(t.offerId) ?? "Deleted offer" }))
    .sort((a, b) => b.impressions - a.impressions);
  return { figures, rows, offerCount: offers.length };
}

/** The shop's own offer, or null: another shop's id reads as unknown. */
export async function shopOffer(shop: string, offerId: string, db: PrismaClient = defaultDb) {
  return db.offer.findFirst({ where: { id: offerId, shop }, select: { id: true, name: true, status: true } });
}

/** One offer's page: funnel, series, A/B arms, auto-promote and the promotion in force. */
export async function offerAnalytics(shop: string, offerId: string, from: string, to: string, db: PrismaClient = defaultDb) {
  const [{ funnel, series }, results, settings, promotion, conv] = await Promise.all([
    offerFunnel(db, shop, offerId, from, to),
    experimentResults(db, shop, offerId, from, to),
    db.experimentSettings.findUnique({ where: { shop_offerId: { shop, offerId } } }),
    db.promotion.findFirst({ where: { shop, offerId, revertedAt: null }, orderBy: { promotedAt: "desc" } }),
    db.conversion.findFirst({ where: { shop }, select: { currency: true }, orderBy: { createdAt: "desc" } }),
  ]);
  return {
    funnel,
    series,
    results,
    currency: results.currency ?? conv?.currency ?? null,
    autoPromote: settings?.autoPromote ?? false,
    promotion: promotion ? { id: promotion.id, variant: promotion.variant, source: promotion.source, promotedAt: promotion.promotedAt.toISOString() } : null,
  };
}
