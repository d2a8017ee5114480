/**
 * Everything the learner knows about one endpoint, accumulated exchange by exchange and mergeable with another
 * accumulator (when the structural learner merges literal paths into a template, or a later import merges into
 * stored state). Its JSON form is the `state` of a `LearnedEndpoint`; `toEndpoint` renders the `Endpoint` view.
 *
 * Cheap facts (hits, status codes, content types, parameter presence, auth kinds) are counted on every
 * exchange; values (parameter types, body schemas, sensitive data, samples) are read on *inspected* exchanges
 * only — all of the first ones, then a thinning sample (see `shouldInspect`).
 */
import {
  isJsonMediaType,
  mediaType,
  parseQuery,
  type AuthKind,
  type AuthSeen,
  type BodySchema,
  type Endpoint,
  type EndpointParameter,
  type Exchange,
  type Header,
  type JsonSchema,
  type JsonValue,
  type ParamLocation,
  type ResponseSchema,
  type Sample,
  type SensitiveSighting,
  type SensitiveType,
} from '../core/index.js';
import type { ValueContext } from './classifiers/index.js';
import { authKey, isApiKeyHeaderName, isApiKeyQueryName, type AuthObservation } from './detect-auth.js';
import type { PathSegment } from './path-template.js';
import { redactSample } from './redact.js';
import { DEFAULT_SHAPE_LIMITS, Shape, isSecretName, shapeToSchema, type LeafVisitor, type ShapeLimits } from './schema-shape.js';
import { isStandardHeader } from './standard-headers.js';

/** Bounds per endpoint. */
const MAX_PARAMS_PER_LOCATION = 64;
const MAX_STATUS_CODES = 64;
const MAX_CONTENT_TYPES = 16;
const MAX_AUTH = 16;
const MAX_SIGHTINGS = 128;
const MAX_RESPONSES = 64;
const MAX_SAMPLE_BODY = 4096;
const MAX_SAMPLE_HEADERS = 64;
const MAX_SAMPLE_HEADER_VALUE = 1024;
const MAX_CLASSIFIED_VALUE = 8192;
const STATE_VERSION = 1;

export type Classify = (value: string, ctx: ValueContext) => readonly SensitiveType[];

export interface AccumulatorContext {
  readonly limits: ShapeLimits;
  readonly maxSamples: number;
  /** Bodies larger than this are not parsed for schemas (counted only). */
  readonly maxParseBytes: number;
  readonly classify: Classify;
  /** Clock for samples of exchanges that carry no time. */
  readonly now: () => number;
}

export const DEFAULT_ACCUMULATOR_CONTEXT: Omit<AccumulatorContext, 'classify' | 'now'> = {
  limits: DEFAULT_SHAPE_LIMITS,
  maxSamples: 3,
  maxParseBytes: 1024 * 1024,
};

/** One exchange, already split by the learner. */
export interface ObserveInput {
  readonly exchange: Exchange;
  readonly segments: readonly PathSegment[];
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly cookies: ReadonlyArray<readonly [string, string]>;
  readonly auth: readonly AuthObservation[];
  /** Values of the path parameters known when the exchange arrived (position in `segments`, decoded value, name). */
  readonly pathValues: ReadonlyArray<{ readonly position: number; readonly value: string; readonly name: string }>;
  /** Read values, bodies and samples (else only count). */
  readonly inspect: boolean;
}

/**
 * Whether the `hits`-th exchange of an endpoint is inspected: every one of the first 64, then every 4th up to
 * 256, every 16th up to 1024, every 64th beyond. Deterministic, so runs are reproducible.
 */
export function shouldInspect(hits: number): boolean {
  if (hits <= 64) return true;
  if (hits <= 256) return (hits & 3) === 0;
  if (hits <= 1024) return (hits & 15) === 0;
  return (hits & 63) === 0;
}

interface ParamStats {
  readonly name: string;
  readonly in: ParamLocation;
  count: number;
  /** Requests where the name was repeated (an array). */
  arrays: number;
  readonly shape: Shape;
}

interface PathParamStats {
  count: number;
  readonly shape: Shape;
}

interface BodyStats {
  readonly contentType: string;
  readonly status: string;
  count: number;
  shape: Shape | undefined;
}

interface AuthStats {
  readonly kind: AuthKind;
  readonly name?: string;
  readonly scheme?: string;
  readonly alg?: string;
  readonly iss?: string;
  count: number;
}

interface SightingStats {
  readonly type: SensitiveType;
  readonly direction: 'request' | 'response';
  readonly location: ParamLocation | 'body';
  readonly path: string;
  count: number;
}

function bump(map: Map<string, number>, key: string, limit: number, by = 1): void {
  const prev = map.get(key);
  if (prev !== undefined) map.set(key, prev + by);
  else if (map.size < limit) map.set(key, by);
}

