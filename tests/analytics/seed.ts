import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import db from "../../app/db.server";
import { TEST_SHOP } from "../helpers/shopify-requests";

export async function seedEvents(
  n: number,
  e: { type?: string; offerId?: string; arm?: string; variant?: string | null; moment?: string; day?: string; visitor?: (i: number) => string; shop?: string },
) {
  const day = e.day ?? "2026-11-20";
  await db.analyticsEvent.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      shop: e.shop ?? TEST_SHOP,
      id: randomUUID(),
      type: e.type ?? "IMPRESSION",
      offerId: e.offerId ?? "offer-1",
      variant: e.variant ?? null,
      bucket: null,
      arm: e.arm ?? "",
      moment: e.moment ?? "CART",
      visitor: e.visitor ? e.visitor(i) : randomUUID(),
      session: "s",
      ts: new Date(`${day}T12:00:00Z`),
      day,
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
