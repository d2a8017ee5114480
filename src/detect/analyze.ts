/**
 * The detection stage: signatures and behaviour per actor, over a stream of exchanges, offline (files) or
 * inline (the gateway, through its tap). Per exchange: identify the actor (IP, subnet, credentials, client
 * fingerprint) and touch its records; find the endpoint (inventory template) and its learned roles; run the
 * signature engine; hand one `BehaviourEvent` to every behaviour detector; turn their drafts into
 * `Detection`s (stable id, redacted evidence) and add their risk points to the actors (decaying, with a share
 * to the IP's subnet). Everything is bounded: the actor table, each detector's state, the pending detections.
 * The clock is the exchange's time, or the injected `now()` when the source has none.
 *
 * @example
 * const detector = createDetector({ signatures: { paranoia: 2 } });
 * for await (const ev of source.events) if (ev.kind === 'exchange') {
 *   const v = detector.analyze(ev.exchange);
 *   if (v.attack) console.log(v.index, v.classes, v.rules);
 * }
 * const detections = detector.finish();
 */
import { createHash } from 'node:crypto';
import {
  RampartError,
  type ActorView,
  type Detection,
  type Endpoint,
  type Exchange,
  type TimelineEntry,
} from '../core/index.js';
import { isApiExchange } from '../inventory/inventory-learner.js';
import { redactTarget } from '../inventory/redact.js';
import { ActorIdentifier, ActorTable, RECENT, subnetOf, type ActorIdentity, type ActorRecord } from './actors/index.js';
import {
  BEHAVIOUR_DETECTORS,
  EndpointTemplater,
  describeTemplate,
  isAssetPath,
  pushBounded,
  type TemplateEntry,
  RoleBook,
  accountRef,
  failureStatuses,
  hasRole,
  ROLE_BIT,
  type BehaviourDetector,
  type BehaviourEvent,
  type DetectionDraft,
  type EndpointInfo,
  type EndpointResolver,
  type Outcome,
  type RequestRef,
} from './behaviour/index.js';
import { checkDetectionConfig, type DetectionConfig, type HeaderChecks } from './detection-config.js';
import { createSignatureEngine, type EndpointRef, type SignatureEngine, type SignatureEngineOptions, type SignatureResult } from './signatures/index.js';

export interface DetectorOptions extends DetectionConfig {
  /** Signature engine options, or `false` to run behaviour detection only (e.g. when the gateway runs its own). */
  readonly signatures?: SignatureEngineOptions | false;
  /** `false` runs signatures only. */
  readonly behaviour?: boolean;
  /** Clock for exchanges without a time (default `Date.now`). */
  readonly now?: () => number;
  /** Key for hashing credentials and accounts (default: random per detector; the store keeps one per database). */
  readonly secretKey?: string;
  /** Endpoint keys from the inventory's learner (`learner.resolve`) instead of per-request `templatePath`. */
  readonly resolveEndpoint?: EndpointResolver;
  /** Inventory endpoints whose roles (login, coupon, …) are known up front. */
  readonly endpoints?: readonly Endpoint[];
  /** Most detections held between two `flush()` calls (default 100,000; beyond, new ones are counted and dropped). */
  readonly maxPending?: number;
}

/** The decision about one exchange. */
export interface ExchangeVerdict {
  /** Position of the exchange in the stream, from 0. */
  readonly index: number;
  /** The signature engine flagged it, or a behaviour detection about its sender was decided on it. */
  readonly attack: boolean;
  /** The signature anomaly score (0 when signatures are off or nothing matched). */
  readonly score: number;
  /** Signature attack classes and behaviour classes decided on this exchange, sorted. */
  readonly classes: readonly string[];
  /** Signature rule ids and behaviour rule ids, sorted. */
  readonly rules: readonly string[];
  /** The principal actor key (`sub:…`, `key:#…`, `session:#…`, `ip:…`). */
  readonly actor: string;
  /** The highest current risk among the sender's keys (principal, IP, subnet, fingerprint). */
  readonly risk: number;
  /** `risk` is at or above the risk threshold. */
  readonly flagged: boolean;
  /** The endpoint key (`METHOD host template`). */
  readonly endpoint: string;
  /** Detections decided while analysing this exchange (possibly about other actors of a campaign). */
  readonly detections: readonly Detection[];
  /** The signature engine's result, when it ran. */
  readonly signature?: SignatureResult;
}

