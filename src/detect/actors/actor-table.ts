/**
 * The actor table: bounded, O(1) per event. Records live in one `Map` kept in queue order (the time a record
 * was last placed at the tail); touching a record only updates its `lastSeen`, and a record reaching the head
 * that was touched since it was queued goes back to the tail ("second chance"), so per-event work is one map
 * lookup plus a bounded amount of housekeeping. Idle records expire (unless their decayed risk is still above a
 * floor); beyond `maxActors` the least recently queued are evicted. Risk decays with a half-life.
 */
import { RampartError, type ActorKind, type ActorView, type TimelineEntry } from '../../core/index.js';
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
  /** Time the record was last put at the queue's tail. */
  queuedAt: number;
  requests: number;
  /** Requests that were API calls (not page loads or static assets). */
  apiRequests: number;
  attacks: number;
  detections: number;
  risk: number;
  riskAt: number;
  peakRisk: number;
  classes: string[];
  userAgent?: string;
  fingerprint?: string;
  ips?: string[];
  timeline: TimelineEntry[];
}

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
  private readonly records = new Map<string, ActorRecord>();
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
    return this.records.get(key);
  }

  /** The record of `key` seen at `now` (created when absent); runs a bounded amount of expiry. */
  touch(key: string, now: number): ActorRecord {
    let r = this.records.get(key);
    if (r === undefined) {
      this.housekeep(now, 4);
      r = {
        key,
        kind: actorKind(key),
        firstSeen: now,
        lastSeen: now,
        queuedAt: now,
        requests: 0,
        apiRequests: 0,
        attacks: 0,
        detections: 0,
        risk: 0,
        riskAt: now,
        peakRisk: 0,
        classes: [],
        timeline: [],
      };
      this.records.set(key, r);
      if (this.records.size > this.maxActors) this.evict(now);
    } else {
      if (now > r.lastSeen) r.lastSeen = now;
      this.housekeep(now, 1);
    }
    return r;
  }

  /** Current (decayed) risk of an actor; 0 when unknown. */
  riskOf(key: string, now: number): number {
    const r = this.records.get(key);
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
    if (!r.classes.includes(cls)) {
      r.classes.push(cls);
      r.classes.sort();
    }
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
    this.housekeep(now, Number.POSITIVE_INFINITY);
  }

  /**
   * Looks at up to `budget` records at the head of the queue: an idle record expires (unless still risky), a
   * record touched since it was queued goes back to the tail; stops at the first record that is neither.
   */
  private housekeep(now: number, budget: number): void {
    const limit = now - this.idleMs;
    for (let steps = 0; steps < budget; steps++) {
      const first = this.records.values().next();
      if (first.done) return;
      const r = first.value;
      if (r.lastSeen > r.queuedAt) {
        if (r.lastSeen < limit && !this.risky(r, now)) {
          this.drop(r);
          this.expiredCount++;
        } else this.requeue(r, now);
        continue;
      }
      if (r.lastSeen >= limit) return; // the oldest queued record is not idle: nothing else is
      if (this.risky(r, now)) this.requeue(r, now);
      else {
        this.drop(r);
        this.expiredCount++;
      }
    }
  }

  private risky(r: ActorRecord, now: number): boolean {
    return r.risk > 0 && decayRisk(r.risk, r.riskAt, now, this.halfLifeMs) >= this.keepRiskAbove;
  }

  private requeue(r: ActorRecord, now: number): void {
    this.records.delete(r.key);
    r.queuedAt = Math.max(now, r.lastSeen);
    this.records.set(r.key, r);
  }

  private drop(r: ActorRecord): void {
    this.records.delete(r.key);
  }

  /** Over the bound: give recently touched head records a second chance (a few), then drop the head. */
  private evict(now: number): void {
    for (let steps = 0; steps < 8 && this.records.size > this.maxActors; steps++) {
      const first = this.records.values().next();
      if (first.done) return;
      const r = first.value;
      if (r.lastSeen > r.queuedAt && steps < 7) {
        this.requeue(r, now);
        continue;
      }
      this.drop(r);
      this.evictedCount++;
    }
  }
}
