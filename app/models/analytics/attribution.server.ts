import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { customerHash, redactedOrderId } from "./customer-hash.server";
import { utcDay } from "./day";
import { lineRevenue, orderPayloadSchema, orderRevenue, parseAbAttribute } from "./order-payload";

type Tx = Prisma.TransactionClient;

export const OFFER_PROPERTY = "_tactful_offer";
export const VARIANT_PROPERTY = "_tactful_variant";
export const AB_ATTRIBUTE = "_tactful_ab";

export type AttributionResult =
  | { kind: "INVALID_PAYLOAD"; issues: string }
  | { kind: "ALREADY_ATTRIBUTED" }
  | { kind: "ATTRIBUTED"; conversions: number; experimentOrders: number };

/**
 * Attributes one orders/create payload (docs/decisions: attribution model):
 * - each line carrying `_tactful_offer` is a conversion of that offer, with
 *   `_tactful_variant` and the line's revenue after discounts;
 * - each `offerId:bucket` pair of the `_tactful_ab` cart attribute is an
 *   experiment order for that arm, with the order subtotal, so holdout and
 *   control orders (which carry no offer line) count too.
 * Idempotent by order id: Shopify may send the same order under several
 * event ids, so an order already attributed is left alone (and the unique
 * constraints stop a concurrent duplicate).
 */
export async function attributeOrder(tx: Tx, shop: string, payload: unknown, now = Date.now()): Promise<AttributionResult> {
  const parsed = orderPayloadSchema.safeParse(payload);
  if (!parsed.success) return { kind: "INVALID_PAYLOAD", issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const order = parsed.data;
  const orderId = order.id;
  const redacted = redactedOrderId(shop, orderId);
  const already =
    (await tx.conversion.count({ where: { shop, orderId: { in: [orderId, redacted] } } })) +
    (await tx.experimentOrder.count({ where: { shop, orderId: { in: [orderId, redacted] } } }));
  if (already) return { kind: "ALREADY_ATTRIBUTED" };

  const created = order.created_at ? Date.parse(order.created_at) : NaN;
  const orderedAt = new Date(Number.isFinite(created) ? created : now);
  const day = utcDay(orderedAt.getTime());
  const hash = customerHash(shop, order.customer?.id);

  const conversions: Prisma.ConversionCreateManyInput[] = [];
  for (const line of order.line_items) {
    const offerId = line.properties[OFFER_PROPERTY];
    if (!offerId) continue;
    const revenue = lineRevenue(order, line);
    if (!revenue) continue;
    conversions.push({
      shop,
      orderId,
      lineId: line.id,
      offerId: offerId.slice(0, 64),
      variant: line.properties[VARIANT_PROPERTY]?.slice(0, 64) ?? null,
      quantity: line.quantity,
      revenue: revenue.shop,
      currency: revenue.shopCurrency,
      presentmentRevenue: revenue.presentment,
      presentmentCurrency: revenue.presentmentCurrency,
      customerHash: hash,
      orderedAt,
      day,
    });
  }

  const arms = parseAbAttribute(order.note_attributes[AB_ATTRIBUTE]);
  const total = arms.length ? orderRevenue(order) : null;
  const experimentOrders: Prisma.ExperimentOrderCreateManyInput[] = total
    ? arms.map(({ offerId, arm }) => ({
        shop,
        orderId,
        offerId,
        arm,
        revenue: total.shop,
        currency: total.shopCurrency,
        presentmentRevenue: total.presentment,
        presentmentCurrency: total.presentmentCurrency,
        customerHash: hash,
        orderedAt,
        day,
      }))
    : [];

  if (conversions.length) await tx.conversion.createMany({ data: conversions });
  if (experimentOrders.length) await tx.experimentOrder.createMany({ data: experimentOrders });
  return { kind: "ATTRIBUTED", conversions: conversions.length, experimentOrders: experimentOrders.length };
}

const redactPayloadSchema = z.object({
  customer: z.object({ id: z.union([z.number(), z.string()]).transform(String).optional() }).optional(),
  orders_to_redact: z.array(z.union([z.number(), z.string()]).transform(String)).default([]),
});

/**
 * customers/redact: the customer's link is cut everywhere, the counts stay.
 * Events lose their customer hash; conversions and experiment orders of the
 * customer (or of the listed orders) lose the hash and have their order id
 * replaced by a keyed, irreversible stand-in.
 */
export async function redactCustomer(tx: Tx, shop: string, payload: unknown): Promise<{ events: number; orders: number }> {
  const parsed = redactPayloadSchema.safeParse(payload);
  // Nothing identifiable to look for: an unreadable request redacts nothing, and says so in the log.
  if (!parsed.success) {
    console.warn(`customers/redact for ${shop} unreadable: ${parsed.error.message}`);
    return { events: 0, orders: 0 };
  }
  const customerId = parsed.data.customer?.id ?? null;
  const orders = parsed.data.orders_to_redact;
  const hash = customerHash(shop, customerId);
  const events = hash ? (await tx.analyticsEvent.updateMany({ where: { shop, customerHash: hash }, data: { customerHash: null } })).count : 0;

  const or: Prisma.ConversionWhereInput[] = [];
  if (hash) or.push({ customerHash: hash });
  if (orders.length) or.push({ orderId: { in: orders } });
  if (!or.length) return { events, orders: 0 };
  const ids = new Set<string>();
  for (const c of await tx.conversion.findMany({ where: { shop, OR: or }, select: { orderId: true } })) ids.add(c.orderId);
  for (const c of await tx.experimentOrder.findMany({ where: { shop, OR: or as Prisma.ExperimentOrderWhereInput[] }, select: { orderId: true } })) ids.add(c.orderId);
  for (const orderId of ids) {
    if (orderId.startsWith("redacted:")) continue;
    const data = { orderId: redactedOrderId(shop, orderId), customerHash: null };
    await tx.conversion.updateMany({ where: { shop, orderId }, data });
    await tx.experimentOrder.updateMany({ where: { shop, orderId }, data });
  }
  return { events, orders: ids.size };
}