export interface DetectorStats {
  readonly exchanges: number;
  readonly detections: number;
  readonly droppedDetections: number;
  readonly actors: { readonly size: number; readonly expired: number; readonly evicted: number };
  /** State entries per behaviour detector. */
  readonly state: Readonly<Record<string, number>>;
}

export interface ActorFilter {
  /** Every actor in the table, not only those with detections, attacks or risk. */
  readonly all?: boolean;
  readonly minRisk?: number;
  /** Only these actor keys (looked up, not scanned: the gateway asks for the actors of a batch's detections). */
  readonly keys?: ReadonlySet<string>;
}

/** Results computed elsewhere for this exchange (the gateway inspected it inline), used instead of running again. */
export interface Precomputed {
  readonly signature?: SignatureResult;
}

export interface Detector {
  analyze(exchange: Exchange, endpoint?: EndpointRef, precomputed?: Precomputed): ExchangeVerdict;
  /** The detections decided since the last call (and removes them). */
  flush(): Detection[];
  /** Resolves pending timers (end of an offline stream), then flushes. */
  finish(): Detection[];
  /** Actors with detections, attacks or risk (or all with `{ all: true }`), highest risk first. */
  actors(filter?: ActorFilter): ActorView[];
  /** The in-memory timeline of an actor (bounded), oldest first. */
  timeline(actorKey: string): TimelineEntry[];
  /** Current decayed risk of an actor key (0 when unknown). */
  riskOf(actorKey: string): number;
  /** The highest current risk among an exchange's actor keys, and that key. */
  riskOfExchange(exchange: Exchange): { readonly actor: string; readonly risk: number };
  identify(exchange: Exchange): ActorIdentity;
  readonly riskThreshold: number;
  stats(): DetectorStats;
}

const DEFAULTS = { riskThreshold: 50, subnetShare: 0.25, signatureRiskPerPoint: 4, signatureRiskMax: 60, maxPending: 100_000 };
const SEVERITY_RANK: Readonly<Record<string, number>> = { critical: 4, error: 3, warning: 2, notice: 1 };
const SIGNATURE_SEVERITY = { critical: 'critical', error: 'high', warning: 'medium', notice: 'low' } as const;
const NO_HEADERS_SOURCES = new Set(['access-log', 'envoy-log']);
const NONE: readonly string[] = Object.freeze([]);
const NO_DETECTIONS: Detection[] = Object.freeze([]) as unknown as Detection[];
const NO_IDS: string[] = Object.freeze([]) as unknown as string[];

function detectionId(parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}

