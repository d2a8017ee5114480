/**
 * A bounded map of rate-limit states. Memory is capped at `maxKeys` entries: inserting into a full store first
 * forgets idle keys from the oldest end (their state equals a fresh one, so nothing changes for them), then, if
 * still full, the oldest key (whose client then starts afresh — the lenient choice, counted as an eviction).
 * No timers: cleanup happens on insert, a few entries at a time.
 */
import type { Limiter, LimiterState } from './limiter.js';

export interface KeyStore {
  get(key: string, now: number): LimiterState;
  readonly size: number;
  /** Keys dropped while still holding state (store full). */
  readonly evictions: number;
}

const SWEEP = 32;

export function createKeyStore(limiter: Limiter, maxKeys: number): KeyStore {
  const map = new Map<string, LimiterState>();
  let evictions = 0;
  return {
    get(key, now) {
      let s = map.get(key);
      if (s !== undefined) return s;
      if (map.size >= maxKeys) {
        let looked = 0;
        for (const [k, v] of map) {
          if (looked++ >= SWEEP) break;
          if (limiter.isIdle(v, now)) map.delete(k);
        }
        if (map.size >= maxKeys) {
          map.delete(map.keys().next().value as string);
          evictions++;
        }
      }
      s = limiter.create(now);
      map.set(key, s);
      return s;
    },
    get size() {
      return map.size;
    },
    get evictions() {
      return evictions;
    },
  };
}
