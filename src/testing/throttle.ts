/**
 * Self-throttling: a request-rate cap (`--rate-limit N/s`, a token bucket) and the server's own word on when to
 * come back (`Retry-After`, RFC 9110 §10.2.3). The clock and the sleep are injected so tests do not wait.
 */
import { parseRatePerSecond } from '../core/index.js';

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

export interface Throttle {
  /** Resolves when the next request may start. */
  take(): Promise<void>;
}

/** A token bucket allowing `perSecond` requests a second with bursts of at most `burst` (default 1 s worth). */
export function createThrottle(perSecond: number | undefined, clock: Clock, burst?: number): Throttle {
  if (!perSecond || perSecond <= 0 || !Number.isFinite(perSecond)) return { take: async () => {} };
  const capacity = Math.max(1, burst ?? Math.ceil(perSecond));
  let tokens = capacity;
  let last = clock.now();
  let queue = Promise.resolve();
  const take = async (): Promise<void> => {
    const t = clock.now();
    tokens = Math.min(capacity, tokens + ((t - last) / 1000) * perSecond);
    last = t;
    if (tokens >= 1) {
      tokens -= 1;
      return;
    }
    const wait = ((1 - tokens) / perSecond) * 1000;
    await clock.sleep(wait);
    tokens = 0;
    last = clock.now();
  };
  return {
    // serialise waiters so concurrent callers queue in order instead of all sleeping the same time
    take: () => (queue = queue.then(take)),
  };
}

/**
 * Milliseconds a `Retry-After` value asks to wait: delay-seconds or an HTTP-date; undefined when absent or
 * unparseable. Never negative.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d{1,9}$/.test(v)) return Number(v) * 1000;
  if (/^\d{1,9}\.\d+$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - now);
}

/** Parses `--rate-limit` values: `10`, `10/s`, `600/m`, `2.5/s`. */
export const parseRate = parseRatePerSecond;
