/**
 * Scraping and volumetric abuse against a per-endpoint baseline: each actor's request count on an endpoint
 * (decayed, time constant `tauMs`) is compared with the mean of the other actors active there; an actor far
 * above the population (and above an absolute floor) is reported — as scraping when it reads many different
 * targets (GET/HEAD, the target changes from request to request), as volumetric abuse otherwise. The same test
 * runs on each actor's total over all endpoints. Until an endpoint has `minActors` active actors, only the
 * absolute ceiling applies. Events without a source time are skipped (rates need a clock); static assets too.
 */
import type { BehaviourClass, Severity } from '../../core/index.js';
import { int, num, objectSchema, severity } from './check-config.js';
import { LruMap } from './lru-map.js';
import { pushBounded, type BehaviourDetector, type BehaviourEvent, type DetectionSink, type DetectorDefinition, type RequestRef } from './types.js';

export interface ScrapingConfig {
  /** Time constant of the rates (ms): counts are "about the last tauMs". */
  readonly tauMs: number;
  /** An actor's count on one endpoint must reach this… */
  readonly minRequests: number;
  /** …and this multiple of the other actors' mean there. */
  readonly factor: number;
  /** Active actors an endpoint needs before its mean is trusted. */
  readonly minActors: number;
  /** Count that is abuse whatever the population (small populations, single clients). */
  readonly absoluteRequests: number;
  /** The same three for an actor's total over every endpoint. */
  readonly totalMinRequests: number;
  readonly totalFactor: number;
  readonly totalAbsoluteRequests: number;
  /** Share of requests whose target differs from the previous one above which abuse is scraping. */
  readonly scrapingChangeRatio: number;
  /** Endpoints tracked per actor (the least recent is dropped beyond). */
  readonly maxEndpointsPerActor: number;
  readonly score: number;
  readonly severity: Severity;
}

interface RateState {
  count: number;
  changed: number;
  reads: number;
  at: number;
  lastTarget: string;
  reported: boolean;
  refs: RequestRef[];
}

/** Per-actor state (in the actor record's slot): its total, and its rate per endpoint. */
interface ActorRates {
  readonly total: RateState;
  readonly endpoints: LruMap<RateState>;
}

interface Population {
  total: number;
  actors: number;
  at: number;
}

const NAME = 'scraping';

export const scraping: DetectorDefinition<ScrapingConfig> = {
  name: NAME,
  classes: ['scraping', 'volumetric'],
  description: "an actor's request rate on an endpoint (or overall) far above the other actors' mean",
  defaults: {
    tauMs: 300_000,
    minRequests: 150,
    factor: 10,
    minActors: 20,
    absoluteRequests: 1_500,
    totalMinRequests: 600,
    totalFactor: 10,
    totalAbsoluteRequests: 6_000,
    scrapingChangeRatio: 0.5,
    maxEndpointsPerActor: 32,
    score: 30,
    severity: 'medium',
  },
  schema: objectSchema({
    tauMs: int(1_000),
    minRequests: int(1),
    factor: num(1),
    minActors: int(1),
    absoluteRequests: int(1),
    totalMinRequests: int(1),
    totalFactor: num(1),
    totalAbsoluteRequests: int(1),
    scrapingChangeRatio: num(0, 1),
    maxEndpointsPerActor: int(1),
    score: num(0, 100),
    severity,
  }),
  create: (config, ctx) => new ScrapingDetector(config, ctx.allocateSlot()),
};

function newRate(t: number): RateState {
  return { count: 0, changed: 0, reads: 0, at: t, lastTarget: '', reported: false, refs: [] };
}

class ScrapingDetector implements BehaviourDetector {
  readonly name = NAME;
  private readonly populations = new LruMap<Population>();
  private readonly overall: Population = { total: 0, actors: 0, at: 0 };

  constructor(
    private readonly c: ScrapingConfig,
    private readonly slot: number,
  ) {}

  size(): number {
    return this.populations.size;
  }

