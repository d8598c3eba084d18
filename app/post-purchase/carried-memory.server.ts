import type { Prisma } from "@prisma/client";
import { z } from "zod";
import { encodeMemoryAttribute, MEMORY_ATTRIBUTE, MEMORY_ATTRIBUTE_MAX, parseMemoryAttribute } from "@tactful/engine/frequency";
import type { FrequencyMemory } from "@tactful/engine/types";
import db from "../platform/db.server";

/*
 * The shopper's frequency memory as the order carried it from the cart
 * (decision 0087). The storefront and the checkout extension write
 * `_tactful_memory` into the cart's attributes (0080); the order keeps them as
 * note attributes, which orders/create delivers. Shopify's post-purchase
 * input holds no attributes, so the page's server reads the memory that
 * orders/create stored, matched by the purchase's reference id against the
 * order's checkout and order tokens.
 *
 * The attribute is the shopper's to write, so it is hostile input: bounded,
 * shape-checked here, then read by the engine's parser, which keeps only the
 * shop's offers and clamps times. Merged into the server's own memory it can
 * only add declines, accepts and shows: it can hide offers, never grant one.
 * Anything in doubt (no order seen for the purchase, an unreadable attribute)
 * means no page.
 */

type Tx = Prisma.TransactionClient;

/** How long the page's first call waits for orders/create, which may land after Shopify asks ShouldRender. Within the extension's 4 s deadline. */
export const CARRIED_WAIT_MS = 2_000;
const POLL_MS = 100;

/** The encoder's shape (engine/frequency.ts): version 1, base-36 times, id lists. Anything else is not ours. */
const memoryValue = z
  .string()
  .max(MEMORY_ATTRIBUTE_MAX)
  .regex(/^1\|[0-9a-z]{1,9}\|\d{1,2}\|[\w,-]*\|[\w,-]*\|[\w:,-]*$/);

const token = z.string().regex(/^[\w-]{1,255}$/);
const orderSchema = z.object({
  id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)]).transform(String),
  checkout_token: token.nullish(),
  token: token.nullish(),
  // Shopify caps a cart's attributes well below this; more is not a real order.
  note_attributes: z
    .array(z.object({ name: z.string().max(1_000), value: z.unknown() }))
    .max(250)
    .nullish(),
});

/** The attribute as stored: "" when the order carried none, null when what it carried cannot be trusted. */
export function carriedValue(noteAttributes: { name: string; value: unknown }[]): string | null {
  const values = noteAttributes.filter((a) => a.name === MEMORY_ATTRIBUTE).map((a) => a.value);
  if (values.length === 0) return "";
  // Two values for one key is not what the cart writes: which one counts is a guess.
  if (values.length > 1) return null;
  // An emptied attribute holds no memory, as a missing one.
  if (values[0] === "") return "";
  const parsed = memoryValue.safeParse(values[0]);
  return parsed.success ? parsed.data : null;
}

/**
 * orders/create: keeps what the order carried, keyed by order, findable by
 * its checkout and order tokens. Idempotent (the first delivery's row stays).
 * Returns false for a payload it cannot key: nothing stored, and a purchase
 * without a row gets no post-purchase page.
 */
export async function recordCarriedMemory(tx: Tx, shop: string, payload: unknown): Promise<boolean> {
  const parsed = orderSchema.safeParse(payload);
  if (!parsed.success || !(parsed.data.checkout_token || parsed.data.token)) return false;
  const o = parsed.data;
  const data = { shop, orderId: o.id, checkoutToken: o.checkout_token ?? null, orderToken: o.token ?? null, memory: carriedValue(o.note_attributes ?? []) };
  await tx.carriedMemory.upsert({ where: { shop_orderId: { shop, orderId: o.id } }, create: data, update: {} });
  return true;
}

/** `value` is the attribute as the order carried it ("" for none), still to be read against the shop's offers with `readCarried`. */
export type Carried = { kind: "found"; value: string } | { kind: "missing" } | { kind: "unreadable" };

/** The carried value as a memory: only the shop's offers (`known`), times clamped to `now`, the session part only while recent. */
export const readCarried = (value: string, known: Iterable<string>, now: number): FrequencyMemory => parseMemoryAttribute(value, known, now);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What this purchase's order carried, waiting up to `waitMs` for orders/create. */
export async function carriedMemory(shop: string, referenceId: string, waitMs = CARRIED_WAIT_MS): Promise<Carried> {
  const until = Date.now() + waitMs;
  for (;;) {
    const rows = await db.carriedMemory.findMany({ where: { shop, OR: [{ checkoutToken: referenceId }, { orderToken: referenceId }] }, take: 3 });
    if (rows.length) {
      // One purchase, one order: more than one match is not a state we can explain.
      if (rows.length > 1 || rows.some((r) => r.memory === null)) return { kind: "unreadable" };
      return { kind: "found", value: rows[0]?.memory ?? "" };
    }
    if (Date.now() + POLL_MS > until) return { kind: "missing" };
    await sleep(POLL_MS);
  }
}

