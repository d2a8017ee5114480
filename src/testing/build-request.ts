/**
 * Valid requests from the spec: parameters and bodies from examples first, then generated values; ids drawn
 * from what the runner has learned for the acting identity (so `GET /orders/{orderId}` asks for an order that
 * exists and belongs to it). Pure: the id pool is read, never written.
 */
import type { ApiMediaType, ApiParameter, JsonSchema } from '../core/index.js';
import { isJsonMediaType } from '../core/index.js';
import type { IdPool, IdProvenance } from './id-pool.js';
import { getIn, renderPath, type ValueLocation } from './mutate-request.js';
import type { PlannedOperation } from './plan.js';
import { isIdName, resourceOfIdName, resourceOfPathParam } from './resource-name.js';
import { sampleValue, schemaObject, schemaType } from './sample-value.js';
import type { TestAuth, TestBody, TestRequest } from './test-request.js';

export interface BuildOptions {
  /** Who sends it ('' or undefined: no credentials). */
  readonly identity?: string;
  readonly pool?: IdPool;
  /** Varies generated values (unique e-mails, names). */
  readonly seed?: number;
  /** Fixed values for some parameters/body fields, by location. */
  readonly values?: ReadonlyArray<readonly [ValueLocation, unknown]>;
  /** Which id provenances may be used (default: any). */
  readonly provenances?: readonly IdProvenance[];
}

/** An id-holding place in a request and the resource it names. */
export interface IdSlot {
  readonly loc: ValueLocation;
  readonly resource: string;
  readonly schema?: JsonSchema;
}

const SKIPPED_HEADERS = new Set(['authorization', 'cookie', 'content-type', 'content-length', 'host', 'accept']);

export function buildRequest(p: PlannedOperation, o: BuildOptions = {}): TestRequest {
  const op = p.op;
  const identity = o.identity ?? '';
  const fixed = (loc: ValueLocation): { v: unknown } | undefined => {
    const hit = o.values?.find(([l]) => sameLocation(l, loc));
    return hit ? { v: hit[1] } : undefined;
  };
  const idFor = (resource: string | undefined, schema: JsonSchema | undefined): string | number | undefined => {
    if (!resource || !o.pool) return undefined;
    const ids = o.pool.ids(resource, identity, o.provenances);
    const want = schemaType(schema);
    const pick = ids.find((x) => (want === 'integer' || want === 'number' ? typeof x.value === 'number' || /^\d+$/.test(String(x.value)) : true));
    if (!pick) return undefined;
    return want === 'integer' || want === 'number' ? Number(pick.value) : want === 'string' ? String(pick.value) : pick.value;
  };

  const pathParams: Record<string, string> = {};
  const query: Array<readonly [string, string]> = [];
  const headers: Array<readonly [string, string]> = [['accept', 'application/json']];
  for (const param of op.parameters) {
    const loc: ValueLocation = { in: param.in === 'cookie' ? 'header' : param.in, name: param.name } as ValueLocation;
    if (param.in === 'cookie') continue;
    const f = fixed(loc);
    if (param.in === 'path') {
      const v = f ? f.v : (idFor(resourceOfPathParam(p.fullPath, param.name), param.schema) ?? paramSample(param, o.seed));
      pathParams[param.name] = String(v);
    } else if (param.in === 'query') {
      const idValue = isIdName(param.name) ? idFor(resourceOfIdName(param.name) ?? undefined, param.schema) : undefined;
      if (f) query.push([param.name, String(f.v)]);
      else if (idValue !== undefined) query.push([param.name, String(idValue)]);
      else if (param.required || param.example !== undefined || hasExample(param.schema)) query.push([param.name, String(paramSample(param, o.seed))]);
    } else if (param.in === 'header') {
      if (SKIPPED_HEADERS.has(param.name.toLowerCase())) continue;
      if (f) headers.push([param.name.toLowerCase(), String(f.v)]);
      else if (param.required) headers.push([param.name.toLowerCase(), String(paramSample(param, o.seed))]);
    }
  }

  let body: TestBody | undefined;
  const media = pickMediaType(op.requestBody?.content);
  if (media) {
    const [type, mt] = media;
    let value = mt.example !== undefined ? mt.example : sampleValue(mt.schema, { direction: 'request', ...(o.seed !== undefined ? { seed: o.seed } : {}) });
    value = fillBodyIds(value, mt.schema, (resource, schema) => idFor(resource, schema));
    for (const [loc, v] of o.values ?? []) if (loc.in === 'body') value = setPath(value, loc.path, v);
    if (isJsonMediaType(type)) body = { kind: 'json', value };
    else if (type === 'application/x-www-form-urlencoded' && value && typeof value === 'object') body = { kind: 'form', fields: Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as const) };
    else body = { kind: 'raw', contentType: type, text: typeof value === 'string' ? value : JSON.stringify(value ?? '') };
  }

  const auth: TestAuth = identity ? { kind: 'identity', identity } : { kind: 'none' };
  return {
    method: op.method,
    path: renderPath(p.fullPath, pathParams),
    pathTemplate: p.fullPath,
    pathParams,
    query,
    headers,
    ...(body ? { body } : {}),
    auth,
    operation: op,
    valid: true,
  };
}

