import { webhookAction } from "../shopify/webhook-action.server";
import { republishIfTriggerCollection } from "../shopify/collection-webhooks.server";

// A deleted trigger collection publishes as empty: the same republish as an update.
export const action = webhookAction("collections/delete", republishIfTriggerCollection);