/** Creates the detection stage; options are checked once (errors carry the path of the bad key) and frozen. */
export function createDetector(options: DetectorOptions = {}): Detector {
  const config = checkDetectionConfig(pickConfig(options), 'detection');
  const riskThreshold = config.riskThreshold ?? DEFAULTS.riskThreshold;
  const subnetShare = config.subnetShare ?? DEFAULTS.subnetShare;
  const sigPerPoint = config.signatureRiskPerPoint ?? DEFAULTS.signatureRiskPerPoint;
  const sigMax = config.signatureRiskMax ?? DEFAULTS.signatureRiskMax;
  const headerChecks: HeaderChecks = config.headerChecks ?? 'auto';
  const maxPending = options.maxPending ?? DEFAULTS.maxPending;
  if (!Number.isInteger(maxPending) || maxPending < 1) throw new RampartError('E_CONFIG_INVALID', 'maxPending must be a positive integer', { location: 'detection.maxPending' });
  const now = options.now ?? Date.now;

  const engine: SignatureEngine | undefined = options.signatures === false ? undefined : createSignatureEngine(options.signatures ?? {});
  const table = new ActorTable(config.actors ?? {});
  const identifier = new ActorIdentifier(options.secretKey);
  const templater = new EndpointTemplater(options.resolveEndpoint);
  const roles = new RoleBook({ ...(config.roles ? { overrides: config.roles } : {}), ...(options.endpoints ? { endpoints: options.endpoints } : {}) });
  let slots = 0;
  const ctx = { riskOf: (key: string, t: number) => table.riskOf(key, t), actor: (key: string) => table.get(key), allocateSlot: () => slots++ };
  const detectors: BehaviourDetector[] =
    options.behaviour === false
      ? []
      : BEHAVIOUR_DETECTORS.filter((d) => config.detectors?.[d.name] !== false).map((d) => {
          const opts = config.detectors?.[d.name];
          return d.create((opts === undefined || opts === false ? d.defaults : opts) as typeof d.defaults, ctx);
        });
  table.slotCount = slots;

  let index = 0;
  let clock = 0;
  let lastTick = 0;
  let lastSweep = 0;
  let pending: Detection[] = [];
  let total = 0;
  let dropped = 0;
  /** False until the first detection: no actor has risk, so verdicts skip the risk lookups. */
  let anyRisk = false;
  const segments: string[] = [];
  let drafts: DetectionDraft[] = [];
  const sink = (d: DetectionDraft): void => void drafts.push(d);

  /** The endpoint of a request: the gateway's template when given, else the inventory's (cached by path shape). */
  function endpointOf(method: string, host: string, path: string, ref: EndpointRef | undefined): TemplateEntry {
    const entry = templater.endpointOf(method, host, path, segments);
    if (!ref) return entry;
    return describeTemplate(`${method} ${host} ${ref.path}`, ref.path);
  }

  function idsOf(positions: readonly number[]): string[] {
    if (positions.length === 0) return NO_IDS;
    const ids: string[] = [];
    for (const p of positions) {
      const s = segments[p];
      if (s !== undefined) ids.push(s);
    }
    return ids;
  }

  function outcomeOf(roleBits: number, status: number): Outcome {
    if (roleBits === 0 || status === 0) return 'other';
    if (status >= 200 && status < 300) return 'success';
    for (const role of ['login', 'otp', 'coupon', 'giftcard', 'checkout', 'cart'] as const) {
      if (hasRole(roleBits, role) && failureStatuses(role).includes(status)) return 'failure';
    }
    return 'other';
  }

  /** Touches the principal's record (and the client IP's when they differ); returns the IP's record. */
  function touchActors(identity: ActorIdentity, principal: ActorRecord, t: number, api: boolean): ActorRecord | undefined {
    principal.requests++;
    if (api) principal.apiRequests++;
    const fp = identity.fingerprint;
    if (principal.userAgent === undefined && fp.userAgent) principal.userAgent = fp.userAgent.slice(0, 200);
    principal.fingerprint = fp.key;
    if (identity.principal === identity.ipKey) return identity.ip === undefined ? undefined : principal;
    if (identity.ip === undefined) return undefined;
    const ips = (principal.ips ??= []);
    if (ips[ips.length - 1] !== identity.ip) {
      const at = ips.indexOf(identity.ip);
      if (at !== -1) ips.splice(at, 1);
      ips.push(identity.ip);
      if (ips.length > 8) ips.shift();
    }
    const ipActor = table.touch(identity.ipKey, t);
    ipActor.requests++;
    if (api) ipActor.apiRequests++;
    if (ipActor.userAgent === undefined && fp.userAgent) ipActor.userAgent = fp.userAgent.slice(0, 200);
    ipActor.fingerprint = fp.key;
    return ipActor;
  }

  function record(det: Detection, t: number): void {
    total++;
    anyRisk = true;
    const rec = table.get(det.actor) ?? table.touch(det.actor, t);
    rec.detections++;
    if (det.detector === 'signatures') rec.attacks++;
    table.addRisk(rec, det.score, t);
    table.note(rec, det.class, { time: det.time, kind: 'detection', class: det.class, rule: det.rule, detection: det.id, message: det.message, score: det.score });
    if (subnetShare > 0 && rec.kind === 'ip' && det.actor !== 'ip:unknown') {
      const net = table.touch(`net:${subnetOf(det.actor.slice(3))}`, t);
      table.addRisk(net, det.score * subnetShare, t);
      if (!net.classes.includes(det.class)) net.classes = [...net.classes, det.class].sort();
    }
    if (pending.length < maxPending) pending.push(det);
    else dropped++;
  }

  function redactRefs(refs: readonly RequestRef[]): Detection['evidence']['requests'] {
    return refs.map((r) => ({
      index: r.index,
      time: r.time,
      method: r.method,
      target: redactTarget(r.target),
      ...(r.status > 0 ? { status: r.status } : {}),
      ...(r.ip ? { ip: r.ip } : {}),
    }));
  }

  function fromDraft(d: DetectionDraft): Detection {
    const detector = d.rule.split('.')[1] ?? d.rule;
    return {
      id: detectionId([d.rule, d.actor, d.campaign ?? '', d.time, d.index]),
      rule: d.rule,
      detector,
      class: d.class,
      severity: d.severity,
      time: d.time,
      index: d.index,
      actor: d.actor,
      ...(d.campaign ? { campaign: d.campaign } : {}),
      ...(d.endpoint ? { endpoint: d.endpoint } : {}),
      message: d.message,
      score: d.score,
      evidence: { requests: redactRefs(d.requests), counters: d.counters, ...(d.facts ? { facts: d.facts } : {}) },
    };
  }

  function fromSignature(r: SignatureResult, ref: RequestRef, actor: string, endpoint: string, t: number, i: number): Detection {
    const top = [...r.matches].sort((a, b) => (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0))[0];
    const rules = [...new Set(r.matches.map((m) => m.rule))];
    const cls = top?.class ?? r.classes[0] ?? 'protocol';
    const score = Math.min(sigMax, r.score * sigPerPoint);
    return {
      id: detectionId(['signatures', actor, t, i]),
      rule: top?.rule ?? 'signatures',
      detector: 'signatures',
      class: cls,
      severity: SIGNATURE_SEVERITY[top?.severity ?? 'critical'],
      time: t,
      index: i,
      actor,
      endpoint,
      message: `${r.classes.join(', ')} attack at ${endpoint}: ${rules.length} rule${rules.length === 1 ? '' : 's'} matched, anomaly score ${r.score}`,
      score,
      evidence: {
        requests: redactRefs([ref]),
        counters: { anomalyScore: r.score, threshold: engine?.threshold ?? 5, matches: r.matches.length },
        facts: {
          classes: r.classes.join(', '),
          rules: rules.slice(0, 10).join(', '),
          matches: r.matches
            .slice(0, 5)
            .map((m) => `${m.rule} @ ${m.location}: ${m.evidence}`)
            .join(' | '),
          ...(r.partial ? { partial: r.partial } : {}),
        },
      },
    };
  }

  function riskOfIdentity(identity: ActorIdentity, t: number): { actor: string; risk: number } {
    let best = { actor: identity.principal, risk: table.riskOf(identity.principal, t) };
    for (const k of [identity.ipKey, identity.subnetKey, identity.fingerprint.key]) {
      if (k === undefined || k === identity.principal) continue;
      const r = table.riskOf(k, t);
      if (r > best.risk) best = { actor: k, risk: r };
    }
    return best;
  }

  function runTimers(t: number, all: boolean): void {
    for (const d of detectors) {
      if (all) d.finish?.(t, sink);
      else d.tick?.(t, sink);
    }
  }

  function drain(t: number): Detection[] {
    const out: Detection[] = [];
    const list = drafts;
    drafts = [];
    for (const d of list) {
      const det = fromDraft(d);
      record(det, t);
      out.push(det);
    }
    return out;
  }

  function analyze(exchange: Exchange, endpointRef?: EndpointRef, precomputed?: Precomputed): ExchangeVerdict {
    const i = index++;
    const timed = exchange.time > 0;
    const t = Math.max(clock, timed ? exchange.time : now());
    clock = t;
    const req = exchange.request;
    const status = exchange.response?.status ?? 0;
    const identity = identifier.identify(exchange);
    const api = isApiExchange(exchange);
    const principal = table.touch(identity.principal, t);
    const ipActor = touchActors(identity, principal, t, api);
    const q = req.target.indexOf('?');
    const path = q === -1 ? req.target : req.target.slice(0, q);
    const method = req.method;
    const info = endpointOf(method, req.host, path, endpointRef);
    const ref: RequestRef = { index: i, time: t, method, target: req.target, status, ip: identity.ip };
    pushBounded(principal.recent, ref, RECENT, 0);

    let sig: SignatureResult | undefined = precomputed?.signature;
    if (!sig && engine) sig = engine.inspect(exchange, endpointRef ?? { method, path: info.template });

    let out: Detection[] = NO_DETECTIONS;
    if (detectors.length) {
      if (t - lastTick >= 1_000) {
        lastTick = t;
        runTimers(t, false);
      }
      if (t - lastSweep >= 60_000) {
        lastSweep = t;
        table.expire(t);
        for (const d of detectors) d.expire?.(t);
      }
      const roleBits = roles.rolesFor(info.key, method, req.host, info.template, exchange, status);
      const account = roleBits & (ROLE_BIT.login | ROLE_BIT.otp) ? accountRef(exchange, (s) => identifier.hashSecret(s)) : undefined;
      const fp = identity.fingerprint;
      const headersComplete = headerChecks === 'on' ? true : headerChecks === 'off' ? false : !NO_HEADERS_SOURCES.has(exchange.source.kind) && fp.headerCount >= 3;
      const endpoint: EndpointInfo = { key: info.key, method, host: req.host, template: info.template, roles: roleBits, ids: idsOf(info.positions), resource: info.resource };
      const ev: BehaviourEvent = {
        index: i,
        time: t,
        timed,
        exchange,
        identity,
        actorEndpoint: `${identity.principal}\u0000${info.key}`,
        asset: isAssetPath(path),
        principal,
        ipActor,
        endpoint,
        api,
        status,
        outcome: outcomeOf(roleBits, status),
        account,
        headersComplete,
        ref,
      };
      for (const d of detectors) d.observe(ev, sink);
      if (drafts.length) out = drain(t);
    }
    if (sig?.attack) {
      const det = fromSignature(sig, ref, identity.principal, info.key, t, i);
      record(det, t);
      out = out === NO_DETECTIONS ? [det] : [...out, det];
    }

    let classes: readonly string[] = NONE;
    let rules: readonly string[] = NONE;
    let behaviourHit = false;
    if (out.length > 0 || sig?.attack || (sig !== undefined && sig.matches.length > 0)) {
      const cls = new Set<string>(sig?.attack ? sig.classes : []);
      const rls = new Set<string>(sig?.matches.map((m) => m.rule) ?? []);
      for (const d of out) {
        if (d.detector === 'signatures' || (d.actor !== identity.principal && d.actor !== identity.ipKey && d.actor !== identity.fingerprint.key)) continue;
        behaviourHit = true;
        cls.add(d.class);
        rls.add(d.rule);
      }
      classes = [...cls].sort();
      rules = [...rls].sort();
    }
    const risk = anyRisk ? riskOfIdentity(identity, t).risk : 0;
    return {
      index: i,
      attack: Boolean(sig?.attack) || behaviourHit,
      score: sig?.score ?? 0,
      classes,
      rules,
      actor: identity.principal,
      risk: Math.round(risk * 10) / 10,
      flagged: risk >= riskThreshold,
      endpoint: info.key,
      detections: out,
      signature: sig,
    };
  }

  return {
    analyze,
    riskThreshold,
    flush() {
      const out = pending;
      pending = [];
      return out;
    },
    finish() {
      runTimers(clock, true);
      drain(clock);
      const out = pending;
      pending = [];
      return out;
    },
    actors(filter: ActorFilter = {}) {
      const out: ActorView[] = [];
      const records = filter.keys ? [...filter.keys].flatMap((k) => table.get(k) ?? []) : table.values();
      for (const r of records) {
        const v = table.view(r, clock);
        if (!filter.all && r.detections === 0 && r.attacks === 0 && v.risk < 1) continue;
        if (filter.minRisk !== undefined && v.risk < filter.minRisk) continue;
        out.push(v);
      }
      return out.sort((a, b) => b.risk - a.risk || b.peakRisk - a.peakRisk || b.lastSeen - a.lastSeen || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    timeline(actorKey: string) {
      return [...(table.get(actorKey)?.timeline ?? [])];
    },
    riskOf(actorKey: string) {
      return table.riskOf(actorKey, clock || now());
    },
    riskOfExchange(exchange: Exchange) {
      return riskOfIdentity(identifier.identify(exchange), clock || now());
    },
    identify: (exchange: Exchange) => identifier.identify(exchange),
    stats() {
      return {
        exchanges: index,
        detections: total,
        droppedDetections: dropped,
        actors: table.stats(),
        state: Object.fromEntries(detectors.map((d) => [d.name, d.size()])),
      };
    },
  };
}

function pickConfig(o: DetectorOptions): DetectionConfig {
  const keys = ['riskThreshold', 'subnetShare', 'signatureRiskPerPoint', 'signatureRiskMax', 'actors', 'detectors', 'roles', 'headerChecks'] as const;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out as DetectionConfig;
}
