/**
 * Distinct members seen within a sliding time window, bounded: members in recency order (`LruMap`), expired
 * from the oldest end. O(1) amortised per operation.
 */
import { LruMap } from './lru-map.js';

export class WindowedSet {
  private readonly lru = new LruMap<number>();

  constructor(
    readonly windowMs: number,
    readonly maxMembers: number,
  ) {}

  add(member: string, now: number): void {
    this.lru.set(member, now);
    if (this.lru.size > this.maxMembers) this.lru.shift();
    this.expire(now);
  }

  /** Members seen within the window ending at `now`. */
  size(now: number): number {
    this.expire(now);
    return this.lru.size;
  }

  has(member: string): boolean {
    return this.lru.has(member);
  }

  /** Members from the least to the most recently seen. */
  members(): IterableIterator<string> {
    return this.lru.keys();
  }

  private expire(now: number): void {
    const limit = now - this.windowMs;
    for (;;) {
      const t = this.lru.oldest();
      if (t === undefined || t >= limit) return;
      this.lru.shift();
    }
  }
}
