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

  /** Takes one token; false when the bucket is empty. */
  take(key: string, now: number): boolean {
    const { capacity, refillPerSecond, maxKeys } = this.opts;
    const b = this.buckets.get(key);
    let tokens = capacity;
    if (b) {
      tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * refillPerSecond);
      // Re-inserting moves the key to the end, so Map order is least recently used first.
      this.buckets.delete(key);
    }
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
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
