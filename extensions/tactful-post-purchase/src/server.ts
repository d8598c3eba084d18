import type { OneClickOffer } from "@tactful/engine/post-purchase";
import { APP_URL } from "./app-url";

/*
 * Calls to the app (decision 0077). Each carries Shopify's input token, the
 * server's only source of truth. A slow or failed call means no page (or no
 * change): the shopper must never wait on us between payment and the order
 * status page, so every call has a deadline.
 */

const DEADLINE_MS = 4000;

async function post<T>(path: string, body: object, fetchImpl: typeof fetch): Promise<T> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), DEADLINE_MS);
  try {
    const res = await fetchImpl(`${APP_URL}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), signal: abort.signal });
    const data = (await res.json().catch(() => ({}))) as T & { error?: string };
    if (!res.ok) throw new Error(data.error ?? `HTTP ${res.status}`);
    return data;
  } finally {
    clearTimeout(timer);
  }
}

/** The offer for this order, or null: on any error too (fail closed, no page). */
export async function fetchOffer(token: string, fetchImpl: typeof fetch = fetch): Promise<OneClickOffer | null> {
  try {
    return (await post<{ offer: OneClickOffer | null }>("/post-purchase/offer", { token }, fetchImpl)).offer;
  } catch {
    return null;
  }
}

export const signAccept = (token: string, pick: { offerId: string; variantId: string; quantity: number }, fetchImpl: typeof fetch = fetch) =>
  post<{ token: string }>("/post-purchase/accept", { token, ...pick }, fetchImpl).then((r) => r.token);

/** Best effort: the answer only feeds frequency and analytics, never the shopper's way out. */
export const reportAnswer = (token: string, answer: "ACCEPTED" | "DECLINED", fetchImpl: typeof fetch = fetch) =>
  post("/post-purchase/answer", { token, answer }, fetchImpl).catch(() => undefined);
