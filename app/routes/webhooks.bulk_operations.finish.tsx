import { webhookAction } from "../shopify/webhook-action.server";
import { prepareBackfillFinish, settleBackfillFinish } from "../recommendations/backfill-webhook.server";

// The co-purchase backfill's bulk query ended (decision 0094); polling by id remains the fallback (0084).
export const action = webhookAction("bulk_operations/finish", settleBackfillFinish, prepareBackfillFinish);
