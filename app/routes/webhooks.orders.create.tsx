import { webhookAction } from "../shopify/webhook-action.server";
import { attributeOrder } from "../analytics/attribution.server";
import { recordCarriedMemory } from "../post-purchase/carried-memory.server";
import { recordOrderFromWebhook } from "../recommendations/recommendations.server";

// Attribution of orders to offers and experiment arms (docs/decisions: attribution model),
// and the order's basket for co-purchase recommendations, once per order id (decision 0084).
export const action = webhookAction("orders/create", async ({ shop, payload }, tx) => {
  const result = await attributeOrder(tx, shop, payload);
  // A payload we cannot read will not read better on Shopify's retry: acknowledge it, say why in the log.
  if (result.kind === "INVALID_PAYLOAD") console.warn(`orders/create for ${shop} not attributed: ${result.issues}`);
  // Claims written by the shopper's browser that the saved offers do not back.
  if (result.kind === "ATTRIBUTED" && result.rejected.length) console.warn(`orders/create for ${shop}: ignored ${result.rejected.join("; ")}`);
  const basket = await recordOrderFromWebhook(tx, shop, payload);
  if (basket.kind === "INVALID_PAYLOAD") console.warn(`orders/create for ${shop} not counted for recommendations: ${basket.issues}`);
  // What the cart carried, for this order's post-purchase page (decision 0087); an order it cannot key gets no page.
  if (!(await recordCarriedMemory(tx, shop, payload))) console.warn(`orders/create for ${shop}: no order id or token, so no post-purchase page for it`);
});
