import db from "../platform/db.server";
import { BEACON_MAX_BYTES, parseBeacon } from "./beacon.schema";
import { customerHash } from "./customer-hash.server";
import { DropCounter, EventWriter, WriterOverloadedError, eventRows } from "./ingest.server";
import { isInstalled, isSignedByAppProxy } from "./proxy-auth.server";
import { clientKey } from "./client-key.server";
import { shopOfferIds } from "./offer-ids.server";
import { beaconLimiter, clientEventBudget } from "./rate-limit.server";
import { readCapped } from "../platform/request-body.server";

/*
 * The storefront's analytics beacon, as the app proxy forwards it
 * (POST /proxy/events?shop=…&logged_in_customer_id=…&path_prefix=…&timestamp=…&signature=…).
 * Every outcome is a deliberate status: 204 stored, 400 with a reason,
 * 429 rate limited, 503 overloaded or database busy (Retry-After). Never a 500.
 * A valid beacon that is not stored is counted in IngestDrop with its reason,
 * so sent = stored + counted drops (docs/decisions/0047).
 */

/** Same tolerance Shopify's own validator applies; checked first so the reason is clear. */
export const REPLAY_WINDOW_S = 90;

export const eventWriter = new EventWriter(db);
export const dropCounter = new DropCounter(db);

/*
 * Admission (docs/decisions/0047): beacons past this many in progress are
 * refused before anything costly (the session read, the body, the insert),
 * so a flood is answered fast instead of queuing in the event loop. Their
 * shop is not verified yet, so they are counted under UNVERIFIED_SHOP,
 * requests only: a forged shop parameter must not create or inflate a
 * shop's counts.
 */
export const MAX_BEACONS_IN_PROGRESS = 128;
export const UNVERIFIED_SHOP = "";
let inProgress = 0;

export const beaconsInProgress = () => inProgress;

const text = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });

export async function receiveBeacon(request: Request, now = Date.now()): Promise<Response> {
  if (inProgress >= MAX_BEACONS_IN_PROGRESS && request.method === "POST") {
    dropCounter.count(UNVERIFIED_SHOP, "OVERLOADED", 0, now);
    return overloaded();
  }
  inProgress++;
  try {
    return await intake(request, now);
  } finally {
    inProgress--;
  }
}

const overloaded = () => text(503, "Analytics ingestion is overloaded, retry later", { "Retry-After": "5" });

async function intake(request: Request, now: number): Promise<Response> {
  // Set once the beacon is valid and about to be written, so a failure after that is counted.
  let writing: { shop: string; events: number } | undefined;
  try {
    if (request.method !== "POST") return text(405, "Beacons are sent with POST", { Allow: "POST" });
    const url = new URL(request.url);
    const timestamp = url.searchParams.get("timestamp");
    if (!url.searchParams.get("signature") || !timestamp) return text(400, "Request is not signed by the app proxy");
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > REPLAY_WINDOW_S)
      return text(400, `Request timestamp is outside the ${REPLAY_WINDOW_S} s replay window`);

    if (!(await isSignedByAppProxy(url))) return text(400, "Invalid app proxy signature");
    const shop = url.searchParams.get("shop") ?? "";

    const body = await readCapped(request, BEACON_MAX_BYTES);
    // The rest of the body is never read, so the connection cannot carry another request.
    if (body === null) return text(400, `Beacon is larger than ${BEACON_MAX_BYTES} bytes`, { Connection: "close" });
    if (body === undefined) return text(400, "Beacon body is not UTF-8 text");
    const parsed = parseBeacon(body);
    if (!parsed.ok) return text(400, parsed.message);
    const { beacon } = parsed;

    if (!beaconLimiter.take(`${shop}\u0000${beacon.visitor}`, now)) {
      dropCounter.count(shop, "RATE_LIMITED", beacon.events.length, now);
      return text(429, "Too many beacons from this visitor", { "Retry-After": "3" });
    }
    // A fresh visitor id per beacon does not reset this one: it counts events per client IP (decision 0059).
    if (!clientEventBudget.take(clientKey(shop, request), now, beacon.events.length)) {
      dropCounter.count(shop, "RATE_LIMITED", beacon.events.length, now);
      return text(429, "Too many events from this client", { "Retry-After": "5" });
    }
    // A shop without an offline session has uninstalled: its data is being
    // erased (shop/redact), so late beacons from a cached theme are not stored.
    if (!(await isInstalled(shop, now))) return new Response(null, { status: 204 });

    const ofShop = await shopOfferIds(db, shop, beacon.events.map((e) => e.offer), now);
    const rows = eventRows(shop, beacon, customerHash(shop, url.searchParams.get("logged_in_customer_id")), now).filter((r) => ofShop.has(r.offerId));
    // Offers that do not exist or are another shop's: acknowledged, counted, never stored.
    if (rows.length < beacon.events.length) dropCounter.count(shop, "UNKNOWN_OFFER", beacon.events.length - rows.length, now);
    writing = { shop, events: rows.length };
    await eventWriter.write(rows);
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof WriterOverloadedError) {
      // Shed fast and quietly: a log line per refused beacon would add to the overload.
      if (writing) dropCounter.count(writing.shop, "OVERLOADED", writing.events, now);
      return overloaded();
    }
    // The database is the only thing left that can fail (busy, locked, gone):
    // ask the sender to come back rather than lose the events silently.
    // Nothing of this beacon was stored (one statement per batch), so a resend is stored once.
    if (writing) dropCounter.count(writing.shop, "STORE_FAILED", writing.events, now);
    console.error("beacon ingestion failed", error instanceof Error ? error.message : error);
    return text(503, "Analytics storage is busy, retry later", { "Retry-After": "5" });
  }
}
