import type { Beacon, BeaconEvent } from "@tactful/engine/beacon";
import { randomId } from "./memory";

/*
 * Impression / click / accept / decline events, in the same versioned beacon
 * the storefront sends, to the same app proxy endpoint on the shop's own
 * domain (decision record 0023). Checkout extensions run in a sandboxed
 * worker: this needs `network_access` (approved per app), the request is a
 * CORS "simple" POST (text/plain, no-cors) so no preflight is needed and the
 * answer is not read. Best effort: a lost event never affects the buyer.
 */

export type FetchLike = (url: string, init: { method: string; mode?: "no-cors"; keepalive?: boolean; headers: Record<string, string>; body: string }) => Promise<unknown>;

export function eventsUrl(domain: string | undefined): string | null {
  if (!domain) return null;
  const host = domain.replace(/^https?:\/\//, "").replace(/\/+$/, "");
  return host ? `https://${host}/apps/tactful/events` : null;
}

export function beacon(visitor: string, session: string, events: Omit<BeaconEvent, "id">[]): Beacon {
  return { v: 1, visitor, session, events: events.map((e) => ({ id: randomId(), ...e })) };
}

export async function sendEvents(fetchFn: FetchLike | undefined, url: string | null, body: Beacon): Promise<void> {
  if (!fetchFn || !url) return;
  try {
    await fetchFn(url, { method: "POST", mode: "no-cors", keepalive: true, headers: { "Content-Type": "text/plain" }, body: JSON.stringify(body) });
  } catch {
    // Offline, blocked or not approved for network access: analytics only.
  }
}
