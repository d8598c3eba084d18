import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { fractionDigits, fromDecimalString } from "@tactful/engine/money";
import type { OrderEditFacts } from "../shopify/order-edit.server";
import { utcDay } from "./day";
import { HOLDOUT } from "./experiments.server";

type Tx = Prisma.TransactionClient;

/*
 * Post-purchase attribution (decision 0078). An accepted changeset reaches us
 * as orders/edited: Shopify's order edit with the lines it added. The edit
 * is ours only when the order carries the metafield our signed changeset
 * set, naming a row whose changeset id we signed; anything else (another
 * app's edit, a merchant's edit, a copied or forged metafield) credits
 * nothing.
 */

export const LINK_METAFIELD = { namespace: "tactful", key: "post_purchase" } as const;

const linkSchema = z.object({ referenceId: z.string().min(1).max(255), offerId: z.string().min(1).max(64), changesetId: z.string().min(1).max(64) });
export type PostPurchaseLink = z.output<typeof linkSchema>;

/** The metafield value the accept route puts in the changeset. */
export const encodeLink = (link: PostPurchaseLink) => JSON.stringify(link);

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String);

/** The parts of Shopify's orders/edited payload (shopify.dev, webhook `orders/edited`) we read. */
export const orderEditedSchema = z.object({
  order_edit: z.object({
    id,
    order_id: id,
    app_id: id.nullable().optional(),
    created_at: z.string().optional(),
    line_items: z.object({ additions: z.array(z.object({ id, delta: z.number().int() })).default([]) }).default({ additions: [] }),
  }),
});
export type OrderEdited = z.output<typeof orderEditedSchema>["order_edit"];

export type EditAttribution =
  | { kind: "NOT_OURS"; why: string }
  | { kind: "REJECTED"; why: string }
  | { kind: "CONFIRMED"; conversions: number; first: boolean };

/**
 * Confirms one order edit against the row that signed it, in the webhook's
 * transaction. Idempotent: a row is bound to one order the first time, and
 * Conversion rows are keyed (shop, order, line), so a redelivery under a new
 * event id writes nothing twice.
 */
