import { webhookAction } from "../shopify/webhook-action.server";

// Tactful stores no customer personal data: visitor ids are random and a
// logged-in customer id is only ever kept as a keyed hash. There is nothing
// to hand over; the request is acknowledged and recorded.
export const action = webhookAction("customers/data_request", async () => {});
