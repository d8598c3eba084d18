import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { customerHash, redactedOrderId } from "./customer-hash.server";
import { utcDay } from "./day";
import { lineRevenue, orderPayloadSchema, orderRevenue, parseAbAttribute } from "./order-payload";
import { lineClaimRejection, offerEvidence, type OfferEvidence } from "./attribution-evidence";

type Tx = Prisma.TransactionClient;

export const OFFER_PROPERTY = "_tactful_offer";
export const VARIANT_PROPERTY = "_tactful_variant";
export const AB_ATTRIBUTE = "_tactful_ab";

export type AttributionResult =
  | { kind: "INVALID_PAYLOAD"; issues: string }
  | { kind: "ALREADY_ATTRIBUTED" }
  | { kind: "ATTRIBUTED"; conversions: number; experimentOrders: number; rejected: string[] };

/**
 * Attributes one orders/create payload (docs/decisions: attribution model):
 * - each line carrying `_tactful_offer` is a conversion of that offer, with
 *   `_tactful_variant` and the line's revenue after discounts;
 * - each `offerId:bucket` pair of the `_tactful_ab` cart attribute is an
 *   experiment order for that arm, with the order subtotal, so holdout and
 *   control orders (which carry no offer line) count too.
 * Both are written by the shopper's browser, so each claim is checked against
 * the offer as saved (attribution-evidence.ts): the offer must be this
 * shop's, the line's variant one it offered, the arm one it has. What fails
 * is left out and named in `rejected`.
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

  const arms = parseAbAttribute(order.note_attributes[AB_ATTRIBUTE]);
  const claimed = new Set([...order.line_items.flatMap((l) => l.properties[OFFER_PROPERTY] ?? []), ...arms.map((a) => a.offerId)]);
  const evidence = await offersEvidence(tx, shop, [...claimed]);
  const rejected: string[] = [];

  const conversions: Prisma.ConversionCreateManyInput[] = [];
  for (const line of order.line_items) {
    const offerId = line.properties[OFFER_PROPERTY];
    if (!offerId) continue;
    const offer = evidence.get(offerId);
    const why = lineClaimRejection(offer, line.variant_id ?? null);
    if (why || !offer) {
      rejected.push(`line ${line.id}: ${why}`);
      continue;
    }
    const revenue = lineRevenue(order, line);
    if (!revenue) continue;
    const variant = line.properties[VARIANT_PROPERTY];
    conversions.push({
      shop,
      orderId,
      lineId: line.id,
      offerId,
      // An arm the offer never had is dropped; the conversion still counts for the offer.
      variant: variant && offer.abVariants.has(variant) ? variant : null,
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

  const validArms = arms.filter(({ offerId, arm }) => {
    const ok = evidence.get(offerId)?.arms.has(arm) ?? false;
    if (!ok) rejected.push(`_tactful_ab ${offerId}:${arm}: not an arm of this shop's offer`);
    return ok;
  });
  const total = validArms.length ? orderRevenue(order) : null;
  const experimentOrders: Prisma.ExperimentOrderCreateManyInput[] = total
    ? validArms.map(({ offerId, arm }) => ({
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
  return { kind: "ATTRIBUTED", conversions: conversions.length, experimentOrders: experimentOrders.length, rejected };
}

/** The claimed offers that are this shop's, with what each may be credited for. */
async function offersEvidence(tx: Tx, shop: string, ids: string[]): Promise<Map<string, OfferEvidence>> {
  const plausible = ids.filter((id) => id.length <= 64);
  if (!plausible.length) return new Map();
  const offers = await tx.offer.findMany({ where: { shop, id: { in: plausible } }, select: { id: true, definition: true } });
  return new Map(offers.map((o) => [o.id, offerEvidence(o.definition)]));
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
  if (hash) await tx.postPurchaseOffer.updateMany({ where: { shop, customerHash: hash }, data: { customerHash: null } });

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
