import { createHmac, randomBytes } from "node:crypto";
import { env } from "../platform/env.server";

/*
 * Who sent a beacon, as far as the app can tell (decision 0059). Shopify's app
 * proxy adds `X-Forwarded-For: <client IP>` to every request it forwards; a
 * proxy appends, so the entry Shopify wrote is TACTFUL_PROXY_HOPS places from
 * the right (our own load balancers come after it), and anything to its left
 * is whatever the client sent. The IP is only ever held as a keyed hash
 * (a per-process random key), never stored or logged.
 */

const key = randomBytes(32);

/** The forwarded client IP, or "" when the request carries none (it did not come through the proxy as documented). */
export function forwardedClientIp(request: Request, hops = env().TACTFUL_PROXY_HOPS): string {
  const chain = (request.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[Math.max(0, chain.length - 1 - hops)] ?? "";
}

/** Budget key for a shop and client: a hash, so no raw IP sits in memory maps. */
export function clientKey(shop: string, request: Request): string {
  return createHmac("sha256", key).update(shop).update("\u0000").update(forwardedClientIp(request)).digest("base64url");
}
