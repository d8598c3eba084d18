import { webhookAction } from "../shopify/webhook-action.server";
import { republishIfTriggerCollection } from "../shopify/collection-webhooks.server";

// Decision record 0054: a trigger collection's products are republished when it changes.
export const action = webhookAction("collections/update", republishIfTriggerCollection);
