import { webhookAction } from "../models/webhook-route.server";
import { republishIfTriggerCollection } from "../models/collection-webhooks.server";

// Decision record 0054: a trigger collection's products are republished when it changes.
export const action = webhookAction("collections/update", republishIfTriggerCollection);
