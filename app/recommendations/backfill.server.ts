import type { PrismaClient } from "@prisma/client";
import db from "../platform/db.server";
import type { AdminGraphql } from "../shopify/admin-api.server";
import { fetchBulkOperation, readJsonl, runBulkQuery } from "../shopify/bulk-operations.server";
import { BACKFILL, BulkOrdersReader, ordersBackfillQuery } from "./bulk-orders";
import { recordOrderBatch } from "./recommendations.server";

/*
 * The co-purchase backfill (decision 0084): one bulk query over the last
 * year's orders, polled by id when the merchant opens the recommendations
 * page (and by the rollup job), then read and counted through the same
 * ledger as orders/create, so an order both brought counts once and a
 * second backfill adds only what is new.
 *
 * States: NONE → RUNNING → IMPORTING → COMPLETED, or FAILED from any of
 * them. IMPORTING is claimed with a conditional update, so two page loads
 * that both see COMPLETED do not both import.
 */

export interface BackfillStatus {
  status: "NONE" | "RUNNING" | "IMPORTING" | "COMPLETED" | "FAILED";
  /** Objects Shopify has exported so far (orders and line items), while running. */
  objectCount?: number;
  orders: number;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A backfill stuck longer than this (a crash mid-import, say) may be started again. */
const STALE_MS = 24 * 60 * 60 * 1000;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function statusOf(
  row: {
    backfillStatus: string;
    backfillOrders: number;
    backfillError: string | null;
    backfillStartedAt: Date | null;
    backfillFinishedAt: Date | null;
  } | null,
): BackfillStatus {
  if (!row) return { status: "NONE", orders: 0, error: null, startedAt: null, finishedAt: null };
  return {
    status: row.backfillStatus as BackfillStatus["status"],
    orders: row.backfillOrders,
    error: row.backfillError,
    startedAt: row.backfillStartedAt,
    finishedAt: row.backfillFinishedAt,
  };
}

export async function backfillStatus(shop: string, client: PrismaClient = db): Promise<BackfillStatus> {
  return statusOf(await client.recommendationShop.findUnique({ where: { shop } }));
}

/** Starts the bulk query unless one is already under way; Shopify's refusal is stored and returned as FAILED. */
export async function startBackfill(
  shop: string,
  admin: AdminGraphql,
  now = Date.now(),
  client: PrismaClient = db,
): Promise<BackfillStatus> {
  const current = await client.recommendationShop.findUnique({ where: { shop } });
  if (
    current &&
    (current.backfillStatus === "RUNNING" || current.backfillStatus === "IMPORTING") &&
    current.backfillStartedAt &&
    now - current.backfillStartedAt.getTime() < STALE_MS
  )
    return statusOf(current);
  const startedAt = new Date(now);
  try {
    const id = await runBulkQuery(admin, ordersBackfillQuery(day(now - BACKFILL.days * 86_400_000)));
    const data = {
      backfillId: id,
      backfillStatus: "RUNNING",
      backfillError: null,
      backfillOrders: 0,
      backfillStartedAt: startedAt,
      backfillFinishedAt: null,
    };
    return statusOf(
      await client.recommendationShop.upsert({ where: { shop }, create: { shop, ...data }, update: data }),
    );
  } catch (error) {
    const data = {
      backfillStatus: "FAILED",
      backfillError: `Shopify did not start the backfill: ${error instanceof Error ? error.message : String(error)}`,
      backfillStartedAt: startedAt,
      backfillFinishedAt: new Date(now),
    };
    return statusOf(
      await client.recommendationShop.upsert({ where: { shop }, create: { shop, ...data }, update: data }),
    );
  }
}

/**
 * Advances a running backfill: asks Shopify how it is doing and, once it
 * completed, reads its file and counts its orders. A no-op in any other state.
 */
export async function checkBackfill(
  shop: string,
  admin: AdminGraphql,
  now = Date.now(),
  client: PrismaClient = db,
): Promise<BackfillStatus> {
  const row = await client.recommendationShop.findUnique({ where: { shop } });
  if (!row || row.backfillStatus !== "RUNNING" || !row.backfillId) return statusOf(row);
  const fail = async (message: string) =>
    statusOf(
      await client.recommendationShop.update({
        where: { shop },
        data: { backfillStatus: "FAILED", backfillError: message, backfillFinishedAt: new Date(now) },
      }),
    );
  let operation;
  try {
    operation = await fetchBulkOperation(admin, row.backfillId);
  } catch (error) {
    // Shopify could not be asked now; the next look asks again.
    return {
      ...statusOf(row),
      error: `Shopify could not be asked about the backfill: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!operation) return fail("Shopify no longer knows this backfill; start it again.");
  if (operation.status === "CREATED" || operation.status === "RUNNING" || operation.status === "CANCELING")
    return { ...statusOf(row), objectCount: operation.objectCount };
  if (operation.status !== "COMPLETED")
    return fail(
      `Shopify's bulk operation ended ${operation.status}${operation.errorCode ? ` (${operation.errorCode})` : ""}.`,
    );
  const claimed = await client.recommendationShop.updateMany({
    where: { shop, backfillStatus: "RUNNING", backfillId: row.backfillId },
    data: { backfillStatus: "IMPORTING" },
  });
  if (claimed.count === 0) return backfillStatus(shop, client);
  try {
    const reader = new BulkOrdersReader();
    // No url: the operation completed with no orders at all.
    if (operation.url) await readJsonl(operation.url, (value) => reader.add(value));
    const baskets = reader.baskets(BACKFILL.maxOrders);
    const { counted } = await recordOrderBatch(client, shop, baskets);
    return statusOf(
      await client.recommendationShop.update({
        where: { shop },
        data: {
          backfillStatus: "COMPLETED",
          backfillOrders: counted,
          backfillError: reader.unreadable
            ? `${reader.unreadable} lines of Shopify's file could not be read and were skipped.`
            : null,
          backfillFinishedAt: new Date(now),
        },
      }),
    );
  } catch (error) {
    // Orders already counted stay counted (the ledger); a new backfill adds the rest.
    return fail(`The backfill's file could not be imported: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The rollup job's part: advance every running backfill whose shop it can reach. */
export async function checkRunningBackfills(
  adminFor: (shop: string) => Promise<AdminGraphql>,
  client: PrismaClient = db,
): Promise<BackfillStatus[]> {
  const running = await client.recommendationShop.findMany({
    where: { backfillStatus: "RUNNING" },
    select: { shop: true },
  });
  const out: BackfillStatus[] = [];
  for (const { shop } of running) {
    try {
      out.push(await checkBackfill(shop, await adminFor(shop), Date.now(), client));
    } catch (error) {
      console.error(`backfill ${shop} not checked:`, error instanceof Error ? error.message : error);
    }
  }
  return out;
}
