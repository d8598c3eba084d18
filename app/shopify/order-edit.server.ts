import { z } from "zod";
import { ORDER_EDIT_ATTRIBUTION_QUERY } from "../graphql/operations";
import { numericId } from "@tactful/engine/shopify-id";
import { request, type AdminGraphql } from "./admin-api.server";

const money = z.object({ amount: z.string().regex(/^-?\d+(\.\d+)?$/), currencyCode: z.string().regex(/^[A-Z]{3}$/) });

const schema = z.object({
  order: z.object({ id: z.string(), metafield: z.object({ value: z.string() }).nullable() }).nullable(),
  nodes: z.array(
    z
      .object({
        id: z.string(),
        quantity: z.number().int().min(0),
        variant: z.object({ id: z.string() }).nullable(),
        discountedTotalSet: z.object({ shopMoney: money, presentmentMoney: money }),
      })
      .nullable()
      // A node that is not a line of this shop's order (deleted since) is left out, not fatal.
      .catch(null),
  ),
});

export interface EditedLine {
  /** Numeric line item id, as orders/edited names it. */
  id: string;
  quantity: number;
  variantId: string | null;
  shop: { amount: string; currencyCode: string };
  presentment: { amount: string; currencyCode: string };
}

export interface OrderEditFacts {
  /** The order's `tactful.post_purchase` metafield, as stored; null when it has none. */
  link: string | null;
  lines: EditedLine[];
}

/**
 * What orders/edited attribution needs from the Admin API: the link our
 * changeset wrote on the order, and the added lines' money. Null when the
 * order is gone. Throws AdminApiError when Shopify cannot be asked (the
 * webhook then answers 503 and Shopify redelivers).
 */
export async function fetchOrderEdit(admin: AdminGraphql, orderId: string, lineIds: string[]): Promise<OrderEditFacts | null> {
  // An edit adds a handful of lines; nodes() takes at most 250 ids.
  const lines = [...new Set(lineIds)].slice(0, 250).map((id) => `gid://shopify/LineItem/${id}`);
  const data = await request(admin, ORDER_EDIT_ATTRIBUTION_QUERY, schema, { order: `gid://shopify/Order/${orderId}`, lines });
  if (!data.order) return null;
  return {
    link: data.order.metafield?.value ?? null,
    lines: data.nodes.flatMap((n) =>
      n ? [{ id: numericId(n.id), quantity: n.quantity, variantId: n.variant ? numericId(n.variant.id) : null, shop: n.discountedTotalSet.shopMoney, presentment: n.discountedTotalSet.presentmentMoney }] : [],
    ),
  };
}