function sortedCounts(map: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...map.keys()].sort()) out[k] = map.get(k) as number;
  return out;
}

/** Schema of a parameter given as text: a string as soon as one value was not a number/boolean. */
export function paramSchema(shape: Shape, arrays: number): JsonSchema {
  let schema: JsonSchema;
  if (shape.n === 0) schema = { type: 'string' };
  else if (shape.str > 0 && shape.int + shape.num + shape.bool > 0) schema = { type: 'string' };
  else schema = shapeToSchema(shape);
  return arrays > 0 ? { type: 'array', items: schema } : schema;
}

export class EndpointAccumulator {
  hits = 0;
  inspected = 0;
  firstSeen: number | undefined;
  lastSeen: number | undefined;
  readonly statusCodes = new Map<string, number>();
  readonly requestTypes = new Map<string, number>();
  readonly responseTypes = new Map<string, number>();
  readonly schemes = new Set<string>();
  readonly params = new Map<string, ParamStats>();
  readonly pathParams = new Map<number, PathParamStats>();
  readonly requestBodies = new Map<string, BodyStats>();
  readonly responses = new Map<string, BodyStats>();
  readonly auth = new Map<string, AuthStats>();
  readonly sensitive = new Map<string, SightingStats>();
  samples: Sample[] = [];
  readonly sources = new Set<string>();
  /** Keys this endpoint was stored under before (to report the ones merged away). */
  readonly origKeys = new Set<string>();
  /** Parameters (by `in:name`) dropped by the per-endpoint bound. */
  droppedParams = 0;
  /** Changed since it was loaded. */
  dirty = false;

  constructor(readonly method: string) {}

  /** Adds one exchange. */
  observe(input: ObserveInput, ctx: AccumulatorContext): void {
    const ex = input.exchange;
    this.dirty = true;
    this.hits++;
    this.sources.add('traffic');
    if (ex.time > 0) {
      if (this.firstSeen === undefined || ex.time < this.firstSeen) this.firstSeen = ex.time;
      if (this.lastSeen === undefined || ex.time > this.lastSeen) this.lastSeen = ex.time;
    }
    this.schemes.add(ex.request.scheme);
    const res = ex.response;
    const status = res ? String(res.status) : '';
    if (res) bump(this.statusCodes, status, MAX_STATUS_CODES);
    const reqType = ex.request.body && ex.request.body.size > 0 ? mediaType(ex.request.headers) || 'application/octet-stream' : '';
    if (reqType) bump(this.requestTypes, reqType, MAX_CONTENT_TYPES);
    const resType = res?.body && res.body.size > 0 ? mediaType(res.headers) || 'application/octet-stream' : '';
    if (resType) bump(this.responseTypes, resType, MAX_CONTENT_TYPES);

    for (const a of input.auth) {
      const k = authKey(a);
      const s = this.auth.get(k);
      if (s) s.count++;
      else if (this.auth.size < MAX_AUTH) this.auth.set(k, { kind: a.kind, name: a.name, scheme: a.scheme, alg: a.jwt?.alg, iss: a.jwt?.iss, count: 1 });
    }

    const inspect = input.inspect;
    if (inspect) this.inspected++;
    const classify = ctx.classify;
    const sight = (type: SensitiveType, direction: 'request' | 'response', location: ParamLocation | 'body', path: string) => {
      const k = `${type}|${direction}|${location}|${path}`;
      const s = this.sensitive.get(k);
      if (s) s.count++;
      else if (this.sensitive.size < MAX_SIGHTINGS) this.sensitive.set(k, { type, direction, location, path, count: 1 });
    };
    const classifyInto = (value: string, direction: 'request' | 'response', location: ParamLocation | 'body', name: string): boolean => {
      if (!value) return false;
      const types = classify(value.length > MAX_CLASSIFIED_VALUE ? value.slice(0, MAX_CLASSIFIED_VALUE) : value, { location, direction, name });
      for (const t of types) sight(t, direction, location, name);
      return types.length > 0;
    };

    // path parameters known at arrival (ids, and spec/learned templates)
    for (const pv of input.pathValues) {
      let p = this.pathParams.get(pv.position);
      if (!p) this.pathParams.set(pv.position, (p = { count: 0, shape: new Shape() }));
      p.count++;
      if (inspect) p.shape.observeText(pv.value, ctx.limits, classifyInto(pv.value, 'request', 'path', pv.name), pv.name);
    }

    // query parameters (repeated names are arrays)
    this.observeParams('query', input.query, inspect, ctx, classifyInto);
    const cookies = input.auth.some((a) => a.kind === 'session-cookie')
      ? input.cookies.filter(([n]) => !input.auth.some((a) => a.kind === 'session-cookie' && a.name === n))
      : input.cookies;
    this.observeParams('cookie', cookies, inspect, ctx, classifyInto);
    const headerPairs: Array<readonly [string, string]> = [];
    for (const h of ex.request.headers) {
      if (!isStandardHeader(h[0]) && !isApiKeyHeaderName(h[0])) headerPairs.push(h);
      else if (inspect && (h[0] === 'authorization' || isApiKeyHeaderName(h[0]))) classifyInto(h[1], 'request', 'header', h[0]);
    }
    this.observeParams('header', headerPairs, inspect, ctx, classifyInto);

    let requestJson: unknown;
    let responseJson: unknown;
    if (inspect) {
      const body = ex.request.body;
      if (body && body.size > 0) {
        const stats = this.bodyStats(this.requestBodies, '', reqType, MAX_CONTENT_TYPES);
        if (stats) {
          stats.count++;
          requestJson = this.observeBody(stats, body.text, body.encoding, body.truncated, reqType, 'request', ctx, classifyInto, sight);
        }
      }
      if (res) {
        const stats = this.bodyStats(this.responses, status, resType, MAX_RESPONSES);
        if (stats) {
          stats.count++;
          const rb = res.body;
          if (rb && rb.size > 0) responseJson = this.observeBody(stats, rb.text, rb.encoding, rb.truncated, resType, 'response', ctx, classifyInto, sight);
        }
        for (const [n, v] of res.headers) if (!isStandardResponseHeader(n)) classifyInto(v, 'response', 'header', n);
      }
      this.maybeSample(input, ctx, requestJson, responseJson);
    } else if (res) {
      const stats = this.bodyStats(this.responses, status, resType, MAX_RESPONSES);
      if (stats) stats.count++;
    }
    if (!inspect && ex.request.body && ex.request.body.size > 0) {
      const stats = this.bodyStats(this.requestBodies, '', reqType, MAX_CONTENT_TYPES);
      if (stats) stats.count++;
    }
  }

