/**
 * A bounded map of per-key detector state with idle expiry, O(1) amortised per access: the same "second
 * chance" queue as the actor table (see `actor-table.ts`). Values carry `lastSeen` (set by `touch`) and
 * `queuedAt` (owned by the map).
 */

export interface Expiring {
  lastSeen: number;
  queuedAt: number;
}

export class ExpiringMap<V extends Expiring> {
  private readonly map = new Map<string, V>();
  private evictedCount = 0;

  constructor(
    readonly maxEntries: number,
    readonly idleMs: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get evicted(): number {
    return this.evictedCount;
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  /** The entry of `key` seen at `now`, created by `create` when absent (or expired). */
  touch(key: string, now: number, create: (now: number) => V): V {
    let v = this.map.get(key);
    if (v === undefined || v.lastSeen < now - this.idleMs) {
      if (v !== undefined) this.map.delete(key);
      this.housekeep(now, 3);
      v = create(now);
      v.lastSeen = now;
      v.queuedAt = now;
      this.map.set(key, v);
      if (this.map.size > this.maxEntries) this.evict(now);
    } else {
      if (now > v.lastSeen) v.lastSeen = now;
      this.housekeep(now, 1);
    }
    return v;
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  values(): IterableIterator<V> {
    return this.map.values();
  }

  entries(): IterableIterator<[string, V]> {
    return this.map.entries();
  }

  /** Drops every idle entry. */
  expire(now: number): void {
    this.housekeep(now, Number.POSITIVE_INFINITY);
  }

  private housekeep(now: number, budget: number): void {
    const limit = now - this.idleMs;
    for (let steps = 0; steps < budget; steps++) {
      const first = this.map.entries().next();
      if (first.done) return;
      const [key, v] = first.value;
      if (v.lastSeen < limit) {
        this.map.delete(key);
        continue;
      }
      if (v.lastSeen > v.queuedAt) {
        this.map.delete(key);
        v.queuedAt = v.lastSeen;
        this.map.set(key, v);
        continue;
      }
      return;
    }
  }

  private evict(now: number): void {
    for (let steps = 0; steps < 8 && this.map.size > this.maxEntries; steps++) {
      const first = this.map.entries().next();
      if (first.done) return;
      const [key, v] = first.value;
      if (v.lastSeen > v.queuedAt && v.lastSeen >= now - this.idleMs && steps < 7) {
        this.map.delete(key);
        v.queuedAt = v.lastSeen;
        this.map.set(key, v);
        continue;
      }
      this.map.delete(key);
      this.evictedCount++;
    }
  }
}

/** `value` decayed exponentially with time constant `tauMs` from `at` to `now`. */
export function decayed(value: number, at: number, now: number, tauMs: number): number {
  if (value === 0 || now <= at) return value;
  return value * Math.exp((at - now) / tauMs);
}
