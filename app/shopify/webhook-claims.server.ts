/**
 * What a webhook request claims beyond its signed body, checked against what
 * the body itself says (docs/decisions/0057).
 */

/** Shopify's payloads for our topics are far below this; anything larger is refused unread. */
export const WEBHOOK_MAX_BYTES = 1_048_576;

/** The library's storage form of a topic: "orders/create" → "ORDERS_CREATE". */
export function topicKey(topic: string): string {
  return topic.toUpperCase().replace(/[/.]/g, "_");
}

const MYSHOPIFY = /\.myshopify\.com$/i;

/** Where each topic's documented payload names the shop (shopify.dev webhook payloads). */
const SHOP_FIELD: Readonly<Record<string, string>> = {
  APP_UNINSTALLED: "myshopify_domain",
  SHOP_REDACT: "shop_domain",
  CUSTOMERS_REDACT: "shop_domain",
  CUSTOMERS_DATA_REQUEST: "shop_domain",
};

/**
 * Why the headers and the signed body disagree, or null when they agree:
 * - the topic header must be the route's own topic (a signed orders/create body
 *   replayed at /webhooks/app/uninstalled would otherwise sign the shop out);
 * - a shop the payload names (`shop_domain` on the privacy topics,
 *   `myshopify_domain` on app/uninstalled, `domain` when it is a myshopify
 *   domain) must be the shop header (a signed shop/redact for shop A, resent
 *   with shop B's header, would otherwise erase B).
 * A custom primary `domain` ("example.com") cannot be compared and is ignored.
 *
 * Topics whose payload always names the shop must name it: with the topic
 * header free to rewrite, a signed order body sent as "app/uninstalled" would
 * otherwise pass as an uninstall, since an order names no shop.
 */
export function webhookClaimMismatch(routeTopic: string, ctx: { topic: unknown; shop: string; payload: unknown }): string | null {
  if (String(ctx.topic) !== topicKey(routeTopic)) return `topic ${String(ctx.topic)} is not this route's (${routeTopic})`;
  const payload = ctx.payload;
  const named = payload !== null && typeof payload === "object" ? (payload as Record<string, unknown>) : {};
  const required = SHOP_FIELD[topicKey(routeTopic)];
  if (required && typeof named[required] !== "string") return `${routeTopic} payload lacks ${required}`;
  const claims = [named.shop_domain, named.myshopify_domain, MYSHOPIFY.test(String(named.domain ?? "")) ? named.domain : undefined];
  for (const claim of claims) {
    if (claim === undefined || claim === null) continue;
    if (typeof claim !== "string" || claim.toLowerCase() !== ctx.shop.toLowerCase()) {
      return `payload names shop ${String(claim)}, header says ${ctx.shop}`;
    }
  }
  return null;
}
