import { webhookAction } from "../shopify/webhook-action.server";
import { redactCustomer } from "../analytics/attribution.server";
import { redactPostPurchase } from "../post-purchase/redact.server";

// Analytics hold a customer only as a keyed hash (events, conversions); the
// hash and the order ids are cut so nothing leads back to the customer, while
// the merchant's counts and revenue stay.
export const action = webhookAction("customers/redact", async ({ shop, payload }, tx) => {
  await redactCustomer(tx, shop, payload);
  // The listed orders' post-purchase rows and carried memories (decision 0087).
  await redactPostPurchase(tx, shop, payload);
});
