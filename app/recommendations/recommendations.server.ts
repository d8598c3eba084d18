import type { Prisma, PrismaClient } from "@prisma/client";
import { z } from "zod";
import db, { sqlFragments, takeWriteLock } from "../platform/db.server";
import { CoPurchaseCounts, MINING_LIMITS, RANKING, rankPartners, type RankingOptions } from "./co-purchase";

/*
 * Co-purchase statistics in the database (decision 0084): the orders/create
 * webhook and the backfill add baskets, each order once (the ledger); the
 * admin and the automatic offer read ranked partners with their evidence;
 * the rollup job keeps each shop within its bounds; shop/redact deletes it
 * all. No customer data is stored: product ids, order ids and counts.
 */

type Tx = Prisma.TransactionClient;
type Db = PrismaClient | Tx;

export interface CoPurchaseRecommendation {
  productId: string;
  /** Orders containing both trigger and this product. */
  together: number;
  /** Orders containing the trigger. */
  triggerOrders: number;
  /** Orders containing this product. */
  partnerOrders: number;
  /** Orders counted for the shop. */
  totalOrders: number;
  /** Observed / expected co-occurrence: "6.2× more often than chance". */
  lift: number;
  /** Shrunk lift, the ranking measure (decision 0083); 0 for a pin without evidence. */
  score: number;
  /** The merchant pinned the pair: pins come first. */
  pinned: boolean;
}

/** Per-shop bounds (decision 0084), kept by trimRecommendationData (the rollup job). */
export const STORE_LIMITS = {
  maxProducts: MINING_LIMITS.maxProducts,
  maxPairs: MINING_LIMITS.maxPairs,
  maxLedgerOrders: 100_000,
} as const;

export type OverrideKind = "PIN" | "BLOCK";

/** One order as the webhook or the backfill reads it. */
export interface OrderBasket {
  /** Numeric order id. */
  orderId: string;
  orderedAt: Date;
  /** Product GIDs of its lines; null for custom items. */
  productIds: (string | null)[];
}

export type RecordOutcome = "COUNTED" | "ALREADY_COUNTED" | "OLDER_THAN_LEDGER" | "NO_BASKET";

const productGid = (id: string) => `gid://shopify/Product/${id}`;
const numericId = z
  .union([z.number().nonnegative().refine(Number.isInteger), z.string().regex(/^\d{1,20}$/)])
  .transform((v) => (typeof v === "number" ? BigInt(v).toString() : v));

/** The slice of the orders/create payload (REST order) that co-purchase reads. */
export const orderBasketPayloadSchema = z.object({
  id: numericId,
  created_at: z.string().optional(),
  line_items: z.array(z.object({ product_id: numericId.nullable().optional() }).loose()).default([]),
});