  observe(ev: BehaviourEvent, emit: DetectionSink): void {
    if (!ev.timed || ev.identity.principal === 'ip:unknown' || ev.asset) return;
    const t = ev.time;
    let pop = this.populations.get(ev.endpoint.key);
    if (!pop) {
      pop = { total: 0, actors: 0, at: t };
      this.populations.set(ev.endpoint.key, pop);
      if (this.populations.size > 20_000) this.populations.shift();
    }
    let mine = ev.principal.slots[this.slot] as ActorRates | undefined;
    if (mine === undefined) {
      mine = { total: newRate(t), endpoints: new LruMap() };
      ev.principal.slots[this.slot] = mine;
    }
    let st = mine.endpoints.get(ev.endpoint.key);
    if (st === undefined) {
      st = newRate(t);
      mine.endpoints.set(ev.endpoint.key, st);
      if (mine.endpoints.size > this.c.maxEndpointsPerActor) mine.endpoints.shift();
    }
    this.bump(st, pop, ev);
    if (!st.reported && st.count >= this.c.minRequests) {
      if (this.abusive(st.count, pop, this.c.factor, this.c.minActors, this.c.absoluteRequests)) {
        st.reported = true;
        this.emit(st, pop, ev, ev.endpoint.key, `on ${ev.endpoint.key}`, 'endpoint', this.c.factor, emit);
      }
    } else if (st.reported && st.count < this.c.minRequests / 2) st.reported = false;

    const total = mine.total;
    this.bump(total, this.overall, ev);
    if (!total.reported && total.count >= this.c.totalMinRequests) {
      if (this.abusive(total.count, this.overall, this.c.totalFactor, this.c.minActors, this.c.totalAbsoluteRequests)) {
        total.reported = true;
        this.emit(total, this.overall, ev, undefined, 'over the whole API', 'actor', this.c.totalFactor, emit);
      }
    } else if (total.reported && total.count < this.c.totalMinRequests / 2) total.reported = false;
  }

  private bump(st: RateState, pop: Population, ev: BehaviourEvent): void {
    const t = ev.time;
    const tau = this.c.tauMs;
    // one exponential per state and one per population (e^(-dt/tau) shared by the decayed counters)
    const k = t > st.at ? Math.exp((st.at - t) / tau) : 1;
    const before = st.count * k;
    const kp = t > pop.at ? Math.exp((pop.at - t) / tau) : 1;
    pop.total = pop.total * kp + 1;
    // an actor (re)joins the population when its own count had decayed below one request
    pop.actors = pop.actors * kp + (before < 1 ? 1 : 0);
    pop.at = t;
    st.count = before + 1;
    const target = ev.exchange.request.target;
    st.changed = st.changed * k + (target !== st.lastTarget ? 1 : 0);
    const m = ev.exchange.request.method;
    st.reads = st.reads * k + (m === 'GET' || m === 'HEAD' ? 1 : 0);
    st.at = t;
    st.lastTarget = target;
    pushBounded(st.refs, ev.ref, 5, 2);
  }

  private abusive(count: number, pop: Population, factor: number, minActors: number, absolute: number): boolean {
    if (count >= absolute) return true;
    if (pop.actors < minActors) return false;
    const othersMean = Math.max(0, pop.total - count) / Math.max(1, pop.actors - 1);
    return count >= factor * Math.max(othersMean, 1);
  }

  private emit(st: RateState, pop: Population, ev: BehaviourEvent, endpoint: string | undefined, where: string, variant: string, factor: number, emit: DetectionSink): void {
    const othersMean = Math.max(0, pop.total - st.count) / Math.max(1, pop.actors - 1);
    const changeRatio = st.changed / Math.max(1, st.count);
    const readRatio = st.reads / Math.max(1, st.count);
    const cls: BehaviourClass = readRatio >= 0.8 && changeRatio >= this.c.scrapingChangeRatio ? 'scraping' : 'volumetric';
    const minutes = Math.round(this.c.tauMs / 60_000);
    emit({
      rule: `behaviour.${NAME}.${variant}`,
      class: cls,
      severity: this.c.severity,
      actor: ev.identity.principal,
      score: this.c.score,
      message: `${cls === 'scraping' ? 'scraping' : 'volumetric abuse'} ${where}: ~${Math.round(st.count)} requests in ~${minutes} min, ${othersMean < 1 ? 'under 1' : `${(st.count / othersMean).toFixed(0)}×`} the mean of ${Math.round(pop.actors)} active actors (${othersMean.toFixed(1)})`,
      ...(endpoint ? { endpoint } : {}),
      requests: st.refs,
      counters: {
        requests: Math.round(st.count),
        populationMean: Math.round(othersMean * 10) / 10,
        activeActors: Math.round(pop.actors),
        factor,
        targetChangeRatio: Math.round(changeRatio * 100) / 100,
        readRatio: Math.round(readRatio * 100) / 100,
      },
      index: ev.index,
      time: ev.time,
    });
  }
}

