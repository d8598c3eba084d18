import { z } from "zod";
import { isSuperseded } from "../shopify/webhook-deliveries.server";
import { webhookAction } from "../shopify/webhook-action.server";

const payloadSchema = z.object({ current: z.array(z.string()) });

export const action = webhookAction("app/scopes_update", async ({ session, payload }, tx, event) => {
  const parsed = payloadSchema.safeParse(payload);
  if (!session || !parsed.success) return;
  // Two grants in quick succession can be delivered in either order: the later grant wins.
  if (await isSuperseded(tx, event)) return;
  await tx.session.update({ where: { id: session.id }, data: { scope: parsed.data.current.join(",") } });
});
