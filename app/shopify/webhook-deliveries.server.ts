import type { Prisma, PrismaClient } from "@prisma/client";
import { isUniqueViolation } from "../platform/prisma-errors.server";
import { deleteRecommendationData } from "../recommendations/recommendations.server";

type Tx = Prisma.TransactionClient;

/** What became of one delivery. */
export type WebhookOutcome = "PROCESSED" | "DUPLICATE" | "SHOP_ERASED";

export interface WebhookEvent {
  eventId: string;
  shop: string;
  topic: string;
  /** X-Shopify-Triggered-At, when Shopify sent it. */
  triggeredAt?: Date;
}

/**
 * Shopify delivers webhooks at least once (8 retries over 4 hours), so each
 * handler runs inside a transaction that also records the event id. A
 * duplicate delivery finds the id and does nothing; a handler that throws
 * rolls the marker back so Shopify's retry gets another chance.
 *
 * Deliveries are not ordered either: anything that arrives for a shop whose
 * data shop/redact erased, and that has not installed again since, is
 * acknowledged and dropped, so a late orders/create or app/uninstalled
 * cannot leave rows behind for a shop we promised to forget.
 */
export async function processWebhookOnce(db: PrismaClient, event: WebhookEvent, handle: (tx: Tx) => Promise<void>): Promise<WebhookOutcome> {
  try {
    return await db.$transaction(async (tx): Promise<WebhookOutcome> => {
      // A write first: SQLite's deferred transaction takes the write lock here, where
      // the busy timeout applies. A read first would make a later write fail at once
      // (SQLITE_BUSY, no waiting) whenever another writer holds the lock.
      await tx.processedWebhook.create({
        data: { eventId: event.eventId, shop: event.shop, topic: event.topic, triggeredAt: event.triggeredAt ?? null },
      });
      // Rolls the marker back too: nothing at all is left for an erased shop.
      if (event.topic !== "SHOP_REDACT" && (await isErased(tx, event.shop))) throw new ShopErased();
      await handle(tx);
      return "PROCESSED";
    });
  } catch (error) {
    if (error instanceof ShopErased) return "SHOP_ERASED";
    if (isUniqueViolation(error)) return "DUPLICATE";
    throw error;
  }
}

class ShopErased extends Error {}

/** Redacted, and no session since: the shop has not come back. */
async function isErased(tx: Tx, shop: string): Promise<boolean> {
  const redacted = await tx.processedWebhook.findFirst({ where: { shop, topic: "SHOP_REDACT" }, select: { eventId: true } });
  return redacted !== null && (await tx.session.count({ where: { shop } })) === 0;
}

/**
 * True when a delivery of the same topic triggered after this one was already
 * handled: its state is newer, so this one must not overwrite it.
 */
export async function isSuperseded(tx: Tx, event: { shop: string; topic: string; eventId: string; triggeredAt?: Date }): Promise<boolean> {
  if (!event.triggeredAt) return false;
  const newer = await tx.processedWebhook.findFirst({
    where: { shop: event.shop, topic: event.topic, eventId: { not: event.eventId }, triggeredAt: { gt: event.triggeredAt } },
    select: { eventId: true },
  });
  return newer !== null;
}

/** Every row the app holds for a shop, in one place so shop/redact can't miss a table. */
export async function deleteAllShopData(tx: Tx, shop: string): Promise<void> {
  await tx.session.deleteMany({ where: { shop } });
  await tx.offer.deleteMany({ where: { shop } });
  await tx.shopSettings.deleteMany({ where: { shop } });
  await tx.analyticsEvent.deleteMany({ where: { shop } });
  await tx.conversion.deleteMany({ where: { shop } });
  await tx.experimentOrder.deleteMany({ where: { shop } });
  await tx.dailyStat.deleteMany({ where: { shop } });
  await tx.ingestDrop.deleteMany({ where: { shop } });
  await tx.analyticsSettings.deleteMany({ where: { shop } });
  await tx.experimentSettings.deleteMany({ where: { shop } });
  await tx.promotion.deleteMany({ where: { shop } });
  await tx.postPurchaseOffer.deleteMany({ where: { shop } });
  await tx.carriedMemory.deleteMany({ where: { shop } });
  await deleteRecommendationData(tx, shop);
  // The redact marker itself is kept so a duplicate delivery stays a no-op;
  // it holds only the shop domain, which Shopify sent us.
  await tx.processedWebhook.deleteMany({ where: { shop, topic: { not: "SHOP_REDACT" } } });
}
