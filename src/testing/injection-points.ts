/**
 * Where attack payloads go: the parameters and JSON body fields of a built request that carry user data
 * (path, query, header parameters and body leaves up to three levels deep), with their current value and type.
 * Bounded: at most `MAX_POINTS` per request, id-like fields last.
 */
import type { JsonSchema } from '../core/index.js';
import { pickMediaType } from './build-request.js';
import { type ValueLocation } from './mutate-request.js';
import type { PlannedOperation } from './plan.js';
import { isIdName } from './resource-name.js';
import { schemaObject, schemaType } from './sample-value.js';
import type { TestRequest } from './test-request.js';

export interface InjectionPoint {
  readonly loc: ValueLocation;
  /** Parameter or field name (last key for body fields). */
  readonly name: string;
  /** The valid value the request carries there (as text). */
  readonly value: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'unknown';
  readonly schema?: JsonSchema;
}

const MAX_POINTS = 8;
const MAX_DEPTH = 3;

export function injectionPoints(p: PlannedOperation, req: TestRequest): InjectionPoint[] {
  const out: InjectionPoint[] = [];
  for (const param of p.op.parameters) {
    if (param.in === 'cookie') continue;
    if (param.in === 'header' && /^(authorization|cookie|content-type|content-length|host|accept)$/i.test(param.name)) continue;
    let value: string | undefined;
    if (param.in === 'path') value = req.pathParams?.[param.name];
    else if (param.in === 'query') value = req.query.find(([n]) => n === param.name)?.[1];
    else value = req.headers.find(([n]) => n === param.name.toLowerCase())?.[1];
    if (value === undefined) continue;
    out.push({ loc: { in: param.in, name: param.name } as ValueLocation, name: param.name, value, type: typeOf(param.schema, value), ...(param.schema !== undefined ? { schema: param.schema } : {}) });
  }
  if (req.body?.kind === 'json') {
    const media = pickMediaType(p.op.requestBody?.content);
    walk(req.body.value, media?.[1].schema, [], out);
  }
  // ids last: payloads in free-text fields find more, and ids are what the authorisation tests use
  return out.sort((a, b) => Number(isIdName(a.name)) - Number(isIdName(b.name))).slice(0, MAX_POINTS);
}

function walk(v: unknown, schema: JsonSchema | undefined, path: Array<string | number>, out: InjectionPoint[]): void {
  if (out.length >= MAX_POINTS * 2 || path.length > MAX_DEPTH) return;
  if (v !== null && typeof v === 'object') {
    const s = schemaObject(schema);
    if (Array.isArray(v)) {
      if (v.length) walk(v[0], s.items as JsonSchema | undefined, [...path, 0], out);
      return;
    }
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, props[k], [...path, k], out);
    return;
  }
  if (path.length === 0) return;
  const name = String([...path].reverse().find((k) => typeof k === 'string') ?? '');
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    out.push({ loc: { in: 'body', path }, name, value: String(v), type: typeOf(schema, v), ...(schema !== undefined ? { schema } : {}) });
  }
}

function typeOf(schema: JsonSchema | undefined, value: unknown): InjectionPoint['type'] {
  const t = schemaType(schema);
  if (t === 'string' || t === 'integer' || t === 'number' || t === 'boolean') return t;
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  return typeof value === 'string' ? 'string' : 'unknown';
}
