import { MEMORY_ATTRIBUTE } from "@tactful/engine/frequency";
import { action as orderCreatedAction } from "../../app/routes/webhooks.orders.create";
import { signedWebhook, TEST_SHOP } from "./shopify-requests";

let orders = 0;

/**
 * Shopify's orders/create for a paid purchase, through the app's real
 * webhook route: the order's checkout token is the post-purchase reference id
 * (decision 0087), and `memory`, when given, is the `_tactful_memory` note
 * attribute the cart carried. Resolves to the webhook's HTTP status.
 */
export async function deliverOrderCreated(opts: { referenceId: string; memory?: unknown; customerId?: number; shop?: string; orderId?: number; tokenField?: "checkout_token" | "token" }): Promise<number> {
  const id = opts.orderId ?? 6_100_000_000 + ++orders;
  const tokenField = opts.tokenField ?? "checkout_token";
  const payload = {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    currency: "USD",
    checkout_token: tokenField === "checkout_token" ? opts.referenceId : `other-${id}`,
    token: tokenField === "token" ? opts.referenceId : `order-${id}`,
    customer: opts.customerId ? { id: opts.customerId } : null,
    note_attributes: opts.memory === undefined ? [] : [{ name: MEMORY_ATTRIBUTE, value: opts.memory }],
    line_items: [],
  };
  const res = (await orderCreatedAction({ request: signedWebhook("orders/create", payload, { shop: opts.shop ?? TEST_SHOP }), params: {}, context: {} })) as Response;
  return res.status;
}
