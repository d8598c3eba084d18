import { forgetInstalled } from "../analytics/proxy-auth.server";
import { deleteAllShopData } from "../shopify/webhook-deliveries.server";
import { webhookAction } from "../shopify/webhook-action.server";

export const action = webhookAction("shop/redact", async ({ shop }, tx) => {
  await deleteAllShopData(tx, shop);
  forgetInstalled(shop);
});
