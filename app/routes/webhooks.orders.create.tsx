import { webhookAction } from "../models/webhook-route.server";

// Attribution of orders to offers lands with the analytics work (issue 7);
// the route exists now so the subscription and its idempotency are in place.
export const action = webhookAction(async () => {});
