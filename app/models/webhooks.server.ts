import type { Prisma, PrismaClient } from "@prisma/client";
import { isUniqueViolation } from "./prisma-errors.server";

type Tx = Prisma.TransactionClient;

/**
 * Shopify delivers webhooks at least once (8 retries over 4 hours), so each
 * handler runs inside a transaction that also records the event id. A
 * duplicate delivery finds the id and does nothing; a handler that throws
 * rolls the marker back so Shopify's retry gets another chance.
 *
 * Returns false when the event was already processed.
 */
export async function processWebhookOnce(
  db: PrismaClient,
  event: { eventId: string; shop: string; topic: string },
  handle: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  try {
    await db.$transaction(async (tx) => {
      await tx.processedWebhook.create({
        data: { eventId: event.eventId, shop: event.shop, topic: event.topic },
      });
      await handle(tx);
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
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
  // The redact marker itself is kept so a duplicate delivery stays a no-op;
  // it holds only the shop domain, which Shopify sent us.
  await tx.processedWebhook.deleteMany({ where: { shop, topic: { not: "SHOP_REDACT" } } });
}