export function basketFromOrderPayload(payload: unknown, now: number): OrderBasket | { issues: string } {
  const parsed = orderBasketPayloadSchema.safeParse(payload);
  if (!parsed.success)
    return { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const created = parsed.data.created_at ? Date.parse(parsed.data.created_at) : NaN;
  return {
    orderId: parsed.data.id,
    orderedAt: new Date(Number.isFinite(created) ? created : now),
    productIds: parsed.data.line_items.map((l) => (l.product_id ? productGid(l.product_id) : null)),
  };
}

/**
 * Counts orders into the shop's statistics, each once: an order already in
 * the ledger, or older than what the ledger still remembers, is skipped.
 * Runs in the caller's transaction (the webhook's) or, for a batch, in one
 * of its own per 500 orders. Counts are added with INSERT … ON CONFLICT DO
 * UPDATE, the same SQL on SQLite and PostgreSQL.
 */
export async function recordOrders(
  tx: Tx,
  shop: string,
  orders: readonly OrderBasket[],
): Promise<Map<string, RecordOutcome>> {
  const outcome = new Map<string, RecordOutcome>();
  if (!orders.length) return outcome;
  const state = await tx.recommendationShop.findUnique({ where: { shop }, select: { ledgerFloorMs: true } });
  const floor = Number(state?.ledgerFloorMs ?? 0n);
  const known = new Set<string>();
  const ids = [...new Set(orders.map((o) => o.orderId))];
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await tx.recommendationOrder.findMany({
      where: { shop, orderId: { in: ids.slice(i, i + 500) } },
      select: { orderId: true },
    }))
      known.add(r.orderId);
  }
  const counts = new CoPurchaseCounts({
    ...MINING_LIMITS,
    maxProducts: Number.MAX_SAFE_INTEGER,
    maxPairs: Number.MAX_SAFE_INTEGER,
  });
  const ledger: { orderId: string; orderedAt: bigint }[] = [];
  for (const o of orders) {
    if (known.has(o.orderId)) {
      outcome.set(o.orderId, "ALREADY_COUNTED");
      continue;
    }
    if (o.orderedAt.getTime() <= floor) {
      outcome.set(o.orderId, "OLDER_THAN_LEDGER");
      continue;
    }
    known.add(o.orderId);
    // Left out baskets still go in the ledger: the order was seen, and seeing it again must not count it.
    ledger.push({ orderId: o.orderId, orderedAt: BigInt(o.orderedAt.getTime()) });
    outcome.set(o.orderId, counts.addOrder(o.productIds) ? "COUNTED" : "NO_BASKET");
  }
  for (let i = 0; i < ledger.length; i += 500)
    await tx.recommendationOrder.createMany({ data: ledger.slice(i, i + 500).map((l) => ({ shop, ...l })) });
  if (counts.totalOrders === 0) return outcome;
  await tx.recommendationShop.upsert({
    where: { shop },
    create: { shop, orders: BigInt(counts.totalOrders) },
    update: { orders: { increment: BigInt(counts.totalOrders) } },
  });
  // The fragment helpers of the client in use (each generated client only splices its own).
  const { sql, join } = sqlFragments;
  const products = [...counts.productOrders];
  for (let i = 0; i < products.length; i += 300) {
    const rows = products.slice(i, i + 300).map(([id, n]) => sql`(${shop}, ${id}, ${n})`);
    await tx.$executeRaw`INSERT INTO "RecommendationProduct" ("shop", "productId", "orders") VALUES ${join(rows)}
      ON CONFLICT ("shop", "productId") DO UPDATE SET "orders" = "RecommendationProduct"."orders" + excluded."orders"`;
  }
  const pairs: [string, string, number][] = [];
  for (const [a, m] of counts.partners) for (const [b, n] of m) if (a < b) pairs.push([a, b, n]);
  for (let i = 0; i < pairs.length; i += 300) {
    const rows = pairs.slice(i, i + 300).map(([a, b, n]) => sql`(${shop}, ${a}, ${b}, ${n})`);
    await tx.$executeRaw`INSERT INTO "RecommendationPair" ("shop", "productA", "productB", "orders") VALUES ${join(rows)}
      ON CONFLICT ("shop", "productA", "productB") DO UPDATE SET "orders" = "RecommendationPair"."orders" + excluded."orders"`;
  }
  return outcome;
}

/** orders/create: the order's basket, counted once per order id, in the webhook's transaction. */
export async function recordOrderFromWebhook(
  tx: Tx,
  shop: string,
  payload: unknown,
  now = Date.now(),
): Promise<{ kind: "INVALID_PAYLOAD"; issues: string } | { kind: RecordOutcome }> {
  const basket = basketFromOrderPayload(payload, now);
  if ("issues" in basket) return { kind: "INVALID_PAYLOAD", issues: basket.issues };
  const outcome = await recordOrders(tx, shop, [basket]);
  return { kind: outcome.get(basket.orderId) ?? "ALREADY_COUNTED" };
}

/** Records a batch (backfill, demo seed) in transactions of 500 orders. */
export async function recordOrderBatch(
  client: PrismaClient,
  shop: string,
  orders: readonly OrderBasket[],
): Promise<{ counted: number; skipped: number }> {
  let counted = 0;
  let skipped = 0;
  for (let i = 0; i < orders.length; i += 500) {
    const outcome = await client.$transaction(
      async (tx) => {
        // It reads the ledger before writing: take SQLite's write lock first (decision 0049).
        await takeWriteLock(tx);
        return recordOrders(tx, shop, orders.slice(i, i + 500));
      },
      { timeout: 60_000 },
    );
    for (const o of outcome.values())
      if (o === "COUNTED") counted++;
      else skipped++;
  }
  return { counted, skipped };
}

async function overridesFor(client: Db, shop: string, triggers: readonly string[]) {
  const rows = await client.recommendationOverride.findMany({
    where: { shop, triggerProductId: { in: [...triggers] } },
    orderBy: { createdAt: "asc" },
  });
  const byTrigger = new Map<string, { pins: string[]; blocks: Set<string> }>();
  for (const r of rows) {
    let o = byTrigger.get(r.triggerProductId);
    if (!o) byTrigger.set(r.triggerProductId, (o = { pins: [], blocks: new Set() }));
    if (r.kind === "PIN") o.pins.push(r.productId);
    else o.blocks.add(r.productId);
  }
  return byTrigger;
}

/**
 * For each trigger product, the products bought with it, best first: pinned
 * pairs first (in the order pinned, with their evidence when there is some),
 * then the ranked partners (decision 0083); blocked pairs, the trigger
 * itself and `exclude` (the cart, say) left out. Works on product ids, so
 * the trigger's own variants are the trigger.
 */
