import { webhookAction } from "../models/webhook-route.server";

// No customer-identifying rows exist yet; analytics events keyed by a hashed
// customer id are removed here once they exist (issue 7).
export const action = webhookAction(async () => {});
