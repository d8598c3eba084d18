import { webhookAction } from "../models/webhook-route.server";
import { republishIfTriggerCollection } from "../models/collection-webhooks.server";

// A deleted trigger collection publishes as empty: the same republish as an update.
export const action = webhookAction("collections/delete", republishIfTriggerCollection);