  private observeParams(
    location: ParamLocation,
    pairs: ReadonlyArray<readonly [string, string]>,
    inspect: boolean,
    ctx: AccumulatorContext,
    classifyInto: (value: string, direction: 'request' | 'response', location: ParamLocation | 'body', name: string) => boolean,
  ): void {
    if (pairs.length === 0) return;
    const seen = new Map<string, number>();
    for (const [name, value] of pairs) {
      const k = `${location}:${name}`;
      let p = this.params.get(k);
      if (!p) {
        if (this.countLocation(location) >= MAX_PARAMS_PER_LOCATION || name.length > 128) {
          this.droppedParams++;
          continue;
        }
        this.params.set(k, (p = { name, in: location, count: 0, arrays: 0, shape: new Shape() }));
      }
      const times = (seen.get(k) ?? 0) + 1;
      seen.set(k, times);
      if (times === 1) p.count++;
      else if (times === 2) p.arrays++;
      if (inspect) p.shape.observeText(value, ctx.limits, classifyInto(value, 'request', location, name), name);
    }
  }

  private countLocation(location: ParamLocation): number {
    let n = 0;
    for (const p of this.params.values()) if (p.in === location) n++;
    return n;
  }

  private bodyStats(map: Map<string, BodyStats>, status: string, contentType: string, limit: number): BodyStats | undefined {
    const k = `${status}|${contentType}`;
    let s = map.get(k);
    if (!s && map.size < limit) map.set(k, (s = { contentType, status, count: 0, shape: undefined }));
    return s;
  }

