import type { Prisma, PrismaClient } from "@prisma/client";
import db from "../platform/db.server";
import type { AdminGraphql } from "../shopify/admin-api.server";
import { fetchBulkOperation, readJsonl, runBulkQuery, type BulkOperation } from "../shopify/bulk-operations.server";
import { BACKFILL, BulkOrdersReader, ordersBackfillQuery } from "./bulk-orders";
import { recordOrderBatch } from "./recommendations.server";

/*
 * The co-purchase backfill (decision 0084): one bulk query over the last
 * year's orders. Shopify's bulk_operations/finish webhook says when it ended
 * (0094); polling it by id when the merchant opens the recommendations page,
 * and in the rollup job, covers a webhook that is late or lost. Its file is
 * read and counted through the same ledger as orders/create, so an order
 * both brought counts once and a second backfill adds only what is new.
 *
 * States: NONE → RUNNING → IMPORTING → COMPLETED, or FAILED from any of
 * them. IMPORTING is claimed with a conditional update, so a page load, the
 * job and the webhook that all see COMPLETED do not import twice.
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
  if (operation && isUnderWay(operation)) return { ...statusOf(row), objectCount: operation.objectCount };
  const claimed = await settleBackfill(client, shop, row.backfillId, operation, now);
  if (!claimed) return backfillStatus(shop, client);
  return importBackfill(shop, claimed, now, client);
}

/** Shopify has not finished with the operation yet. */
export function isUnderWay(operation: BulkOperation): boolean {
  return operation.status === "CREATED" || operation.status === "RUNNING" || operation.status === "CANCELING";
}

/**
 * Applies what Shopify said about the shop's backfill `id` once it stopped
 * running: gone or ended without a file → FAILED with how it ended;
 * COMPLETED → claimed for import (RUNNING → IMPORTING). Both only while the
 * row is still RUNNING for this id, so a page load, the rollup job and any
 * number of bulk_operations/finish deliveries act on it once. Takes a
 * transaction client so the webhook claims in the same transaction that
 * records its delivery.
 *
 * @returns the operation to import when this caller claimed it, else null.
 */
export async function settleBackfill(
  tx: Prisma.TransactionClient,
  shop: string,
  id: string,
  operation: BulkOperation | null,
  now = Date.now(),
): Promise<BulkOperation | null> {
  const stillRunning = { shop, backfillStatus: "RUNNING", backfillId: id };
  if (!operation || operation.status !== "COMPLETED") {
    const message = operation
      ? `Shopify's bulk operation ended ${operation.status}${operation.errorCode ? ` (${operation.errorCode})` : ""}.`
      : "Shopify no longer knows this backfill; start it again.";
    await tx.recommendationShop.updateMany({
      where: stillRunning,
      data: { backfillStatus: "FAILED", backfillError: message, backfillFinishedAt: new Date(now) },
    });
    return null;
  }
  const claimed = await tx.recommendationShop.updateMany({ where: stillRunning, data: { backfillStatus: "IMPORTING" } });
  return claimed.count === 1 ? operation : null;
}

/**
 * Reads a claimed operation's file and counts its orders through the ledger
 * (each order once, whoever else counted it), then stores COMPLETED, or
 * FAILED with why. Never throws for Shopify's file or the import.
 */
export async function importBackfill(
  shop: string,
  operation: BulkOperation,
  now = Date.now(),
  client: PrismaClient = db,
): Promise<BackfillStatus> {
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
    return statusOf(
      await client.recommendationShop.update({
        where: { shop },
        data: {
          backfillStatus: "FAILED",
          backfillError: `The backfill's file could not be imported: ${error instanceof Error ? error.message : String(error)}`,
          backfillFinishedAt: new Date(now),
        },
      }),
    );
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
