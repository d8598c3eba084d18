import { forgetInstalled } from "../models/analytics/proxy-auth.server";
import { deleteAllShopData } from "../models/webhooks.server";
import { webhookAction } from "../models/webhook-route.server";

export const action = webhookAction("shop/redact", async ({ shop }, tx) => {
  await deleteAllShopData(tx, shop);
  forgetInstalled(shop);
});