  /** Reads a body into its shape; returns the parsed JSON (for the sample), if any. */
  private observeBody(
    stats: BodyStats,
    text: string,
    encoding: 'base64' | undefined,
    truncated: boolean,
    type: string,
    direction: 'request' | 'response',
    ctx: AccumulatorContext,
    classifyInto: (value: string, direction: 'request' | 'response', location: ParamLocation | 'body', name: string) => boolean,
    sight: (type: SensitiveType, direction: 'request' | 'response', location: ParamLocation | 'body', path: string) => void,
  ): unknown {
    if (encoding === 'base64' || truncated || text.length > ctx.maxParseBytes || text.length === 0) return undefined;
    const c0 = text.charCodeAt(0);
    const sniffJson = type === 'application/octet-stream' && (c0 === 123 || c0 === 91);
    if (isJsonMediaType(type) || sniffJson) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return undefined;
      }
      const visit: LeafVisitor = (v, path, name) => {
        const types = ctx.classify(v.length > MAX_CLASSIFIED_VALUE ? v.slice(0, MAX_CLASSIFIED_VALUE) : v, { location: 'body', direction, name });
        for (const t of types) sight(t, direction, 'body', path);
        return types.length > 0;
      };
      (stats.shape ??= new Shape()).observeJson(value, ctx.limits, visit);
      return value;
    }
    if (type === 'application/x-www-form-urlencoded') {
      const shape = (stats.shape ??= new Shape());
      shape.n++;
      shape.obj++;
      const props = (shape.props ??= new Map());
      const fields = parseQuery(text, 1000);
      const counts = new Map<string, number>();
      for (const [name] of fields) counts.set(name, (counts.get(name) ?? 0) + 1);
      const done = new Set<string>();
      for (const [name, value] of fields) {
        let child = props.get(name);
        if (!child) {
          if (props.size >= ctx.limits.maxProperties) {
            shape.dropped++;
            continue;
          }
          props.set(name, (child = new Shape()));
        }
        const sensitive = classifyInto(value, direction, 'body', `$.${name}`);
        if ((counts.get(name) ?? 0) > 1) {
          if (!done.has(name)) {
            child.n++;
            child.arr++;
            done.add(name);
          }
          (child.items ??= new Shape()).observeText(value, ctx.limits, sensitive, name);
        } else child.observeText(value, ctx.limits, sensitive, name);
      }
      return undefined;
    }
    return undefined;
  }

  private maybeSample(input: ObserveInput, ctx: AccumulatorContext, requestJson: unknown, responseJson: unknown): void {
    if (ctx.maxSamples <= 0) return;
    const ex = input.exchange;
    const status = ex.response?.status;
    let replace = -1;
    if (this.samples.length >= ctx.maxSamples) {
      // keep samples of distinct status codes: replace a duplicate status by a new one
      if (this.samples.some((s) => s.status === status)) return;
      const counts = new Map<number | undefined, number>();
      for (const s of this.samples) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
      for (let i = this.samples.length - 1; i >= 0; i--) {
        if ((counts.get((this.samples[i] as Sample).status) ?? 0) > 1) {
          replace = i;
          break;
        }
      }
      if (replace === -1) return;
    }
    const sample = buildSample(input, requestJson, responseJson, ctx);
    if (replace === -1) this.samples.push(sample);
    else this.samples[replace] = sample;
  }

  /** Records the value a structural merge revealed at `position` (a literal that became a parameter). */
  observeLearnedValue(position: number, value: string, ctx: AccumulatorContext, name: string): void {
    let p = this.pathParams.get(position);
    if (!p) this.pathParams.set(position, (p = { count: 0, shape: new Shape() }));
    p.count += this.hits;
    p.shape.observeText(value, ctx.limits, false, name, Math.max(1, this.inspected));
    this.dirty = true;
  }

  /** Adds everything `other` accumulated. */
  merge(other: EndpointAccumulator, ctx: AccumulatorContext): void {
    this.dirty = true;
    this.hits += other.hits;
    this.inspected += other.inspected;
    if (other.firstSeen !== undefined && (this.firstSeen === undefined || other.firstSeen < this.firstSeen)) this.firstSeen = other.firstSeen;
    if (other.lastSeen !== undefined && (this.lastSeen === undefined || other.lastSeen > this.lastSeen)) this.lastSeen = other.lastSeen;
    for (const [k, c] of other.statusCodes) bump(this.statusCodes, k, MAX_STATUS_CODES, c);
    for (const [k, c] of other.requestTypes) bump(this.requestTypes, k, MAX_CONTENT_TYPES, c);
    for (const [k, c] of other.responseTypes) bump(this.responseTypes, k, MAX_CONTENT_TYPES, c);
    for (const s of other.schemes) this.schemes.add(s);
    for (const [k, p] of other.params) {
      const mine = this.params.get(k);
      if (mine) {
        mine.count += p.count;
        mine.arrays += p.arrays;
        mine.shape.merge(p.shape, ctx.limits);
      } else if (this.countLocation(p.in) < MAX_PARAMS_PER_LOCATION) this.params.set(k, { ...p, shape: p.shape.clone() });
      else this.droppedParams++;
    }
    this.droppedParams += other.droppedParams;
    for (const [pos, p] of other.pathParams) {
      const mine = this.pathParams.get(pos);
      if (mine) {
        mine.count += p.count;
        mine.shape.merge(p.shape, ctx.limits);
      } else this.pathParams.set(pos, { count: p.count, shape: p.shape.clone() });
    }
    mergeBodies(this.requestBodies, other.requestBodies, MAX_CONTENT_TYPES, ctx);
    mergeBodies(this.responses, other.responses, MAX_RESPONSES, ctx);
    for (const [k, a] of other.auth) {
      const mine = this.auth.get(k);
      if (mine) mine.count += a.count;
      else if (this.auth.size < MAX_AUTH) this.auth.set(k, { ...a });
    }
    for (const [k, s] of other.sensitive) {
      const mine = this.sensitive.get(k);
      if (mine) mine.count += s.count;
      else if (this.sensitive.size < MAX_SIGHTINGS) this.sensitive.set(k, { ...s });
    }
    for (const s of other.samples) if (this.samples.length < ctx.maxSamples) this.samples.push(s);
    for (const s of other.sources) this.sources.add(s);
    for (const k of other.origKeys) this.origKeys.add(k);
  }

  /** Property paths (to depth 3) of successful JSON responses: what the endpoint returns, for comparing siblings. */
  responseFingerprint(): Set<string> {
    const out = new Set<string>();
    for (const r of this.responses.values()) {
      if (!r.shape || !(r.status.startsWith('2') || r.status.startsWith('3'))) continue;
      collectPaths(r.shape, '', 0, out);
    }
    return out;
  }

  /** The `Endpoint` view (status and spec facts are filled in by the spec diff). */
  toEndpoint(key: string, host: string, path: string, pathParamNames: ReadonlyArray<{ readonly position: number; readonly name: string }>, ctx: AccumulatorContext): Endpoint {
    const parameters: EndpointParameter[] = [];
    for (const { position, name } of pathParamNames) {
      const p = this.pathParams.get(position);
      parameters.push({ name, in: 'path', schema: p ? paramSchema(p.shape, 0) : { type: 'string' }, required: true, count: this.hits, documented: false });
    }
    const order: Record<ParamLocation, number> = { path: 0, query: 1, header: 2, cookie: 3 };
    const rest = [...this.params.values()].sort((a, b) => order[a.in] - order[b.in] || a.name.localeCompare(b.name));
    for (const p of rest) {
      parameters.push({ name: p.name, in: p.in, schema: paramSchema(p.shape, p.arrays), required: p.count >= this.hits && this.hits > 0, count: p.count, documented: false });
    }
    const requestBodies: BodySchema[] = [...this.requestBodies.values()]
      .sort((a, b) => a.contentType.localeCompare(b.contentType))
      .map((b) => ({ contentType: b.contentType, schema: bodySchema(b, ctx), count: b.count }));
    const responses: ResponseSchema[] = [...this.responses.values()]
      .sort((a, b) => a.status.localeCompare(b.status) || a.contentType.localeCompare(b.contentType))
      .map((b) => ({ status: b.status, contentType: b.contentType, schema: bodySchema(b, ctx), count: b.count }));
    const auth: AuthSeen[] = [...this.auth.values()]
      .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind))
      .map((a) => {
        const jwt = a.alg !== undefined || a.iss !== undefined ? { ...(a.alg !== undefined ? { alg: a.alg } : {}), ...(a.iss !== undefined ? { iss: a.iss } : {}) } : undefined;
        return { kind: a.kind, ...(a.name !== undefined ? { name: a.name } : {}), ...(a.scheme !== undefined ? { scheme: a.scheme } : {}), ...(jwt ? { jwt } : {}), count: a.count };
      });
    const sensitive: SensitiveSighting[] = [...this.sensitive.values()]
      .sort((a, b) => a.direction.localeCompare(b.direction) || a.location.localeCompare(b.location) || a.path.localeCompare(b.path) || a.type.localeCompare(b.type))
      .map((s) => ({ type: s.type, direction: s.direction, location: s.location, path: s.path, count: s.count }));
    const endpoint: Endpoint = {
      key,
      method: this.method,
      host,
      path,
      status: 'shadow',
      sources: [...this.sources].sort(),
      hits: this.hits,
      statusCodes: sortedCounts(this.statusCodes),
      ...(this.firstSeen !== undefined ? { firstSeen: this.firstSeen } : {}),
      ...(this.lastSeen !== undefined ? { lastSeen: this.lastSeen } : {}),
      requestContentTypes: [...this.requestTypes.keys()].sort(),
      responseContentTypes: [...this.responseTypes.keys()].sort(),
      parameters,
      requestBodies,
      responses,
      auth,
      sensitive,
      samples: this.samples,
      ...(this.schemes.size ? { schemes: [...this.schemes].sort() as Array<'http' | 'https'> } : {}),
      ...(this.hits ? { inspected: this.inspected } : {}),
    };
    return endpoint;
  }

  /** The JSON state (see `fromState`). */
  toState(learnedPositions: readonly number[]): JsonValue {
    return {
      v: STATE_VERSION,
      method: this.method,
      hits: this.hits,
      inspected: this.inspected,
      first: this.firstSeen ?? null,
      last: this.lastSeen ?? null,
      status: [...this.statusCodes].map(([k, c]) => [k, c]),
      reqTypes: [...this.requestTypes].map(([k, c]) => [k, c]),
      resTypes: [...this.responseTypes].map(([k, c]) => [k, c]),
      schemes: [...this.schemes],
      params: [...this.params.values()].map((p) => ({ name: p.name, in: p.in, count: p.count, arrays: p.arrays, shape: p.shape.toJson() })),
      droppedParams: this.droppedParams,
      path: [...this.pathParams].map(([pos, p]) => ({ pos, count: p.count, shape: p.shape.toJson() })),
      learned: [...learnedPositions],
      reqBodies: [...this.requestBodies.values()].map(bodyState),
      responses: [...this.responses.values()].map(bodyState),
      auth: [...this.auth.values()].map((a) => ({ kind: a.kind, name: a.name ?? null, scheme: a.scheme ?? null, alg: a.alg ?? null, iss: a.iss ?? null, count: a.count })),
      sensitive: [...this.sensitive.values()].map((s) => ({ type: s.type, direction: s.direction, location: s.location, path: s.path, count: s.count })),
      samples: this.samples as unknown as JsonValue,
      sources: [...this.sources],
    };
  }

  /**
   * Rebuilds an accumulator from stored state. Throws a TypeError when the state is not one this version
   * wrote; the learner then falls back to `fromEndpoint`.
   */
  static fromState(state: unknown): { acc: EndpointAccumulator; learned: number[] } {
    const o = obj(state);
    if (o.v !== STATE_VERSION) throw new TypeError('state: unknown version');
    const acc = new EndpointAccumulator(str(o.method));
    acc.hits = num(o.hits);
    acc.inspected = num(o.inspected);
    acc.firstSeen = o.first === null ? undefined : num(o.first);
    acc.lastSeen = o.last === null ? undefined : num(o.last);
    for (const [k, c] of arr(o.status).map(pair)) acc.statusCodes.set(k, num(c));
    for (const [k, c] of arr(o.reqTypes).map(pair)) acc.requestTypes.set(k, num(c));
    for (const [k, c] of arr(o.resTypes).map(pair)) acc.responseTypes.set(k, num(c));
    for (const s of arr(o.schemes)) acc.schemes.add(str(s));
    for (const x of arr(o.params)) {
      const p = obj(x);
      const loc = str(p.in) as ParamLocation;
      if (!['query', 'header', 'cookie', 'path'].includes(loc)) throw new TypeError('state: bad parameter location');
      acc.params.set(`${loc}:${str(p.name)}`, { name: str(p.name), in: loc, count: num(p.count), arrays: num(p.arrays), shape: Shape.fromJson(p.shape) });
    }
    acc.droppedParams = num(o.droppedParams);
    for (const x of arr(o.path)) {
      const p = obj(x);
      acc.pathParams.set(num(p.pos), { count: num(p.count), shape: Shape.fromJson(p.shape) });
    }
    const learned = arr(o.learned).map(num);
    for (const x of arr(o.reqBodies)) {
      const b = readBody(x);
      acc.requestBodies.set(`${b.status}|${b.contentType}`, b);
    }
    for (const x of arr(o.responses)) {
      const b = readBody(x);
      acc.responses.set(`${b.status}|${b.contentType}`, b);
    }
    for (const x of arr(o.auth)) {
      const a = obj(x);
      const s: AuthStats = {
        kind: str(a.kind) as AuthKind,
        ...(a.name !== null ? { name: str(a.name) } : {}),
        ...(a.scheme !== null ? { scheme: str(a.scheme) } : {}),
        ...(a.alg !== null ? { alg: str(a.alg) } : {}),
        ...(a.iss !== null ? { iss: str(a.iss) } : {}),
        count: num(a.count),
      };
      acc.auth.set(authKey({ kind: s.kind, name: s.name, scheme: s.scheme, jwt: { alg: s.alg, iss: s.iss } }), s);
    }
    for (const x of arr(o.sensitive)) {
      const s = obj(x);
      const sg: SightingStats = { type: str(s.type) as SensitiveType, direction: str(s.direction) === 'response' ? 'response' : 'request', location: str(s.location) as ParamLocation | 'body', path: str(s.path), count: num(s.count) };
      acc.sensitive.set(`${sg.type}|${sg.direction}|${sg.location}|${sg.path}`, sg);
    }
    acc.samples = arr(o.samples).map((s) => readSample(s));
    for (const s of arr(o.sources)) acc.sources.add(str(s));
    return { acc, learned };
  }

  /**
   * Rebuilds what can be rebuilt from a stored `Endpoint` view alone (counts, auth, sightings, samples), when
   * its state is missing or unreadable: schemas start again from the next samples.
   */
  static fromEndpoint(e: Endpoint): EndpointAccumulator {
    const acc = new EndpointAccumulator(e.method);
    acc.hits = Number.isFinite(e.hits) && e.hits > 0 ? e.hits : 0;
    acc.firstSeen = e.firstSeen;
    acc.lastSeen = e.lastSeen;
    for (const [k, c] of Object.entries(e.statusCodes ?? {})) if (typeof c === 'number') acc.statusCodes.set(k, c);
    for (const t of e.requestContentTypes ?? []) acc.requestTypes.set(t, 1);
    for (const t of e.responseContentTypes ?? []) acc.responseTypes.set(t, 1);
    for (const p of e.parameters ?? []) {
      if (p.in === 'path' || p.count <= 0) continue;
      acc.params.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, count: p.count, arrays: 0, shape: new Shape() });
    }
    for (const a of e.auth ?? []) {
      const s: AuthStats = { kind: a.kind, name: a.name, scheme: a.scheme, alg: a.jwt?.alg, iss: a.jwt?.iss, count: a.count };
      acc.auth.set(authKey({ kind: a.kind, name: a.name, scheme: a.scheme, jwt: a.jwt }), s);
    }
    for (const s of e.sensitive ?? []) acc.sensitive.set(`${s.type}|${s.direction}|${s.location}|${s.path}`, { ...s });
    acc.samples = [...(e.samples ?? [])];
    for (const s of e.sources ?? []) acc.sources.add(s);
    return acc;
  }
}

