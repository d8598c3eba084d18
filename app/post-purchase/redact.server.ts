import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { redactedOrderId } from "../analytics/customer-hash.server";
import { redactCarriedMemory } from "./carried-memory.server";

type Tx = Prisma.TransactionClient;

const payloadSchema = z.object({
  orders_to_redact: z.array(z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String)).max(10_000).default([]),
});

/**
 * customers/redact for the post-purchase tables (decision 0087): the listed
 * orders' carried memories are deleted, and their post-purchase rows keep
 * their counts but lose what leads back to the order. The order id becomes
 * the same keyed stand-in analytics use (still "bound", so orders/edited
 * cannot re-bind the row), the reference id (the order's checkout or order
 * token) a stand-in of its own, in the row and in the page's events, and the
 * customer hash goes. Idempotent: a
 * second delivery finds no row under the real ids.
 */
export async function redactPostPurchase(tx: Tx, shop: string, payload: unknown): Promise<{ rows: number }> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    console.warn(`customers/redact for ${shop}: orders_to_redact unreadable, post-purchase rows left: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    return { rows: 0 };
  }
  const orders = parsed.data.orders_to_redact;
  if (!orders.length) return { rows: 0 };
  const tokens = await redactCarriedMemory(tx, shop, orders);
  const rows = await tx.postPurchaseOffer.findMany({
    where: { shop, OR: [{ orderId: { in: orders } }, ...(tokens.length ? [{ referenceId: { in: tokens } }] : [])] },
    select: { referenceId: true, orderId: true },
  });
  for (const r of rows) {
    const standIn = redactedOrderId(shop, `reference:${r.referenceId}`);
    // The page's own events name the purchase in their id, visitor and session (decision 0078).
    for (const type of ["impression", "accept", "decline"]) {
      await tx.analyticsEvent.updateMany({
        where: { shop, id: `pp:${r.referenceId}:${type}` },
        data: { id: `pp:${standIn}:${type}`, session: `pp:${standIn}`, customerHash: null },
      });
    }
    await tx.analyticsEvent.updateMany({ where: { shop, visitor: `order:${r.referenceId}` }, data: { visitor: `order:${standIn}` } });
    await tx.postPurchaseOffer.update({
      where: { shop_referenceId: { shop, referenceId: r.referenceId } },
      data: {
        referenceId: standIn,
        orderId: r.orderId && !r.orderId.startsWith("redacted:") ? redactedOrderId(shop, r.orderId) : r.orderId,
        customerHash: null,
      },
    });
  }
  return { rows: rows.length };
}
