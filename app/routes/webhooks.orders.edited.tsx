import { webhookAction } from "../shopify/webhook-action.server";
import { attributeOrderEdit, orderEditedSchema, type OrderEdited } from "../analytics/post-purchase-attribution.server";
import { fetchOrderEdit, type OrderEditFacts } from "../shopify/order-edit.server";

/*
 * An accepted post-purchase changeset, as Shopify reports the order edit it
 * made (decision 0078). The order's link metafield and the added lines are
 * read from the Admin API before the transaction: if Shopify cannot be read,
 * the webhook answers 503 and the redelivery tries again.
 */
type Prepared = { edit: OrderEdited; facts: OrderEditFacts | null } | { invalid: string } | { skip: string };

export const action = webhookAction<Prepared>(
  "orders/edited",
  async ({ shop }, tx, _event, prepared) => {
    if ("invalid" in prepared) return console.warn(`orders/edited for ${shop} not attributed: ${prepared.invalid}`);
    if ("skip" in prepared) return;
    const result = await attributeOrderEdit(tx, shop, prepared.edit, prepared.facts);
    // Someone wrote our metafield on an order we did not change: say so, credit nothing.
    if (result.kind === "REJECTED") console.warn(`orders/edited for ${shop}, order ${prepared.edit.order_id}: ignored, ${result.why}`);
  },
  async ({ payload, admin }) => {
    const parsed = orderEditedSchema.safeParse(payload);
    if (!parsed.success) return { invalid: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
    const edit = parsed.data.order_edit;
    // An edit that added nothing (a removal, a shipping change) cannot be an accepted offer: no Admin API call.
    const added = edit.line_items.additions.filter((a) => a.delta > 0).map((a) => a.id);
    if (!added.length) return { skip: "nothing added" };
    // No offline session (uninstalled): nothing to read with, nothing to credit.
    if (!admin) return { skip: "no session" };
    return { edit, facts: await fetchOrderEdit(admin, edit.order_id, added) };
  },
);