function bodyState(b: BodyStats): JsonValue {
  return { ct: b.contentType, status: b.status, count: b.count, shape: b.shape ? b.shape.toJson() : null };
}

function readBody(x: unknown): BodyStats {
  const b = obj(x);
  return { contentType: str(b.ct), status: str(b.status), count: num(b.count), shape: b.shape === null ? undefined : Shape.fromJson(b.shape) };
}

function readSample(x: unknown): Sample {
  const s = obj(x);
  const headers = (h: unknown) => arr(h).map((p) => pair(p)).map(([n, v]) => [n, str(v)] as const);
  return {
    time: num(s.time),
    method: str(s.method),
    target: str(s.target),
    ...(s.status !== undefined ? { status: num(s.status) } : {}),
    requestHeaders: headers(s.requestHeaders),
    ...(s.requestBody !== undefined ? { requestBody: str(s.requestBody) } : {}),
    ...(s.responseHeaders !== undefined ? { responseHeaders: headers(s.responseHeaders) } : {}),
    ...(s.responseBody !== undefined ? { responseBody: str(s.responseBody) } : {}),
  };
}

function mergeBodies(into: Map<string, BodyStats>, from: Map<string, BodyStats>, limit: number, ctx: AccumulatorContext): void {
  for (const [k, b] of from) {
    const mine = into.get(k);
    if (mine) {
      mine.count += b.count;
      if (b.shape) {
        if (mine.shape) mine.shape.merge(b.shape, ctx.limits);
        else mine.shape = b.shape.clone();
      }
    } else if (into.size < limit) into.set(k, { ...b, shape: b.shape?.clone() });
  }
}

