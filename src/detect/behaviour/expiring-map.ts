/**
 * A bounded map of per-key detector state with idle expiry, O(1) per access: entries are kept in recency order
 * (`LruMap`), so the least recently seen is always at the head; each access expires a few idle entries from the
 * head, and beyond `maxEntries` the least recent is evicted.
 */
import { LruMap } from './lru-map.js';

export interface Expiring {
  lastSeen: number;
}

export class ExpiringMap<V extends Expiring> {
  private readonly lru = new LruMap<V>();
  private evictedCount = 0;

  constructor(
    readonly maxEntries: number,
    readonly idleMs: number,
  ) {}

  get size(): number {
    return this.lru.size;
  }

  get evicted(): number {
    return this.evictedCount;
  }

  /** The entry, without touching it. */
  peek(key: string): V | undefined {
    return this.lru.peek(key);
  }

  /**
   * The live entry of `key` seen at `now` (made the most recent), or undefined when absent or expired — then
   * create one and `insert` it.
   */
  touch(key: string, now: number): V | undefined {
    this.housekeep(now, 2);
    const v = this.lru.get(key);
    if (v === undefined) return undefined;
    if (v.lastSeen < now - this.idleMs) {
      this.lru.delete(key);
      return undefined;
    }
    if (now > v.lastSeen) v.lastSeen = now;
    return v;
  }

  /** Adds a new entry (seen at `now`) as the most recent; evicts the least recent beyond the bound. */
  insert(key: string, v: V, now: number): V {
    v.lastSeen = now;
    this.lru.set(key, v);
    if (this.lru.size > this.maxEntries) {
      this.lru.shift();
      this.evictedCount++;
    }
    return v;
  }

  delete(key: string): void {
    this.lru.delete(key);
  }

  values(): IterableIterator<V> {
    return this.lru.values();
  }

  /** Drops every idle entry. */
  expire(now: number): void {
    this.housekeep(now, Number.POSITIVE_INFINITY);
  }

  private housekeep(now: number, budget: number): void {
    const limit = now - this.idleMs;
    for (let i = 0; i < budget; i++) {
      const v = this.lru.oldest();
      if (v === undefined || v.lastSeen >= limit) return;
      this.lru.shift();
    }
  }
}

/** `value` decayed exponentially with time constant `tauMs` from `at` to `now`. */
export function decayed(value: number, at: number, now: number, tauMs: number): number {
  if (value === 0 || now <= at) return value;
  return value * Math.exp((at - now) / tauMs);
}