/** customers/redact: the listed orders' carried memories go, with the tokens that led to them; returns those tokens. */
export async function redactCarriedMemory(tx: Tx, shop: string, orderIds: string[]): Promise<string[]> {
  if (!orderIds.length) return [];
  const rows = await tx.carriedMemory.findMany({ where: { shop, orderId: { in: orderIds } }, select: { checkoutToken: true, orderToken: true } });
  await tx.carriedMemory.deleteMany({ where: { shop, orderId: { in: orderIds } } });
  return rows.flatMap((r) => [r.checkoutToken, r.orderToken].filter((t): t is string => !!t));
}

/** Retention: a carried memory serves the minutes after payment and the thank-you page after it. */
export const CARRIED_MEMORY_KEEP_MS = 86_400_000;
const PRUNE_BATCH = 1_000;

/**
 * Deletes carried memories older than a day, except the link of an order
 * whose post-purchase row is still kept: customers/redact finds that row
 * through it (the row knows the order only by its reference), so the link
 * stays, its memory emptied. Returns how many rows went.
 */
export async function pruneCarriedMemory(now = Date.now()): Promise<number> {
  const before = new Date(now - CARRIED_MEMORY_KEEP_MS);
  let deleted = 0;
  let after: { shop: string; orderId: string } | undefined;
  for (;;) {
    const old = await db.carriedMemory.findMany({
      where: { receivedAt: { lt: before }, ...(after ? { OR: [{ shop: { gt: after.shop } }, { shop: after.shop, orderId: { gt: after.orderId } }] } : {}) },
      orderBy: [{ shop: "asc" }, { orderId: "asc" }],
      take: PRUNE_BATCH,
    });
    if (!old.length) return deleted;
    after = old[old.length - 1];
    for (const shop of new Set(old.map((r) => r.shop))) {
      const rows = old.filter((r) => r.shop === shop);
      const tokens = rows.flatMap((r) => [r.checkoutToken, r.orderToken].filter((t): t is string => !!t));
      const linked = new Set((await db.postPurchaseOffer.findMany({ where: { shop, referenceId: { in: tokens } }, select: { referenceId: true } })).map((p) => p.referenceId));
      const keep = rows.filter((r) => (r.checkoutToken && linked.has(r.checkoutToken)) || (r.orderToken && linked.has(r.orderToken))).map((r) => r.orderId);
      const drop = rows.map((r) => r.orderId).filter((id) => !keep.includes(id));
      if (drop.length) deleted += (await db.carriedMemory.deleteMany({ where: { shop, orderId: { in: drop } } })).count;
      if (keep.length) await db.carriedMemory.updateMany({ where: { shop, orderId: { in: keep }, memory: { not: "" } }, data: { memory: "" } });
    }
  }
}

/**
 * What the post-purchase page asked and heard for this order, as a memory
 * value for the thank-you block to merge (decision 0087): each offer the page
 * showed counts as a show in the session, a decline as a dismissal at its
 * time, an accept (or a signed changeset) as accepted. "" when the page
 * showed nothing: it shows nothing without the order's carried row, so an
 * order we have no row for had no page.
 */
export async function pageAnswerValue(shop: string, orderId: string): Promise<string> {
  const carried = await db.carriedMemory.findUnique({ where: { shop_orderId: { shop, orderId } } });
  const references = [carried?.checkoutToken, carried?.orderToken].filter((t): t is string => !!t);
  if (!references.length) return "";
  const rows = await db.postPurchaseOffer.findMany({ where: { shop, referenceId: { in: references }, status: { in: ["SHOWN", "ACCEPTED", "DECLINED"] }, offerId: { not: null } } });
  if (!rows.length) return "";
  const memory: FrequencyMemory = { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] };
  let at = 0;
  for (const r of rows) {
    const offerId = r.offerId as string;
    memory.shownOfferIds.push(offerId);
    memory.shownThisSession += 1;
    at = Math.max(at, r.decidedAt.getTime(), r.answeredAt?.getTime() ?? 0);
    if (r.status === "ACCEPTED" || r.changesetId) memory.accepted.push(offerId);
    if (r.status === "DECLINED" && r.answeredAt) memory.dismissedAt[offerId] = r.answeredAt.getTime();
  }
  return encodeMemoryAttribute(memory, at);
}
