/**
 * The actor table: bounded, O(1) per event. Records are kept in recency order (`LruMap`, an intrusive linked
 * list beside a `Map`), so the least recently seen is always at the head: every touch moves a record to the
 * tail and expires a few idle records from the head (unless their decayed risk is still above a floor — a
 * blocked actor is not forgotten while it is risky); beyond `maxActors` the least recently seen are evicted.
 * Risk decays with a half-life.
 */
import { RampartError, type ActorKind, type ActorView, type TimelineEntry } from '../../core/index.js';
import { LruMap } from '../behaviour/lru-map.js';
import { actorKind } from './identify-actor.js';
import { addRisk, decayRisk } from './risk.js';

export interface ActorTableOptions {
  /** Most actors kept (default 200,000). */
  readonly maxActors?: number;
  /** An actor not seen for this long expires (default 30 minutes)… */
  readonly idleMs?: number;
  /** …unless its decayed risk is at least this (default 1). */
  readonly keepRiskAbove?: number;
  /** Risk half-life (default 30 minutes). */
  readonly halfLifeMs?: number;
  /** Timeline entries kept per actor in memory (default 20). */
  readonly timelineLimit?: number;
}

/** One actor's mutable record (owned by the table; read through `view`). */
export interface ActorRecord {
  readonly key: string;
  readonly kind: ActorKind;
  firstSeen: number;
  lastSeen: number;
  requests: number;
  /** Requests that were API calls (not page loads or static assets). */
  apiRequests: number;
  attacks: number;
  detections: number;
  risk: number;
  riskAt: number;
  peakRisk: number;
  /** Classes of its detections, sorted (a shared empty array until the first). */
  classes: string[];
  userAgent?: string;
  fingerprint?: string;
  ips?: string[];
  /** Latest timeline entries (a shared empty array until the first). */
  timeline: TimelineEntry[];
  /** Its latest requests (at most `RECENT`), shared evidence for the detectors. */
  recent: RequestRefLike[];
  /**
   * Per-actor state of the behaviour detectors, one slot each (see `DetectorContext.allocateSlot`): it lives and
   * expires with the actor, so per-actor detectors need no map lookup of their own.
   */
  slots: unknown[];
}

/** A request kept as evidence (`RequestRef` of the behaviour detectors). */
export interface RequestRefLike {
  readonly index: number;
  readonly time: number;
  readonly method: string;
  readonly target: string;
  readonly status: number;
  readonly ip?: string;
}

/** Requests kept per actor in `recent`. */
export const RECENT = 4;

const EMPTY: never[] = Object.freeze([]) as unknown as never[];

export interface ActorTableStats {
  readonly size: number;
  readonly expired: number;
  readonly evicted: number;
}

const DEFAULTS = { maxActors: 200_000, idleMs: 30 * 60_000, keepRiskAbove: 1, halfLifeMs: 30 * 60_000, timelineLimit: 20 };

function positive(v: unknown, key: string, fallback: number, integer = false): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new RampartError('E_CONFIG_INVALID', `${key} must be a positive ${integer ? 'integer' : 'number'}`, { location: `actors.${key}` });
  }
  return v;
}

/** The bounded actor table. */
export class ActorTable {
  readonly maxActors: number;
  readonly idleMs: number;
  readonly halfLifeMs: number;
  readonly keepRiskAbove: number;
  readonly timelineLimit: number;
  private readonly records = new LruMap<ActorRecord>();
  /** Slots each record holds for the detectors' per-actor state (set once, before the first touch). */
  slotCount = 0;
  private expiredCount = 0;
  private evictedCount = 0;

  constructor(options: ActorTableOptions = {}) {
    this.maxActors = positive(options.maxActors, 'maxActors', DEFAULTS.maxActors, true);
    this.idleMs = positive(options.idleMs, 'idleMs', DEFAULTS.idleMs);
    this.halfLifeMs = positive(options.halfLifeMs, 'halfLifeMs', DEFAULTS.halfLifeMs);
    this.keepRiskAbove = options.keepRiskAbove === undefined ? DEFAULTS.keepRiskAbove : positive(options.keepRiskAbove, 'keepRiskAbove', DEFAULTS.keepRiskAbove);
    this.timelineLimit = positive(options.timelineLimit, 'timelineLimit', DEFAULTS.timelineLimit, true);
  }

