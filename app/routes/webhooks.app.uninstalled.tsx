import { webhookAction } from "../models/webhook-route.server";

// Sessions go at once; offers and settings stay until shop/redact (48 h later),
// so a merchant who reinstalls by mistake keeps their offers.
export const action = webhookAction(async ({ shop }, tx) => {
  await tx.session.deleteMany({ where: { shop } });
});
