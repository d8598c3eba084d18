import type { ActionFunctionArgs } from "@remix-run/node";
import type { Prisma } from "@prisma/client";
import db from "../db.server";
import { authenticate } from "../shopify.server";
import { isTransientDbError, retryTransient } from "./prisma-errors.server";
import { processWebhookOnce, type WebhookEvent } from "./webhooks.server";

type WebhookContext = Awaited<ReturnType<typeof authenticate.webhook>>;
/** May return work to run once the event is recorded and committed (a call to Shopify must not hold the write lock). */
export type WebhookHandler = (ctx: WebhookContext, tx: Prisma.TransactionClient, event: WebhookEvent) => Promise<void | (() => Promise<void>)>;

/**
 * One shape for every webhook route: verify the HMAC (401 on failure, thrown
 * by authenticate.webhook), run the handler once per X-Shopify-Event-Id, and
 * answer 200 so Shopify stops retrying. A database that is busy or dropped the
 * connection gets one more try, then 503: Shopify redelivers, and since the
 * event's marker rolled back with the handler, the redelivery is not mistaken
 * for a duplicate.
 */
export function webhookAction(handle: WebhookHandler) {
  return async ({ request }: ActionFunctionArgs) => {
    const ctx = await authenticate.webhook(request);
    const event: WebhookEvent = {
      // Older deliveries lack an event id; the webhook id is stable across
      // retries of one delivery, so it deduplicates those too.
      eventId: ctx.eventId ?? ctx.webhookId,
      shop: ctx.shop,
      topic: String(ctx.topic),
      triggeredAt: parseTriggeredAt(ctx.triggeredAt),
    };
    let after: (() => Promise<void>) | undefined;
    try {
      await retryTransient(() =>
        processWebhookOnce(db, event, async (tx) => {
          after = (await handle(ctx, tx, event)) ?? undefined;
        }),
      );
    } catch (error) {
      if (!isTransientDbError(error)) throw error;
      // The topic and shop only: payloads can hold customer data.
      console.error(`webhook ${event.topic} for ${event.shop} not handled, database unavailable; Shopify will redeliver`);
      return new Response("Database unavailable, retry later", { status: 503, headers: { "Retry-After": "10", "Content-Type": "text/plain; charset=utf-8" } });
    }
    await after?.();
    return new Response(null, { status: 200 });
  };
}

function parseTriggeredAt(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
