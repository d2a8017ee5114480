/**
 * Actors marked for countermeasures (they touched a decoy or a honeytoken, or detection flagged them), by actor
 * key (`ip:…`, `sub:…`, `key:#…`). Bounded: past `maxActors` the oldest mark is forgotten; each mark expires after
 * its TTL. Survives configuration reloads (the runtime owns it). The clock is injected.
 */
export interface ActorMark {
  /** Why: `decoy GET /admin/backup`, `honeytoken`, `risk 72 (credential-stuffing)`. */
  readonly reason: string;
  readonly since: number;
  readonly until: number;
}

export class ActorMarks {
  private readonly marks = new Map<string, ActorMark>();
  private nonIp = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxActors: number,
  ) {}

  get size(): number {
    return this.marks.size;
  }

  /** True when a mark is held on a non-IP key (then requests need their credentials identified). */
  get hasPrincipals(): boolean {
    return this.nonIp > 0;
  }

  /** Marks `key` (renewing an existing mark); true when it was not marked before. */
  mark(key: string, reason: string, now: number): boolean {
    const old = this.marks.get(key);
    if (old) this.delete(key);
    while (this.marks.size >= this.maxActors) {
      const oldest = this.marks.keys().next().value as string;
      this.delete(oldest);
    }
    this.marks.set(key, { reason: old && old.until > now ? old.reason : reason, since: old && old.until > now ? old.since : now, until: now + this.ttlMs });
    if (!key.startsWith('ip:')) this.nonIp++;
    return !old || old.until <= now;
  }

  /** The live mark of `key`, if any (expired marks are removed when read). */
  get(key: string, now: number): ActorMark | undefined {
    const m = this.marks.get(key);
    if (m === undefined) return undefined;
    if (m.until <= now) {
      this.delete(key);
      return undefined;
    }
    return m;
  }

  private delete(key: string): void {
    if (this.marks.delete(key) && !key.startsWith('ip:')) this.nonIp--;
  }
}