export async function attributeOrderEdit(tx: Tx, shop: string, edit: OrderEdited, facts: OrderEditFacts | null, now = Date.now()): Promise<EditAttribution> {
  if (!facts) return { kind: "NOT_OURS", why: "the order no longer exists" };
  if (facts.link === null) return { kind: "NOT_OURS", why: "no tactful.post_purchase metafield" };
  let raw: unknown;
  try {
    raw = JSON.parse(facts.link);
  } catch {
    return { kind: "REJECTED", why: "the tactful.post_purchase metafield is not JSON" };
  }
  const parsed = linkSchema.safeParse(raw);
  if (!parsed.success) return { kind: "REJECTED", why: "the tactful.post_purchase metafield is not a changeset link" };
  const link = parsed.data;
  const row = await tx.postPurchaseOffer.findUnique({ where: { shop_referenceId: { shop, referenceId: link.referenceId } } });
  // The changeset id is a random jti only our signer and Shopify saw: a metafield naming another one was not written by our changeset.
  if (!row || !row.changesetId || row.changesetId !== link.changesetId || row.offerId !== link.offerId) return { kind: "REJECTED", why: "the metafield names no changeset this app signed" };
  if (row.orderId && row.orderId !== edit.order_id) return { kind: "REJECTED", why: `the changeset was already confirmed on order ${row.orderId}` };
  if (row.status !== "SHOWN" && row.status !== "ACCEPTED") return { kind: "REJECTED", why: `the offer was ${row.status.toLowerCase()}` };
  const offerId = row.offerId;

  // Only lines this edit added, of the variant we signed, up to the quantity we signed.
  const added = new Map(edit.line_items.additions.filter((a) => a.delta > 0).map((a) => [a.id, a.delta]));
  let room = row.quantity ?? 0;
  const credited = facts.lines.flatMap((line) => {
    const delta = added.get(line.id);
    if (!delta || line.variantId !== row.variantId || room <= 0) return [];
    const quantity = Math.min(delta, line.quantity, room);
    room -= quantity;
    const shopMinor = minor(line.shop);
    const presentmentMinor = minor(line.presentment);
    if (shopMinor === null || presentmentMinor === null || line.quantity <= 0) return [];
    // A line holding more than we signed (never, for a line Shopify added from our changeset) is credited pro rata.
    const share = (m: bigint) => (m * BigInt(quantity)) / BigInt(line.quantity);
    return [{ line, quantity, revenue: share(shopMinor), presentment: share(presentmentMinor) }];
  });
  if (!credited.length) return { kind: "REJECTED", why: `the edit added no line of the signed variant ${row.variantId ?? "?"}` };

  const editedAt = edit.created_at ? Date.parse(edit.created_at) : NaN;
  const at = new Date(Number.isFinite(editedAt) ? editedAt : now);
  const day = utcDay(at.getTime());
  const first = row.orderId === null;
  if (first) {
    const claimed = await tx.postPurchaseOffer.updateMany({
      where: { shop, referenceId: link.referenceId, orderId: null },
      data: { orderId: edit.order_id, status: "ACCEPTED", answeredAt: row.answeredAt ?? at },
    });
    // A concurrent delivery bound it first; it wrote the same rows.
    if (claimed.count !== 1) return attributeOrderEdit(tx, shop, edit, facts, now);
  }
  const arm = row.abVariant ?? null;
  let conversions = 0;
  for (const c of credited) {
    const exists = await tx.conversion.findUnique({ where: { shop_orderId_lineId: { shop, orderId: edit.order_id, lineId: c.line.id } }, select: { id: true } });
    if (exists) continue;
    await tx.conversion.create({
      data: {
        shop,
        orderId: edit.order_id,
        lineId: c.line.id,
        offerId,
        variant: arm,
        quantity: c.quantity,
        revenue: c.revenue,
        currency: c.line.shop.currencyCode,
        presentmentRevenue: c.presentment,
        presentmentCurrency: c.line.presentment.currencyCode,
        customerHash: row.customerHash,
        orderedAt: at,
        day,
      },
    });
    conversions += 1;
  }
  if (first) {
    await recordPostPurchaseEvent(tx, shop, row, "ACCEPT", at);
    // The arm's order revenue, as orders/create counts it for the storefront's arms: an order already
    // counted for this offer (its popup arm) grows by what the edit added.
    const revenue = credited.reduce((s, c) => s + c.revenue, 0n);
    const presentment = credited.reduce((s, c) => s + c.presentment, 0n);
    const key = { shop_orderId_offerId: { shop, orderId: edit.order_id, offerId } };
    const existing = await tx.experimentOrder.findUnique({ where: key });
    if (existing) await tx.experimentOrder.update({ where: key, data: { revenue: existing.revenue + revenue, presentmentRevenue: existing.presentmentRevenue + presentment } });
    else if (row.abVariant || row.bucket)
      await tx.experimentOrder.create({
        data: {
          shop,
          orderId: edit.order_id,
          offerId,
          arm: row.abVariant ?? row.bucket ?? "",
          revenue,
          currency: credited[0]?.line.shop.currencyCode ?? "",
          presentmentRevenue: presentment,
          presentmentCurrency: credited[0]?.line.presentment.currencyCode ?? "",
          customerHash: row.customerHash,
          orderedAt: at,
          day,
        },
      });
  }
  return { kind: "CONFIRMED", conversions, first };
}

function minor(m: { amount: string; currencyCode: string }): bigint | null {
  const v = fromDecimalString(m.amount, fractionDigits(m.currencyCode));
  return v === null ? null : BigInt(v);
}

interface RowForEvent {
  referenceId: string;
  offerId: string | null;
  bucket: string | null;
  abVariant: string | null;
  customerHash: string | null;
}

/**
 * The page's exposure and answers as analytics events, written by the server
 * (the page's own claims are not needed): an IMPRESSION when the offer is
 * decided (for the holdout, the "would have been shown" exposure), ACCEPT
 * when orders/edited confirms it, DECLINE on the shopper's answer. One per
 * order and type (the id), so the experiment counts each order's shopper once.
 */
export async function recordPostPurchaseEvent(tx: Tx, shop: string, row: RowForEvent, type: "IMPRESSION" | "ACCEPT" | "DECLINE", at: Date): Promise<void> {
  if (!row.offerId) return;
  const arm = row.bucket === HOLDOUT ? HOLDOUT : (row.abVariant ?? row.bucket ?? "");
  const id = `pp:${row.referenceId}:${type.toLowerCase()}`;
  const data = {
    shop,
    id,
    type,
    offerId: row.offerId,
    variant: row.abVariant,
    bucket: row.bucket,
    arm,
    moment: "POST_PURCHASE",
    // The experiment's unit is the shopper: the customer across orders, else the order.
    visitor: row.customerHash ?? `order:${row.referenceId}`,
    session: `pp:${row.referenceId}`,
    customerHash: row.customerHash,
    ts: at,
    day: utcDay(at.getTime()),
  };
  await tx.analyticsEvent.upsert({ where: { shop_id: { shop, id } }, create: data, update: {} });
}
