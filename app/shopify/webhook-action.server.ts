import type { ActionFunctionArgs } from "@remix-run/node";
import type { Prisma } from "@prisma/client";
import db from "../platform/db.server";
import { authenticate } from "../shopify.server";
import { isTransientDbError, retryTransient } from "../platform/prisma-errors.server";
import { processWebhookOnce, type WebhookEvent } from "./webhook-deliveries.server";
import { readCapped } from "../platform/request-body.server";
import { webhookClaimMismatch, WEBHOOK_MAX_BYTES } from "./webhook-claims.server";

type WebhookContext = Awaited<ReturnType<typeof authenticate.webhook>>;
/** May return work to run once the event is recorded and committed (a call to Shopify must not hold the write lock). */
export type WebhookHandler<P = undefined> = (ctx: WebhookContext, tx: Prisma.TransactionClient, event: WebhookEvent, prepared: P) => Promise<void | (() => Promise<void>)>;

/**
 * Reads the handler needs from Shopify, before the transaction: a failure
 * answers 503 with nothing recorded, so Shopify's redelivery runs it again
 * (work in `after` runs once the event is marked, and is lost if it fails).
 */
export type WebhookPrepare<P> = (ctx: WebhookContext) => Promise<P>;

/**
 * Thrown by a prepare step for a signed body that does not have its topic's
 * shape: answered 400 with the message, nothing recorded.
 */
export class WebhookPayloadError extends Error {}

/**
 * One shape for every webhook route: verify the HMAC (401 on failure, thrown
 * by authenticate.webhook), run the handler once per X-Shopify-Event-Id, and
 * answer 200 so Shopify stops retrying. A database that is busy or dropped the
 * connection gets one more try, then 503: Shopify redelivers, and since the
 * event's marker rolled back with the handler, the redelivery is not mistaken
 * for a duplicate.
 *
 * The HMAC covers the body only. Shop, topic and event id arrive in headers
 * anyone can rewrite around a body they once saw signed, so the route checks
 * them against what the body and the route itself say (docs/decisions/0057).
 *
 * @param topic the one topic this route handles, as in shopify.app.toml ("orders/create").
 */
export function webhookAction<P = undefined>(topic: string, handle: WebhookHandler<P>, prepare?: WebhookPrepare<P>) {
  return async ({ request }: ActionFunctionArgs) => {
    // Read at most 1 MB before the signature is checked: an unsigned 100 MB post
    // must not be held in memory just to be refused.
    const body = await readCapped(request, WEBHOOK_MAX_BYTES);
    // The rest of the body is never read, so the connection cannot carry another request.
    if (body === null) return plain(413, `Webhook body over ${WEBHOOK_MAX_BYTES} bytes`, { Connection: "close" });
    if (body === undefined) return plain(400, "Webhook body is not UTF-8 text");
    const ctx = await authenticate.webhook(new Request(request.url, { method: request.method, headers: request.headers, body })).catch((error: unknown) => {
      // The library parses the body only after the HMAC passed: signed, but not JSON.
      if (error instanceof SyntaxError) return null;
      throw error;
    });
    if (ctx === null) return plain(400, "Webhook body is not JSON");
    const mismatch = webhookClaimMismatch(topic, ctx);
    if (mismatch) {
      console.warn(`webhook refused: ${mismatch}`);
      return plain(400, mismatch);
    }
    const event: WebhookEvent = {
      // Older deliveries lack an event id; the webhook id is stable across
      // retries of one delivery, so it deduplicates those too.
      eventId: ctx.eventId ?? ctx.webhookId,
      shop: ctx.shop,
      topic: String(ctx.topic),
      triggeredAt: parseTriggeredAt(ctx.triggeredAt),
    };
    let prepared = undefined as P;
    if (prepare) {
      try {
        prepared = await prepare(ctx);
      } catch (error) {
        if (error instanceof WebhookPayloadError) {
          console.warn(`webhook ${event.topic} for ${event.shop} refused: ${error.message}`);
          return plain(400, error.message);
        }
        console.error(`webhook ${event.topic} for ${event.shop} not handled, Shopify could not be read: ${error instanceof Error ? error.message : String(error)}; Shopify will redeliver`);
        return new Response("Shopify could not be read, retry later", { status: 503, headers: { "Retry-After": "10", "Content-Type": "text/plain; charset=utf-8" } });
      }
    }
    let after: (() => Promise<void>) | undefined;
    try {
      await retryTransient(() =>
        processWebhookOnce(db, event, async (tx) => {
          after = (await handle(ctx, tx, event, prepared)) ?? undefined;
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

function plain(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
}

function parseTriggeredAt(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