  get size(): number {
    return this.records.size;
  }

  stats(): ActorTableStats {
    return { size: this.records.size, expired: this.expiredCount, evicted: this.evictedCount };
  }

  /** The record of `key`, without touching it. */
  get(key: string): ActorRecord | undefined {
    return this.records.peek(key);
  }

  /** The record of `key` seen at `now` (created when absent); runs a bounded amount of expiry. */
  touch(key: string, now: number): ActorRecord {
    this.housekeep(now, 2);
    let r = this.records.get(key);
    if (r === undefined) {
      r = {
        key,
        kind: actorKind(key),
        firstSeen: now,
        lastSeen: now,
        requests: 0,
        apiRequests: 0,
        attacks: 0,
        detections: 0,
        risk: 0,
        riskAt: now,
        peakRisk: 0,
        classes: EMPTY,
        timeline: EMPTY,
        recent: [],
        slots: new Array<unknown>(this.slotCount),
      };
      this.records.set(key, r);
      if (this.records.size > this.maxActors) {
        this.records.shift();
        this.evictedCount++;
      }
    } else if (now > r.lastSeen) r.lastSeen = now;
    return r;
  }

  /** Current (decayed) risk of an actor; 0 when unknown. */
  riskOf(key: string, now: number): number {
    const r = this.records.peek(key);
    return r === undefined ? 0 : decayRisk(r.risk, r.riskAt, now, this.halfLifeMs);
  }

  /** Adds risk points to a record at `now`; returns the new risk. */
  addRisk(r: ActorRecord, points: number, now: number): number {
    const at = Math.max(now, r.riskAt);
    r.risk = addRisk(r.risk, r.riskAt, at, points, this.halfLifeMs);
    r.riskAt = at;
    if (r.risk > r.peakRisk) r.peakRisk = r.risk;
    return r.risk;
  }

  /** Records a class and a timeline entry on an actor (bounded). */
  note(r: ActorRecord, cls: string, entry: TimelineEntry): void {
    if (!r.classes.includes(cls)) r.classes = [...r.classes, cls].sort();
    if ((r.timeline as unknown) === EMPTY) r.timeline = [];
    r.timeline.push(entry);
    if (r.timeline.length > this.timelineLimit) r.timeline.shift();
  }

  /** The public view of a record at `now`. */
  view(r: ActorRecord, now: number): ActorView {
    const risk = decayRisk(r.risk, r.riskAt, now, this.halfLifeMs);
    return {
      key: r.key,
      kind: r.kind,
      firstSeen: r.firstSeen,
      lastSeen: r.lastSeen,
      requests: r.requests,
      attacks: r.attacks,
      detections: r.detections,
      risk: Math.round(risk * 10) / 10,
      riskAt: Math.max(now, r.riskAt),
      peakRisk: Math.round(r.peakRisk * 10) / 10,
      classes: [...r.classes],
      ...(r.userAgent === undefined ? {} : { userAgent: r.userAgent }),
      ...(r.fingerprint === undefined ? {} : { fingerprint: r.fingerprint }),
      ...(r.ips === undefined ? {} : { ips: [...r.ips] }),
    };
  }

  values(): IterableIterator<ActorRecord> {
    return this.records.values();
  }

  /** Expires every idle record now (also done a little on every touch). */
  expire(now: number): void {
    // each record is looked at most once (risky ones go round to the tail)
    this.housekeep(now, this.records.size);
  }

  /**
   * Looks at up to `budget` records at the head (the least recently seen): an idle record expires, or — while
   * its decayed risk is above the floor — goes back to the tail; stops at the first record that is not idle.
   */
  private housekeep(now: number, budget: number): void {
    const limit = now - this.idleMs;
    for (let steps = 0; steps < budget; steps++) {
      const r = this.records.oldest();
      if (r === undefined || r.lastSeen >= limit) return;
      if (r.risk > 0 && decayRisk(r.risk, r.riskAt, now, this.halfLifeMs) >= this.keepRiskAbove) {
        this.records.get(r.key); // kept while risky: to the tail
        continue;
      }
      this.records.shift();
      this.expiredCount++;
    }
  }
}