/** The places in an operation's requests that hold ids of a known resource (path, query and body). */
export function idSlots(p: PlannedOperation): IdSlot[] {
  const out: IdSlot[] = [];
  for (const param of p.op.parameters) {
    if (param.in === 'path') {
      const r = resourceOfPathParam(p.fullPath, param.name);
      if (r) out.push({ loc: { in: 'path', name: param.name }, resource: r, ...(param.schema !== undefined ? { schema: param.schema } : {}) });
    } else if (param.in === 'query' && isIdName(param.name)) {
      const r = resourceOfIdName(param.name);
      if (r) out.push({ loc: { in: 'query', name: param.name }, resource: r, ...(param.schema !== undefined ? { schema: param.schema } : {}) });
    }
  }
  const media = pickMediaType(p.op.requestBody?.content);
  if (media && isJsonMediaType(media[0])) {
    const props = (schemaObject(media[1].schema).properties ?? {}) as Record<string, JsonSchema>;
    for (const [k, s] of Object.entries(props)) {
      const r = isIdName(k) ? resourceOfIdName(k) : undefined;
      if (r) out.push({ loc: { in: 'body', path: [k] }, resource: r, schema: s });
    }
  }
  return out;
}

/** The JSON media type of a request body if any, else form, else the first one listed. */
export function pickMediaType(content: Readonly<Record<string, ApiMediaType>> | undefined): [string, ApiMediaType] | undefined {
  if (!content) return undefined;
  const entries = Object.entries(content);
  return (
    entries.find(([t]) => isJsonMediaType(t.toLowerCase())) ??
    entries.find(([t]) => t.toLowerCase() === 'application/x-www-form-urlencoded') ??
    entries.find(([t]) => !t.toLowerCase().startsWith('multipart/')) ??
    undefined
  );
}

function paramSample(param: ApiParameter, seed?: number): unknown {
  if (param.example !== undefined) return param.example;
  const v = sampleValue(param.schema ?? { type: 'string' }, { direction: 'request', ...(seed !== undefined ? { seed } : {}) });
  if (v === null || v === undefined) return '1';
  return typeof v === 'object' ? JSON.stringify(v) : v;
}

function hasExample(schema: JsonSchema | undefined): boolean {
  const s = schemaObject(schema);
  return s.example !== undefined || s.default !== undefined || (Array.isArray(s.examples) && s.examples.length > 0);
}

/** Replaces id fields (`orderId`, top level and one level down) with learned ids of that resource. */
function fillBodyIds(value: unknown, schema: JsonSchema | undefined, idFor: (resource: string, schema: JsonSchema | undefined) => string | number | undefined): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const props = (schemaObject(schema).properties ?? {}) as Record<string, JsonSchema>;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [k, v] of Object.entries(out)) {
    const r = isIdName(k) ? resourceOfIdName(k) : undefined;
    if (r) {
      const id = idFor(r, props[k]);
      if (id !== undefined) out[k] = id;
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = fillBodyIds(v, props[k], idFor);
    }
  }
  return out;
}

function setPath(value: unknown, path: ReadonlyArray<string | number>, v: unknown): unknown {
  if (path.length === 0) return v;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const base = value !== null && typeof value === 'object' ? (Array.isArray(value) ? [...value] : { ...(value as object) }) : typeof head === 'number' ? [] : {};
  (base as Record<string | number, unknown>)[head] = setPath(getIn(value, [head]), rest, v);
  return base;
}

export function sameLocation(a: ValueLocation, b: ValueLocation): boolean {
  if (a.in !== b.in) return false;
  if (a.in === 'body' && b.in === 'body') return a.path.length === b.path.length && a.path.every((k, i) => k === b.path[i]);
  return (a as { name: string }).name === (b as { name: string }).name;
}
