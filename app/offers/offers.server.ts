import type { Prisma } from "@prisma/client";
import type { z } from "zod";
import db from "../platform/db.server";
import type { ShopSettings } from "@tactful/engine/types";
import { numericId } from "@tactful/engine/shopify-id";
import { compileFunctionConfig, compileStorefrontConfig, scheduleColumns, triggerCollections, type CompileOptions } from "./offer-compiler";
import type { OfferListQuery } from "./offer-list-query";
import {
  OFFER_STATUSES,
  offerDefinitionSchema,
  offerRecordFromRow,
  parseMoments,
  type OfferInput,
  type OfferRecord,
  type OfferStatus,
} from "./offer.schema";

/*
 * Offers: CRUD with optimistic locking, bulk status changes and the list
 * query behind the Offers page. Every write that could change what is live
 * first proves the compiled config still fits its metafields
 * (ConfigTooLargeError), inside the same transaction, so an oversized config
 * is refused before anything is stored.
 */

export type FieldErrors = Record<string, string>;

/** zod issues -> { "definition.items": "Offer at least one product" }, first message per field. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

export class OfferConflictError extends Error {
  override readonly name = "OfferConflictError";
  constructor(
    readonly currentVersion: number,
    readonly updatedAt: Date,
  ) {
    super("This offer was changed elsewhere since you opened it.");
  }
}

export class OfferNotFoundError extends Error {
  override readonly name = "OfferNotFoundError";
}

type Tx = Prisma.TransactionClient;

const rowColumns = (input: OfferInput) => {
  const d = input.definition;
  return {
    name: input.name,
    status: input.status,
    type: input.type,
    priority: input.priority,
    moments: input.moments.join(","),
    ...scheduleColumns(d),
    definition: d as Prisma.InputJsonValue,
  };
};

/** Active offers as the compilers take them (all, or those of `ids`); a row that no longer parses is left out, not fatal. */
export async function activeOfferRecords(shop: string, client: Tx = db, ids?: readonly string[]): Promise<OfferRecord[]> {
  const rows = await client.offer.findMany({ where: { shop, status: "ACTIVE", ...(ids ? { id: { in: [...ids] } } : {}) }, orderBy: { id: "asc" } });
  const out: OfferRecord[] = [];
  for (const row of rows) {
    try {
      out.push(offerRecordFromRow(row));
    } catch {
      // Stored before a schema change; the editor shows it for repair.
    }
  }
  return out;
}

/** Throws ConfigTooLargeError when these offers would not fit Shopify's metafield limits. */
export function assertConfigFits(offers: OfferRecord[], settings: ShopSettings, options: CompileOptions = {}): void {
  compileStorefrontConfig(offers, settings, options);
  compileFunctionConfig(offers, settings);
}

async function assertFitsWith(tx: Tx, shop: string, settings: ShopSettings, change: { id: string; record: OfferRecord | null }, options: CompileOptions) {
  const others = (await activeOfferRecords(shop, tx)).filter((o) => o.id !== change.id);
  assertConfigFits(change.record && change.record.status === "ACTIVE" ? [...others, change.record] : others, settings, options);
}

/**
 * Numeric ids of the collections active offers will trigger on once this
 * input is saved (as offer `id`, or a new one): the membership to fetch
 * before the save, so its size check counts it (decision record 0054).
 */
export async function triggerCollectionsAfterSave(shop: string, id: string | null, input: OfferInput): Promise<string[]> {
  const others = triggerCollections((await activeOfferRecords(shop)).filter((o) => o.id !== id));
  const own = input.status === "ACTIVE" ? input.definition.trigger.collections.map((c) => numericId(c.id)) : [];
  return [...new Set([...others, ...own])].sort();
}

/** The same, for a bulk activation of these offers. */
export async function triggerCollectionsAfterActivating(shop: string, ids: string[]): Promise<string[]> {
  const rows = await db.offer.findMany({ where: { shop, OR: [{ status: "ACTIVE" }, { id: { in: ids } }] } });
  const records: OfferRecord[] = [];
  for (const row of rows) {
    try {
      records.push({ ...offerRecordFromRow(row), status: "ACTIVE" });
    } catch {
      // Stored before a schema change: activeOfferRecords leaves it out too.
    }
  }
  return triggerCollections(records);
}

export async function createOffer(shop: string, input: OfferInput, settings: ShopSettings, options: CompileOptions = {}) {
  return db.$transaction(async (tx) => {
    const columns = rowColumns(input);
    const row = await tx.offer.create({ data: { shop, ...columns } });
    await assertFitsWith(tx, shop, settings, { id: row.id, record: offerRecordFromRow(row) }, options);
    return row;
  });
}

