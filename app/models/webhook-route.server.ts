import type { ActionFunctionArgs } from "@remix-run/node";
import type { Prisma } from "@prisma/client";
import db from "../db.server";
import { authenticate } from "../shopify.server";
import { processWebhookOnce } from "./webhooks.server";

type WebhookContext = Awaited<ReturnType<typeof authenticate.webhook>>;

/**
 * One shape for every webhook route: verify the HMAC (401 on failure, thrown
 * by authenticate.webhook), run the handler once per X-Shopify-Event-Id, and
 * answer 200 so Shopify stops retrying.
 */
export function webhookAction(handle: (ctx: WebhookContext, tx: Prisma.TransactionClient) => Promise<void>) {
  return async ({ request }: ActionFunctionArgs) => {
    const ctx = await authenticate.webhook(request);
    // Older deliveries lack an event id; the webhook id is stable across
    // retries of one delivery, so it deduplicates those too.
    const eventId = ctx.eventId ?? ctx.webhookId;
    await processWebhookOnce(db, { eventId, shop: ctx.shop, topic: String(ctx.topic) }, (tx) => handle(ctx, tx));
    return new Response(null, { status: 200 });
  };
}
