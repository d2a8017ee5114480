/**
 * A token bucket for request rates: `rate` tokens a second, at most `capacity` saved up. `reserve()` takes one
 * token and says how long to wait before using it; reservations queue fairly (the bucket may go negative), so
 * the long-run rate never exceeds `rate` however many callers there are. The clock is injected.
 */
export interface TokenBucket {
  /** Takes a token; resolves to the milliseconds to wait before the request may go (0 = now). */
  reserve(): number;
}

export function createTokenBucket(options: { rate: number; capacity?: number; now: () => number }): TokenBucket {
  const rate = options.rate;
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError('rate must be a positive number');
  const capacity = Math.max(1, options.capacity ?? 1);
  let tokens = capacity;
  let last = options.now();
  return {
    reserve() {
      const t = options.now();
      tokens = Math.min(capacity, tokens + ((t - last) / 1000) * rate);
      last = t;
      tokens -= 1;
      return tokens >= 0 ? 0 : Math.ceil((-tokens / rate) * 1000);
    },
  };
}
