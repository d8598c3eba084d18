import { z } from "zod";
import type { OrderBasket } from "./recommendations.server";

/*
 * The co-purchase backfill's bulk query and the reading of its JSONL
 * (decision 0084). Pure: no I/O, no clock.
 */

/** How far back the backfill reads, and how many of those orders (the newest) it keeps. */
export const BACKFILL = { days: 365, maxOrders: 20_000 } as const;

/** The bulk document: orders since `since` (YYYY-MM-DD), newest first, each line's product. Bulk queries page for themselves: no `first`. */
export function ordersBackfillQuery(since: string): string {
  return `{
  orders(query: "created_at:>=${since}", sortKey: CREATED_AT, reverse: true) {
    edges {
      node {
        id
        createdAt
        lineItems {
          edges {
            node {
              id
              product {
                id
              }
            }
          }
        }
      }
    }
  }
}`;
}

const orderLine = z.object({ id: z.string().regex(/^gid:\/\/shopify\/Order\/\d+$/), createdAt: z.string() });
const lineItemLine = z.object({
  id: z.string(),
  product: z
    .object({ id: z.string().regex(/^gid:\/\/shopify\/Product\/\d+$/) })
    .nullable()
    .optional(),
  __parentId: z.string().regex(/^gid:\/\/shopify\/Order\/\d+$/),
});

/**
 * Collects orders and their line items from JSONL lines in any order (a
 * child's line follows its parent's, but not necessarily right after it).
 * A line of neither shape is counted in `unreadable` and skipped.
 */
export class BulkOrdersReader {
  private readonly orders = new Map<string, { orderedAt: Date; productIds: (string | null)[] }>();
  private readonly orphans = new Map<string, (string | null)[]>();
  unreadable = 0;

  add(value: unknown): void {
    const line = lineItemLine.safeParse(value);
    if (line.success) {
      const product = line.data.product?.id ?? null;
      const order = this.orders.get(line.data.__parentId);
      if (order) order.productIds.push(product);
      else this.orphans.set(line.data.__parentId, [...(this.orphans.get(line.data.__parentId) ?? []), product]);
      return;
    }
    const order = orderLine.safeParse(value);
    const at = order.success ? Date.parse(order.data.createdAt) : NaN;
    if (!order.success || !Number.isFinite(at)) {
      this.unreadable++;
      return;
    }
    const early = this.orphans.get(order.data.id) ?? [];
    this.orphans.delete(order.data.id);
    this.orders.set(order.data.id, { orderedAt: new Date(at), productIds: early });
  }

  /** The newest `maxOrders` orders as baskets, newest first. */
  baskets(maxOrders: number): OrderBasket[] {
    return [...this.orders]
      .map(([gid, o]) => ({
        orderId: gid.split("/").pop() as string,
        orderedAt: o.orderedAt,
        productIds: o.productIds,
      }))
      .sort((a, b) => b.orderedAt.getTime() - a.orderedAt.getTime())
      .slice(0, maxOrders);
  }
}
