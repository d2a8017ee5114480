/**
 * The two rate-limit algorithms as pure state transitions (the clock is a parameter):
 * - token bucket: `burst` tokens, refilled continuously at `count` per `perMs`; smooth, allows bursts up to `burst`;
 * - sliding window (counter approximation): the previous fixed window's count weighted by how much of it still
 *   overlaps the sliding window, plus the current window's count; `count` requests per `perMs`, no bursts beyond.
 * Both keep two or three numbers per key.
 */
import type { RateLimitRule } from '../../config/gateway-config.js';

export interface LimiterState {
  /** Token bucket: tokens left; sliding window: count in the current window. */
  a: number;
  /** Token bucket: last refill time (ms); sliding window: start of the current window (ms). */
  b: number;
  /** Sliding window: count in the previous window. */
  c: number;
}

export interface TakeResult {
  readonly allowed: boolean;
  /** Requests still allowed right now (after this one). */
  readonly remaining: number;
  /** ms until the quota is fully restored (token bucket) or the window ends (sliding window). */
  readonly resetMs: number;
  /** ms until one request is allowed again (0 when allowed). */
  readonly retryAfterMs: number;
}

export interface Limiter {
  /** A fresh state for a key first seen at `now`. */
  create(now: number): LimiterState;
  /** Consumes one request from `s` (mutated in place). */
  take(s: LimiterState, now: number): TakeResult;
  /** True when the state is indistinguishable from a fresh one (the key can be forgotten). */
  isIdle(s: LimiterState, now: number): boolean;
  /** Quota and window (s) for `RateLimit-Policy`. */
  readonly quota: number;
  readonly windowSec: number;
}

export function createLimiter(rule: Pick<RateLimitRule, 'rate' | 'burst' | 'algorithm'>): Limiter {
  return rule.algorithm === 'sliding-window' ? slidingWindow(rule.rate.count, rule.rate.perMs) : tokenBucket(rule.burst, rule.rate.count / rule.rate.perMs);
}

function tokenBucket(capacity: number, perMs: number): Limiter {
  const windowSec = Math.max(1, Math.ceil(capacity / perMs / 1000));
  return {
    quota: capacity,
    windowSec,
    create: (now) => ({ a: capacity, b: now, c: 0 }),
    take(s, now) {
      const elapsed = now - s.b;
      if (elapsed > 0) {
        s.a = Math.min(capacity, s.a + elapsed * perMs);
        s.b = now;
      }
      if (s.a >= 1) {
        s.a -= 1;
        return { allowed: true, remaining: Math.floor(s.a), resetMs: (capacity - s.a) / perMs, retryAfterMs: 0 };
      }
      return { allowed: false, remaining: 0, resetMs: (capacity - s.a) / perMs, retryAfterMs: (1 - s.a) / perMs };
    },
    isIdle: (s, now) => s.a + (now - s.b) * perMs >= capacity,
  };
}

function slidingWindow(limit: number, windowMs: number): Limiter {
  const roll = (s: LimiterState, now: number) => {
    const start = now - (now % windowMs);
    if (s.b !== start) {
      s.c = s.b === start - windowMs ? s.a : 0;
      s.a = 0;
      s.b = start;
    }
    return start;
  };
  return {
    quota: limit,
    windowSec: Math.max(1, Math.ceil(windowMs / 1000)),
    create: (now) => ({ a: 0, b: now - (now % windowMs), c: 0 }),
    take(s, now) {
      const start = roll(s, now);
      const into = now - start;
      const weight = 1 - into / windowMs;
      const estimate = s.c * weight + s.a;
      const resetMs = windowMs - into;
      if (estimate + 1 <= limit) {
        s.a += 1;
        return { allowed: true, remaining: Math.max(0, Math.floor(limit - estimate - 1)), resetMs, retryAfterMs: 0 };
      }
      // when the previous window's weight will have decayed enough (within this window), else the next window
      let retryAfterMs = resetMs;
      if (s.c > 0 && s.a + 1 <= limit) {
        const x = windowMs * (1 - (limit - 1 - s.a) / s.c);
        retryAfterMs = Math.max(1, x - into);
      }
      return { allowed: false, remaining: 0, resetMs, retryAfterMs };
    },
    isIdle: (s, now) => now - s.b >= 2 * windowMs || (s.a === 0 && s.c === 0),
  };
}