function bodySchema(b: BodyStats, ctx: AccumulatorContext): JsonSchema {
  if (b.shape && b.shape.n > 0) return shapeToSchema(b.shape, { limits: ctx.limits });
  if (!b.contentType) return {};
  if (isJsonMediaType(b.contentType)) return {};
  if (b.contentType.startsWith('text/')) return { type: 'string' };
  if (b.contentType === 'multipart/form-data') return { type: 'object' };
  return { type: 'string', contentMediaType: b.contentType };
}

function collectPaths(shape: Shape, prefix: string, depth: number, out: Set<string>): void {
  if (depth >= 3 || out.size >= 128) return;
  if (shape.props) {
    for (const [k, child] of shape.props) {
      const p = prefix ? `${prefix}.${k}` : k;
      out.add(p);
      collectPaths(child, p, depth + 1, out);
    }
  }
  if (shape.items) collectPaths(shape.items, `${prefix}[]`, depth + 1, out);
}

const STANDARD_RESPONSE = new Set([
  'content-type', 'content-length', 'date', 'connection', 'keep-alive', 'etag', 'last-modified', 'cache-control', 'expires', 'vary', 'server',
  'transfer-encoding', 'content-encoding', 'accept-ranges', 'age', 'via', 'pragma', 'x-powered-by', 'strict-transport-security',
  'x-content-type-options', 'x-frame-options', 'x-xss-protection', 'content-security-policy', 'referrer-policy', 'feature-policy',
  'permissions-policy', 'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-headers',
  'access-control-allow-methods', 'access-control-expose-headers', 'access-control-max-age', 'set-cookie', 'location', 'alt-svc',
  'report-to', 'nel', 'x-request-id', 'x-recruiting', 'timing-allow-origin', 'cross-origin-opener-policy', 'cross-origin-resource-policy',
  'cross-origin-embedder-policy', 'retry-after', 'ratelimit', 'ratelimit-policy', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset',
]);

