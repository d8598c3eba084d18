import { z } from "zod";
import { webhookAction } from "../models/webhook-route.server";

const payloadSchema = z.object({ current: z.array(z.string()) });

export const action = webhookAction(async ({ session, payload }, tx) => {
  const parsed = payloadSchema.safeParse(payload);
  if (!session || !parsed.success) return;
  await tx.session.update({ where: { id: session.id }, data: { scope: parsed.data.current.join(",") } });
});
