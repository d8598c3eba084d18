/*
 * Token bucket per shop + visitor, in memory. A storefront sends about one
 * beacon per page view (on pagehide), so a burst of 20 and one beacon every
 * 3 s sustained is generous for people and tight for scripts. One app
 * instance only: with several instances each keeps its own buckets, so the
 * effective limit is N times higher; the multi-instance path is a shared
 * counter (Redis INCR with expiry, or a Postgres upsert per minute window),
 * see docs/decisions on ingestion.
 */

export interface TokenBucketOptions {
  capacity: number;
  refillPerSecond: number;
  /** Keys kept at most; the least recently used are forgotten first (they would be full anyway). */
  maxKeys: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly opts: TokenBucketOptions) {}

  /** Takes `cost` tokens; false (and nothing taken) when the bucket holds fewer. */
  take(key: string, now: number, cost = 1): boolean {
    const { capacity, refillPerSecond, maxKeys } = this.opts;
    const b = this.buckets.get(key);
    let tokens = capacity;
    if (b) {
      tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * refillPerSecond);
      // Re-inserting moves the key to the end, so Map order is least recently used first.
      this.buckets.delete(key);
    }
    const allowed = tokens >= cost;
    this.buckets.set(key, { tokens: allowed ? tokens - cost : tokens, at: now });
    if (this.buckets.size > maxKeys) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    return allowed;
  }

  reset(): void {
    this.buckets.clear();
  }
}

export const beaconLimiter = new TokenBuckets({ capacity: 20, refillPerSecond: 1 / 3, maxKeys: 100_000 });

/*
 * Events per shop + client (decision 0059). The visitor id is the client's
 * choice, so the bucket above bounds an honest storefront, not a script that
 * mints a fresh id per beacon. This one is keyed on the client IP Shopify's app
 * proxy forwards (X-Forwarded-For), hashed, and counts events, not beacons:
 * a burst of 60 (more than a beacon can carry) and one event every 5 s
 * sustained (720 an hour), far above what one shopper's page views send.
 * Limits: shoppers behind one IP (office NAT, carrier-grade NAT) share it, and
 * each instance keeps its own buckets (N instances allow N times as much).
 */
export const CLIENT_EVENT_BURST = 60;
export const CLIENT_EVENTS_PER_SECOND = 1 / 5;
export const clientEventBudget = new TokenBuckets({ capacity: CLIENT_EVENT_BURST, refillPerSecond: CLIENT_EVENTS_PER_SECOND, maxKeys: 100_000 });
