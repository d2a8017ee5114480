/**
 * Enumeration and BOLA: an actor walking object ids — sequential ids (`/orders/1001`, `/1002`, `/1003`…), ids
 * that were never issued (mostly 404s), or objects handed to other principals (ids seen in responses to
 * someone else — the detector learns who was given which id from list and create responses) — and being
 * refused on many objects (401/403). State per actor and endpoint, bounded; ownership per resource, bounded;
 * a resource whose objects are public (fetched anonymously, or handed to many principals) is not checked for
 * BOLA.
 */
import type { Severity } from '../../core/index.js';
import { int, num, objectSchema, severity } from './check-config.js';
import { LruMap } from './lru-map.js';
import { responseIds } from './response-ids.js';
import { pushBounded, type BehaviourDetector, type BehaviourEvent, type DetectionSink, type DetectorDefinition, type RequestRef } from './types.js';

export interface EnumerationConfig {
  /** Consecutive ids stepping by at most `maxStep` that make a sequential walk. */
  readonly sequentialRun: number;
  readonly maxStep: number;
  /** 404/410 answers (and their share of the actor's requests there) that make a walk over never-issued ids. */
  readonly notFound: number;
  readonly notFoundRatio: number;
  /** 401/403 answers (and share) on distinct objects. */
  readonly forbidden: number;
  readonly forbiddenRatio: number;
  /** Distinct objects of other principals touched. */
  readonly foreignObjects: number;
  /** Response bodies larger than this are not read for ids. */
  readonly maxResponseBytes: number;
  /** Object endpoints tracked per actor (the least recent is dropped beyond). */
  readonly maxEndpointsPerActor: number;
  readonly maxOwners: number;
  readonly score: number;
  readonly bolaScore: number;
  readonly severity: Severity;
}

interface WalkState {
  requests: number;
  lastNum: number;
  run: number;
  maxRun: number;
  notFound: number;
  forbidden: number;
  readonly ids: Set<string>;
  distinct: number;
  readonly foreign: Set<string>;
  foreignOk: number;
  reported: number;
  refs: RequestRef[];
}

interface ResourceStats {
  objectRequests: number;
  anonymous: number;
  recorded: number;
  shared: number;
}

const NAME = 'enumeration';
const SHARED = '\u0000shared';
const BIT = { sequential: 1, notFound: 2, bola: 4, forbidden: 8 } as const;

export const enumeration: DetectorDefinition<EnumerationConfig> = {
  name: NAME,
  classes: ['enumeration', 'bola'],
  description: 'an actor walking sequential or never-issued object ids, or touching objects handed to other principals',
  defaults: {
    sequentialRun: 15,
    maxStep: 3,
    notFound: 20,
    notFoundRatio: 0.5,
    forbidden: 20,
    forbiddenRatio: 0.5,
    foreignObjects: 5,
    maxResponseBytes: 65_536,
    maxEndpointsPerActor: 16,
    maxOwners: 200_000,
    score: 40,
    bolaScore: 50,
    severity: 'high',
  },
  schema: objectSchema({
    sequentialRun: int(3),
    maxStep: int(1),
    notFound: int(2),
    notFoundRatio: num(0, 1),
    forbidden: int(2),
    forbiddenRatio: num(0, 1),
    foreignObjects: int(1),
    maxResponseBytes: int(0),
    maxEndpointsPerActor: int(1),
    maxOwners: int(100),
    score: num(0, 100),
    bolaScore: num(0, 100),
    severity,
  }),
  create: (config, ctx) => new EnumerationDetector(config, ctx.allocateSlot()),
};

function numericId(id: string): number {
  if (id.length === 0 || id.length > 15) return NaN;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return NaN;
  }
  return Number(id);
}

class EnumerationDetector implements BehaviourDetector {
  readonly name = NAME;
  private readonly owners = new LruMap<string>();
  private readonly resources = new LruMap<ResourceStats>();

  constructor(
    private readonly c: EnumerationConfig,
    /** Actor-record slot: the principal's walks, by endpoint key (`LruMap<WalkState>`). */
    private readonly slot: number,
  ) {}

  size(): number {
    return this.owners.size + this.resources.size;
  }