function isStandardResponseHeader(name: string): boolean {
  return STANDARD_RESPONSE.has(name) || name.startsWith('cf-') || name.startsWith('x-amz-') || name.startsWith(':') || name.startsWith('x-cache');
}

/** Masks what must not be stored in a sample's JSON body (secret-looking fields; values a classifier flags as secrets). */
function maskJson(value: unknown, classify: Classify, depth = 0): unknown {
  if (depth > 32) return '[TRUNCATED]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => maskJson(v, classify, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const masked = (typeof v === 'string' || typeof v === 'number') && isSecretName(k) ? '[REDACTED]' : maskJson(v, classify, depth + 1);
      Object.defineProperty(out, k, { value: masked, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (typeof value === 'string' && value.length > 0) {
    const types = classify(value.slice(0, MAX_CLASSIFIED_VALUE), { location: 'body', direction: 'request' });
    if (types.some((t) => SECRET_TYPES.has(t))) return '[REDACTED]';
  }
  return value;
}

/** Types whose values are secrets (masked whole in samples even if the redaction policy misses them). */
const SECRET_TYPES: ReadonlySet<SensitiveType> = new Set([
  'payment-card', 'us-ssn', 'jwt', 'private-key', 'aws-access-key', 'github-token', 'slack-token', 'stripe-key', 'generic-secret', 'password',
]);

/** Bodies longer than this are cut before redaction (the sample keeps `MAX_SAMPLE_BODY` characters anyway). */
const MAX_SAMPLE_SOURCE = 64 * 1024;

function clipHeaders(headers: readonly Header[]): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  for (const [n, v] of headers.slice(0, MAX_SAMPLE_HEADERS)) {
    // credential headers recognised by name are masked whole, whatever the redaction policy says
    const masked = isApiKeyHeaderName(n) ? '[REDACTED]' : v;
    out.push([n, masked.length > MAX_SAMPLE_HEADER_VALUE ? `${masked.slice(0, MAX_SAMPLE_HEADER_VALUE)}…` : masked]);
  }
  return out;
}

function rawBody(text: string, encoding: 'base64' | undefined, size: number, parsed: unknown, classify: Classify): string {
  if (encoding === 'base64') return `[binary body, ${size} bytes]`;
  if (parsed !== undefined) return JSON.stringify(maskJson(parsed, classify));
  return text.length > MAX_SAMPLE_SOURCE ? text.slice(0, MAX_SAMPLE_SOURCE) : text;
}

function clipBody(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text.length > MAX_SAMPLE_BODY ? `${text.slice(0, MAX_SAMPLE_BODY)}…[truncated]` : text;
}

/**
 * A redacted sample of an exchange: the target (normalised path, query values masked by name), headers and
 * bodies go through the redaction policy (`redactSample`), after secret-named JSON fields and API-key headers
 * were masked here too; bodies are cut to `MAX_SAMPLE_BODY` characters after redaction.
 */
function buildSample(input: ObserveInput, requestJson: unknown, responseJson: unknown, ctx: AccumulatorContext): Sample {
  const ex = input.exchange;
  const path = `/${input.segments.map((s) => s.raw).join('/')}`;
  const query = input.query
    .map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(isApiKeyQueryName(n) || isSecretName(n) ? '[REDACTED]' : v)}`)
    .join('&');
  const res = ex.response;
  const reqBody = ex.request.body;
  const resBody = res?.body;
  const raw: Sample = {
    time: ex.time > 0 ? ex.time : ctx.now(),
    method: ex.request.method,
    target: query ? `${path}?${query}` : path,
    ...(res ? { status: res.status } : {}),
    requestHeaders: clipHeaders(ex.request.headers),
    ...(reqBody && reqBody.size > 0 ? { requestBody: rawBody(reqBody.text, reqBody.encoding, reqBody.size, requestJson, ctx.classify) } : {}),
    ...(res ? { responseHeaders: clipHeaders(res.headers) } : {}),
    ...(resBody && resBody.size > 0 ? { responseBody: rawBody(resBody.text, resBody.encoding, resBody.size, responseJson, ctx.classify) } : {}),
  };
  const red = redactSample(raw);
  const requestBody = clipBody(red.requestBody);
  const responseBody = clipBody(red.responseBody);
  return {
    ...red,
    ...(requestBody !== undefined ? { requestBody } : {}),
    ...(responseBody !== undefined ? { responseBody } : {}),
  };
}

function obj(x: unknown): Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new TypeError('state: expected an object');
  return x as Record<string, unknown>;
}
function arr(x: unknown): unknown[] {
  if (!Array.isArray(x)) throw new TypeError('state: expected an array');
  return x;
}
function str(x: unknown): string {
  if (typeof x !== 'string') throw new TypeError('state: expected a string');
  return x;
}
function num(x: unknown): number {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new TypeError('state: expected a number');
  return x;
}
function pair(x: unknown): [string, unknown] {
  if (!Array.isArray(x) || x.length !== 2 || typeof x[0] !== 'string') throw new TypeError('state: expected a pair');
  return [x[0], x[1]];
}
