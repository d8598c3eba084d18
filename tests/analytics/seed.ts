import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import db from "../../app/platform/db.server";
import { TEST_SHOP } from "../helpers/shopify-requests";

/**
 * Seeds raw events. Impressions get a fresh session each (and a fresh visitor
 * unless `visitor` says). A click, accept or decline only counts for a visitor
 * session that saw the offer (decision 0059), so by default the i-th one goes
 * to the i-th impression seeded in the same offer x arm x moment x day.
 */
export async function seedEvents(
  n: number,
  e: { type?: string; offerId?: string; arm?: string; variant?: string | null; moment?: string; day?: string; visitor?: (i: number) => string; shop?: string },
) {
  const day = e.day ?? "2026-11-20";
  const type = e.type ?? "IMPRESSION";
  const cellWhere = { shop: e.shop ?? TEST_SHOP, offerId: e.offerId ?? "offer-1", arm: e.arm ?? "", moment: e.moment ?? "CART", day };
  let seen: Array<{ visitor: string; session: string }> = [];
  if (type !== "IMPRESSION" && !e.visitor) {
    seen = await db.analyticsEvent.findMany({ where: { ...cellWhere, type: "IMPRESSION" }, select: { visitor: true, session: true }, orderBy: { ts: "asc" } });
    if (seen.length < n) throw new Error(`seedEvents: ${n} ${type} events need as many impressions in their cell first (${seen.length})`);
  }
  await db.analyticsEvent.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      ...cellWhere,
      id: randomUUID(),
      type,
      variant: e.variant ?? null,
      bucket: null,
      visitor: seen[i]?.visitor ?? (e.visitor ? e.visitor(i) : randomUUID()),
      session: seen[i]?.session ?? randomUUID(),
      ts: new Date(`${day}T12:00:00Z`),
    })),
  });
}

export async function seedExperimentOrders(n: number, o: { offerId?: string; arm: string; revenue?: number; day?: string }) {
  const day = o.day ?? "2026-11-20";
  await db.experimentOrder.createMany({
    data: Array.from({ length: n }, () => ({
      shop: TEST_SHOP,
      orderId: randomUUID(),
      offerId: o.offerId ?? "offer-1",
      arm: o.arm,
      revenue: o.revenue ?? 5000,
      currency: "EUR",
      presentmentRevenue: o.revenue ?? 5000,
      presentmentCurrency: "EUR",
      orderedAt: new Date(`${day}T13:00:00Z`),
      day,
    })),
  });
}

export const definition = (extra: Record<string, unknown> = {}) => ({
  items: [{ productId: "1", handle: "socks", title: "Socks", variantIds: ["11"] }],
  content: { en: { headline: "Add socks", body: "", accept: "Add", decline: "No thanks" } },
  ...extra,
});

export async function seedOffer(def: Record<string, unknown>, id = "offer-1") {
  return db.offer.create({ data: { id, shop: TEST_SHOP, name: "Socks", type: "CROSS_SELL", status: "ACTIVE", moments: "CART", definition: def as Prisma.InputJsonValue } });
}