  observe(ev: BehaviourEvent, emit: DetectionSink): void {
    const e = ev.endpoint;
    if (e.template === '/' || !ev.api) return;
    const authenticated = ev.identity.principalKind !== 'ip';
    const last = e.template.lastIndexOf('/');
    const endsWithParam = e.template.charCodeAt(e.template.length - 1) === 125; // '}'
    // learn ownership from collection and create responses to an authenticated principal
    if (authenticated && !endsWithParam && ev.status >= 200 && ev.status < 300 && this.c.maxResponseBytes > 0) {
      const resource = e.template.slice(last + 1);
      if (resource && resource.indexOf('{') === -1) this.learnOwners(`${e.host} ${resource}`, ev);
    }
    if (e.resource === undefined || ev.identity.principal === 'ip:unknown') return;
    const id = e.ids[e.ids.length - 1];
    if (id === undefined) return;
    const resourceKey = `${e.host} ${e.resource}`;
    const stats = this.resourceStats(resourceKey);
    stats.objectRequests++;
    if (!authenticated) stats.anonymous++;

    let walks = ev.principal.slots[this.slot] as LruMap<WalkState> | undefined;
    if (walks === undefined) {
      walks = new LruMap();
      ev.principal.slots[this.slot] = walks;
    }
    let w = walks.get(e.key);
    if (w === undefined) {
      w = { requests: 0, lastNum: NaN, run: 1, maxRun: 1, notFound: 0, forbidden: 0, ids: new Set(), distinct: 0, foreign: new Set(), foreignOk: 0, reported: 0, refs: [] };
      walks.set(e.key, w);
      if (walks.size > this.c.maxEndpointsPerActor) walks.shift();
    }
    w.requests++;
    let fresh = false;
    if (!w.ids.has(id)) {
      fresh = true;
      w.distinct++;
      if (w.ids.size < 256) w.ids.add(id);
    }
    const n = numericId(id);
    if (!Number.isNaN(n) && !Number.isNaN(w.lastNum)) {
      const d = Math.abs(n - w.lastNum);
      if (d !== 0) {
        w.run = d <= this.c.maxStep ? w.run + 1 : 1;
        if (w.run > w.maxRun) w.maxRun = w.run;
      }
    }
    if (!Number.isNaN(n)) w.lastNum = n;
    if (ev.status === 404 || ev.status === 410) w.notFound++;
    else if (ev.status === 401 || ev.status === 403) w.forbidden++;
    if (authenticated && fresh && !this.isPublic(stats)) {
      const owner = this.owners.peek(`${resourceKey}\u0000${id}`);
      if (owner !== undefined && owner !== SHARED && owner !== ev.identity.principal && w.foreign.size < 64) {
        w.foreign.add(id);
        if (ev.status >= 200 && ev.status < 300) w.foreignOk++;
      }
    }
    pushBounded(w.refs, ev.ref, 6, 2);
    this.check(w, ev, emit);
  }

  private check(w: WalkState, ev: BehaviourEvent, emit: DetectionSink): void {
    const c = this.c;
    const e = ev.endpoint;
    if (!(w.reported & BIT.sequential) && w.maxRun >= c.sequentialRun && w.distinct >= c.sequentialRun) {
      this.report(w, ev, emit, BIT.sequential, 'sequential', 'enumeration', c.score, `sequential id walk on ${e.key}: ${w.maxRun} consecutive ids (${w.distinct} distinct in ${w.requests} requests)`, 'threshold.sequentialRun', c.sequentialRun);
    }
    if (!(w.reported & BIT.notFound) && w.notFound >= c.notFound && w.notFound >= c.notFoundRatio * w.requests && w.distinct >= c.notFound) {
      this.report(w, ev, emit, BIT.notFound, 'not-found', 'enumeration', c.score, `walk over never-issued ids on ${e.key}: ${w.notFound} of ${w.requests} requests answered 404`, 'threshold.notFound', c.notFound);
    }
    if (!(w.reported & BIT.bola) && w.foreign.size >= c.foreignObjects) {
      this.report(w, ev, emit, BIT.bola, 'bola', 'bola', c.bolaScore, `objects of other principals on ${e.key}: ${w.foreign.size} ids handed to someone else were requested (${w.foreignOk} answered 2xx)`, 'threshold.foreignObjects', c.foreignObjects);
    }
    if (!(w.reported & BIT.forbidden) && w.forbidden >= c.forbidden && w.forbidden >= c.forbiddenRatio * w.requests && w.distinct >= c.forbidden) {
      this.report(w, ev, emit, BIT.forbidden, 'forbidden', 'bola', c.score, `access refused on many objects of ${e.key}: ${w.forbidden} of ${w.requests} requests answered 401/403`, 'threshold.forbidden', c.forbidden);
    }
  }

  private report(w: WalkState, ev: BehaviourEvent, emit: DetectionSink, bit: number, rule: string, cls: 'enumeration' | 'bola', score: number, message: string, thresholdName: string, threshold: number): void {
    w.reported |= bit;
    emit({
      rule: `behaviour.${NAME}.${rule}`,
      class: cls,
      severity: this.c.severity,
      actor: ev.identity.principal,
      score,
      message,
      endpoint: ev.endpoint.key,
      requests: [...w.refs],
      counters: { requests: w.requests, distinctIds: w.distinct, sequentialRun: w.maxRun, notFound: w.notFound, forbidden: w.forbidden, foreignObjects: w.foreign.size, foreignAnswered: w.foreignOk, [thresholdName]: threshold },
      index: ev.index,
      time: ev.time,
    });
  }

  private resourceStats(key: string): ResourceStats {
    let s = this.resources.get(key);
    if (!s) {
      s = { objectRequests: 0, anonymous: 0, recorded: 0, shared: 0 };
      this.resources.set(key, s);
      if (this.resources.size > 10_000) this.resources.shift();
    }
    return s;
  }

  /** Objects are public when fetched anonymously or handed to many principals. */
  private isPublic(s: ResourceStats): boolean {
    if (s.objectRequests >= 20 && s.anonymous >= 0.2 * s.objectRequests) return true;
    return s.recorded >= 20 && s.shared >= 0.3 * s.recorded;
  }

  private learnOwners(resourceKey: string, ev: BehaviourEvent): void {
    const ids = responseIds(ev.exchange, this.c.maxResponseBytes);
    if (ids.length === 0) return;
    const stats = this.resourceStats(resourceKey);
    const me = ev.identity.principal;
    for (const id of ids) {
      const k = `${resourceKey}\u0000${id}`;
      const owner = this.owners.peek(k);
      if (owner === undefined) {
        this.owners.set(k, me);
        if (this.owners.size > this.c.maxOwners) this.owners.shift();
        stats.recorded++;
      } else if (owner !== me && owner !== SHARED) {
        this.owners.set(k, SHARED);
        stats.shared++;
      }
    }
  }
}
