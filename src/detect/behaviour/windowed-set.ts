/**
 * Distinct members seen within a sliding time window, bounded: a `Map` member -> last time, kept in time order
 * (a member seen again moves to the tail), expired from the head. O(1) amortised per operation.
 */
export class WindowedSet {
  private readonly map = new Map<string, number>();

  constructor(
    readonly windowMs: number,
    readonly maxMembers: number,
  ) {}

  add(member: string, now: number): void {
    if (this.map.has(member)) this.map.delete(member);
    this.map.set(member, now);
    if (this.map.size > this.maxMembers) {
      const first = this.map.keys().next();
      if (!first.done) this.map.delete(first.value);
    }
    this.expire(now);
  }

  /** Members seen within the window ending at `now`. */
  size(now: number): number {
    this.expire(now);
    return this.map.size;
  }

  has(member: string): boolean {
    return this.map.has(member);
  }

  /** Members in time order (oldest first). */
  members(): IterableIterator<string> {
    return this.map.keys();
  }

  private expire(now: number): void {
    const limit = now - this.windowMs;
    for (;;) {
      const first = this.map.entries().next();
      if (first.done || first.value[1] >= limit) return;
      this.map.delete(first.value[0]);
    }
  }
}
