/**
 * Where partner pulls are counted against the limit: this process (RateLimiter), or Redis shared by every
 * instance (service/shared-state.ts). `take` returns 0 when allowed, else the whole seconds to wait.
 */
export interface PartnerLimits {
  take(partnerId: string, conditional: boolean, now: number): number | Promise<number>;
}

/**
 * Per-partner token buckets. A full download takes a token from the partner's bucket of `perMinute`; a
 * conditional request (one that can end in a cheap 304) draws on a bucket of its own, ten times larger, so a
 * partner that polls conditionally is throttled only after any partner that does not.
 */
export class RateLimiter implements PartnerLimits {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  /** Takes a token; returns 0 when allowed, else the whole seconds to wait for the next token. */
  take(partnerId: string, conditional: boolean, now: number): number {
    const key = `${conditional ? 'c' : 'u'}:${partnerId}`;
    const capacity = conditional ? this.perMinute * 10 : this.perMinute;
    const perMs = capacity / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }
}