export async function coPurchaseRecommendations(
  shop: string,
  triggerProductIds: readonly string[],
  limit = 10,
  options: { client?: Db; exclude?: readonly string[]; ranking?: RankingOptions } = {},
): Promise<Map<string, CoPurchaseRecommendation[]>> {
  const client = options.client ?? db;
  const triggers = [...new Set(triggerProductIds)];
  const result = new Map<string, CoPurchaseRecommendation[]>(triggers.map((t) => [t, []]));
  if (!triggers.length) return result;
  const [state, pairs, overrides] = await Promise.all([
    client.recommendationShop.findUnique({ where: { shop }, select: { orders: true } }),
    client.recommendationPair.findMany({
      where: { shop, OR: [{ productA: { in: triggers } }, { productB: { in: triggers } }] },
    }),
    overridesFor(client, shop, triggers),
  ]);
  const totalOrders = Number(state?.orders ?? 0n);
  const partnerIds = new Set<string>(triggers);
  for (const p of pairs) partnerIds.add(p.productA).add(p.productB);
  for (const o of overrides.values()) for (const id of o.pins) partnerIds.add(id);
  const productOrders = new Map<string, number>();
  const ids = [...partnerIds];
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of await client.recommendationProduct.findMany({
      where: { shop, productId: { in: ids.slice(i, i + 500) } },
    }))
      productOrders.set(r.productId, Number(r.orders));
  }
  const together = new Map<string, Map<string, number>>();
  const add = (a: string, b: string, n: number) => {
    let m = together.get(a);
    if (!m) together.set(a, (m = new Map()));
    m.set(b, n);
  };
  for (const p of pairs) {
    add(p.productA, p.productB, Number(p.orders));
    add(p.productB, p.productA, Number(p.orders));
  }
  const exclude = new Set(options.exclude ?? []);
  for (const trigger of triggers) {
    const o = overrides.get(trigger);
    const triggerOrders = productOrders.get(trigger) ?? 0;
    const partners = [...(together.get(trigger) ?? [])].map(([productId, n]) => ({
      productId,
      together: n,
      partnerOrders: productOrders.get(productId) ?? 0,
    }));
    const ranked = rankPartners(trigger, triggerOrders, totalOrders, partners, {
      ...(options.ranking ?? RANKING),
      exclude: new Set([...exclude, ...(o?.blocks ?? [])]),
    });
    const list: CoPurchaseRecommendation[] = [];
    const seen = new Set<string>();
    for (const pin of o?.pins ?? []) {
      if (pin === trigger || exclude.has(pin) || seen.has(pin)) continue;
      seen.add(pin);
      const evidence = ranked.find((r) => r.productId === pin);
      const n = together.get(trigger)?.get(pin) ?? 0;
      const partnerOrders = productOrders.get(pin) ?? 0;
      const expected = totalOrders > 0 ? (triggerOrders * partnerOrders) / totalOrders : 0;
      list.push({
        productId: pin,
        together: n,
        triggerOrders,
        partnerOrders,
        totalOrders,
        lift: evidence?.lift ?? (expected > 0 ? n / expected : 0),
        score: evidence?.score ?? 0,
        pinned: true,
      });
    }
    for (const r of ranked) {
      if (seen.has(r.productId)) continue;
      list.push({
        productId: r.productId,
        together: r.together,
        triggerOrders,
        partnerOrders: r.partnerOrders,
        totalOrders,
        lift: r.lift,
        score: r.score,
        pinned: false,
      });
    }
    result.set(trigger, list.slice(0, limit));
  }
  return result;
}

/** The products with the most orders: the admin's list of triggers to explain. */
export async function topTriggerProducts(
  shop: string,
  take: number,
  client: Db = db,
): Promise<{ productId: string; orders: number }[]> {
  const rows = await client.recommendationProduct.findMany({
    where: { shop },
    orderBy: [{ orders: "desc" }, { productId: "asc" }],
    take,
  });
  return rows.map((r) => ({ productId: r.productId, orders: Number(r.orders) }));
}

export async function recommendationState(shop: string, client: Db = db) {
  return client.recommendationShop.findUnique({ where: { shop } });
}

/** PIN or BLOCK a pair (replacing the other), or CLEAR it. */
export async function setOverride(
  shop: string,
  triggerProductId: string,
  productId: string,
  kind: OverrideKind | "CLEAR",
  client: PrismaClient = db,
): Promise<void> {
  const key = { shop_triggerProductId_productId: { shop, triggerProductId, productId } };
  if (kind === "CLEAR") {
    await client.recommendationOverride.deleteMany({ where: { shop, triggerProductId, productId } });
    return;
  }
  await client.recommendationOverride.upsert({
    where: key,
    create: { shop, triggerProductId, productId, kind },
    update: { kind, createdAt: new Date() },
  });
}

