import { createHmac, hkdfSync } from "node:crypto";
import { env } from "../platform/env.server";

/*
 * A logged-in customer id is only ever stored as HMAC-SHA256(key, shop + ":" + id),
 * so customers/redact can find a customer's rows without us holding the id.
 * The shop is part of the message: the same person in two shops gets two
 * unrelated hashes. Key: TACTFUL_HASH_KEY, or when absent a key derived from
 * the app secret with HKDF (the secret itself never keys anything else here,
 * and rotating it changes the hashes, which only orphans old rows).
 */

let cachedKey: Buffer | undefined;

function hashKey(): Buffer {
  if (cachedKey) return cachedKey;
  const { TACTFUL_HASH_KEY, SHOPIFY_API_SECRET } = env();
  cachedKey = TACTFUL_HASH_KEY
    ? Buffer.from(TACTFUL_HASH_KEY, "utf8")
    : Buffer.from(hkdfSync("sha256", SHOPIFY_API_SECRET, "tactful", "customer-hash-v1", 32));
  return cachedKey;
}

/** Null for an absent/empty id (a guest), so guests never share a hash. */
export function customerHash(shop: string, customerId: string | number | null | undefined): string | null {
  if (customerId === null || customerId === undefined) return null;
  const id = String(customerId).trim();
  if (!id || !/^\d{1,20}$/.test(id)) return null;
  return createHmac("sha256", hashKey()).update(`${shop}:${id}`).digest("hex");
}

/** Replaces an order id in anonymised rows: stable (so a replayed webhook still dedupes) but not reversible. */
export function redactedOrderId(shop: string, orderId: string): string {
  return "redacted:" + createHmac("sha256", hashKey()).update(`order:${shop}:${orderId}`).digest("hex").slice(0, 32);
}