/**
 * Saves only if the stored version is the one the merchant edited; the write
 * and the check are one UPDATE ... WHERE version = ?, so two tabs can never
 * both win.
 */
export async function updateOffer(shop: string, id: string, input: OfferInput & { version: number }, settings: ShopSettings, options: CompileOptions = {}) {
  return db.$transaction(async (tx) => {
    const columns = rowColumns(input);
    const { count } = await tx.offer.updateMany({
      where: { id, shop, version: input.version },
      data: { ...columns, version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.offer.findFirst({ where: { id, shop }, select: { version: true, updatedAt: true } });
      if (!current) throw new OfferNotFoundError("That offer no longer exists.");
      throw new OfferConflictError(current.version, current.updatedAt);
    }
    const row = await tx.offer.findFirstOrThrow({ where: { id, shop } });
    await assertFitsWith(tx, shop, settings, { id, record: offerRecordFromRow(row) }, options);
    return row;
  });
}

export async function getOffer(shop: string, id: string) {
  const row = await db.offer.findFirst({ where: { id, shop } });
  if (!row) return null;
  const parsed = offerDefinitionSchema.safeParse(row.definition);
  return { row, definition: parsed.success ? parsed.data : null };
}

export async function deleteOffers(shop: string, ids: string[]): Promise<number> {
  const { count } = await db.offer.deleteMany({ where: { shop, id: { in: ids } } });
  return count;
}

/** Bulk pause/activate/archive; bumps versions so an open editor sees the change as a conflict. */
export async function setOfferStatus(shop: string, ids: string[], status: OfferStatus, settings: ShopSettings, options: CompileOptions = {}): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.offer.updateMany({ where: { shop, id: { in: ids } }, data: { status, version: { increment: 1 } } });
    if (status === "ACTIVE") assertConfigFits(await activeOfferRecords(shop, tx), settings, options);
    return count;
  });
}

export async function duplicateOffer(shop: string, id: string) {
  const row = await db.offer.findFirst({ where: { id, shop } });
  if (!row) throw new OfferNotFoundError("That offer no longer exists.");
  const name = `Copy of ${row.name}`.slice(0, 100);
  // A copy starts as a draft: it would otherwise compete with its original on the storefront.
  return db.offer.create({
    data: {
      shop,
      name,
      status: "DRAFT",
      type: row.type,
      priority: row.priority,
      moments: row.moments,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      definition: row.definition ?? {},
    },
  });
}

/* ---------------- the Offers list ---------------- */

export interface OfferListRow {
  id: string;
  name: string;
  status: OfferStatus;
  type: string;
  priority: number;
  moments: string[];
  startsAt: string | null;
  endsAt: string | null;
  updatedAt: string;
}

export async function listOffers(shop: string, query: OfferListQuery) {
  const where: Prisma.OfferWhereInput = {
    shop,
    ...(query.q ? { name: { contains: query.q } } : {}),
    ...(query.statuses.length ? { status: { in: query.statuses } } : {}),
    ...(query.types.length ? { type: { in: query.types } } : {}),
    // Moments are a comma-separated column, and "CART" is inside "ADD_TO_CART": match whole items only.
    ...(query.moments.length
      ? { OR: query.moments.flatMap((m) => [{ moments: m }, { moments: { startsWith: `${m},` } }, { moments: { endsWith: `,${m}` } }, { moments: { contains: `,${m},` } }]) }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.offer.count({ where }),
    db.offer.findMany({
      where,
      // The id tie-break keeps pages stable when many offers share a sort value.
      orderBy: [{ [query.sort]: query.dir }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: { id: true, name: true, status: true, type: true, priority: true, moments: true, startsAt: true, endsAt: true, updatedAt: true },
    }),
  ]);
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / query.pageSize)),
    offers: rows.map(
      (r): OfferListRow => ({
        id: r.id,
        name: r.name,
        status: (OFFER_STATUSES as readonly string[]).includes(r.status) ? (r.status as OfferStatus) : "DRAFT",
        type: r.type,
        priority: r.priority,
        moments: parseMoments(r.moments),
        startsAt: r.startsAt?.toISOString() ?? null,
        endsAt: r.endsAt?.toISOString() ?? null,
        updatedAt: r.updatedAt.toISOString(),
      }),
    ),
  };
}

export async function countOffersByStatus(shop: string): Promise<Record<OfferStatus, number>> {
  const groups = await db.offer.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } });
  const out: Record<OfferStatus, number> = { DRAFT: 0, ACTIVE: 0, PAUSED: 0, ARCHIVED: 0 };
  for (const g of groups) if ((OFFER_STATUSES as readonly string[]).includes(g.status)) out[g.status as OfferStatus] = g._count._all;
  return out;
}