export async function overridesOf(shop: string, client: Db = db) {
  return client.recommendationOverride.findMany({ where: { shop }, orderBy: { createdAt: "asc" } });
}

/**
 * Brings one shop back within STORE_LIMITS (the rollup job runs it daily):
 * - the ledger past maxLedgerOrders: the oldest rows go and ledgerFloorMs
 *   moves up to the newest removed, so those orders are refused from now on;
 * - products past maxProducts: the least-ordered go, with their pairs;
 * - pairs past maxPairs: whole count levels from the bottom (pruneLevel).
 * The counts of kept products and pairs are untouched.
 */
export async function trimRecommendationData(
  client: PrismaClient,
  shop: string,
  limits: { maxProducts: number; maxPairs: number; maxLedgerOrders: number } = STORE_LIMITS,
) {
  const trimmed = { ledger: 0, products: 0, pairs: 0 };
  const ledgerRows = await client.recommendationOrder.count({ where: { shop } });
  if (ledgerRows > limits.maxLedgerOrders) {
    const cut = await client.recommendationOrder.findFirst({
      where: { shop },
      orderBy: [{ orderedAt: "desc" }, { orderId: "desc" }],
      skip: limits.maxLedgerOrders,
      select: { orderedAt: true },
    });
    if (cut) {
      await client.$transaction(async (tx) => {
        trimmed.ledger = (
          await tx.recommendationOrder.deleteMany({ where: { shop, orderedAt: { lte: cut.orderedAt } } })
        ).count;
        await tx.recommendationShop.update({ where: { shop }, data: { ledgerFloorMs: cut.orderedAt } });
      });
    }
  }
  const products = await client.recommendationProduct.count({ where: { shop } });
  if (products > limits.maxProducts) {
    const drop = await client.recommendationProduct.findMany({
      where: { shop },
      orderBy: [{ orders: "asc" }, { productId: "asc" }],
      take: products - Math.floor(limits.maxProducts * 0.9),
      select: { productId: true },
    });
    for (let i = 0; i < drop.length; i += 500) {
      const ids = drop.slice(i, i + 500).map((d) => d.productId);
      await client.$transaction([
        client.recommendationPair.deleteMany({
          where: { shop, OR: [{ productA: { in: ids } }, { productB: { in: ids } }] },
        }),
        client.recommendationProduct.deleteMany({ where: { shop, productId: { in: ids } } }),
      ]);
    }
    trimmed.products = drop.length;
  }
  const pairs = await client.recommendationPair.count({ where: { shop } });
  if (pairs > limits.maxPairs) {
    const target = Math.floor(limits.maxPairs * 0.8);
    // The count of the pair just below the `target` strongest: everything at or below it goes (pruneLevel's rule, in SQL).
    const edge = await client.recommendationPair.findFirst({
      where: { shop },
      orderBy: { orders: "desc" },
      skip: target,
      select: { orders: true },
    });
    if (edge) {
      trimmed.pairs = (
        await client.recommendationPair.deleteMany({ where: { shop, orders: { lte: edge.orders } } })
      ).count;
      await client.recommendationShop.updateMany({
        where: { shop, prunedPairsUpTo: { lt: edge.orders } },
        data: { prunedPairsUpTo: edge.orders },
      });
    }
  }
  return trimmed;
}

/** Every shop with co-purchase data, trimmed: part of `npm run jobs:rollup`. */
export async function trimAllRecommendationData(
  client: PrismaClient,
): Promise<{ shops: number; ledger: number; products: number; pairs: number }> {
  const shops = await client.recommendationShop.findMany({ select: { shop: true } });
  const total = { shops: shops.length, ledger: 0, products: 0, pairs: 0 };
  for (const { shop } of shops) {
    const t = await trimRecommendationData(client, shop);
    total.ledger += t.ledger;
    total.products += t.products;
    total.pairs += t.pairs;
  }
  return total;
}

/** shop/redact: every co-purchase row of the shop. */
export async function deleteRecommendationData(tx: Tx, shop: string): Promise<void> {
  await tx.recommendationPair.deleteMany({ where: { shop } });
  await tx.recommendationProduct.deleteMany({ where: { shop } });
  await tx.recommendationOrder.deleteMany({ where: { shop } });
  await tx.recommendationOverride.deleteMany({ where: { shop } });
  await tx.recommendationShop.deleteMany({ where: { shop } });
}
