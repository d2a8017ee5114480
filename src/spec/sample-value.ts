/**
 * Valid values from a JSON Schema (OpenAPI 3.0 schema objects or 2020-12): examples first, then defaults,
 * enums and constants, then generated values that respect type, format and bounds. Deterministic for a seed,
 * so reruns send the same requests. Used by the test runner (requests) and the gateway's deception (fake
 * responses, with their own `strings` so the values look like real data).
 */
import type { JsonSchema } from '../core/index.js';

export interface SampleOptions {
  /** 'request' leaves out readOnly properties; 'response' leaves out writeOnly ones. */
  readonly direction?: 'request' | 'response';
  /** Varies generated strings/numbers between calls (e.g. unique e-mails for two registrations). */
  readonly seed?: number;
  /** Include optional object properties (default true: fuller bodies exercise more of the API). */
  readonly optional?: boolean;
  /** Strings to use before the built-in ones (which say `rampart`); undefined falls back to them. */
  readonly strings?: StringSource;
}

/** A string for a property `name` of `format` (both may be ''), varied by `seed`. */
export type StringSource = (name: string, format: string, seed: number) => string | undefined;

type SchemaObject = { readonly [key: string]: unknown };

const MAX_DEPTH = 8;

/** A valid value for `schema`, or undefined when the schema gives nothing to go on (`false`). */
export function sampleValue(schema: JsonSchema | undefined, options: SampleOptions = {}): unknown {
  return sample(schema, options, 0, '');
}

/** The object form of a schema (true/undefined become `{}`), with `allOf` merged. */
export function schemaObject(schema: JsonSchema | undefined): SchemaObject {
  if (schema === undefined || schema === true) return {};
  if (schema === false) return { not: {} };
  const allOf = schema.allOf;
  if (!Array.isArray(allOf) || allOf.length === 0) return schema;
  const merged: Record<string, unknown> = { ...schema };
  delete merged.allOf;
  const props: Record<string, unknown> = { ...((schema.properties as Record<string, unknown>) ?? {}) };
  const required = new Set<string>(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const part of allOf as JsonSchema[]) {
    const p = schemaObject(part);
    for (const [k, v] of Object.entries(p)) if (k !== 'properties' && k !== 'required' && merged[k] === undefined) merged[k] = v;
    Object.assign(props, (p.properties as Record<string, unknown>) ?? {});
    if (Array.isArray(p.required)) for (const r of p.required as string[]) required.add(r);
  }
  if (Object.keys(props).length) merged.properties = props;
  if (required.size) merged.required = [...required];
  return merged;
}

/** Primary JSON type of a schema (`string`, `integer`, …), inferred from keywords when `type` is absent. */
export function schemaType(schema: JsonSchema | undefined): string | undefined {
  const s = schemaObject(schema);
  const t = s.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return (t as string[]).find((x) => x !== 'null') ?? (t[0] as string | undefined);
  if (s.properties || s.additionalProperties) return 'object';
  if (s.items) return 'array';
  if (Array.isArray(s.enum) && s.enum.length) return jsonType(s.enum[0]);
  const alt = (s.oneOf ?? s.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(alt) && alt.length) return schemaType(alt[0]);
  return undefined;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function sample(schema: JsonSchema | undefined, o: SampleOptions, depth: number, name: string): unknown {
  if (schema === false) return undefined;
  const s = schemaObject(schema);
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length) return s.examples[0];
  if (s.const !== undefined) return s.const;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum.find((e) => e !== null) ?? s.enum[0];
  const alt = (s.oneOf ?? s.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(alt) && alt.length) return sample(alt[0], o, depth + 1, name);
  if (depth > MAX_DEPTH) return null;
  switch (schemaType(s)) {
    case 'object':
      return sampleObject(s, o, depth);
    case 'array': {
      const min = typeof s.minItems === 'number' ? Math.min(s.minItems, 5) : 1;
      const item = sample(s.items as JsonSchema | undefined, o, depth + 1, name);
      return item === undefined ? [] : Array.from({ length: Math.max(1, min) }, () => item);
    }
    case 'integer':
      return sampleNumber(s, true, o.seed ?? 0);
    case 'number':
      return sampleNumber(s, false, o.seed ?? 0);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      return sampleString(s, o.seed ?? 0, name, o.strings);
    default:
      return 'rampart';
  }
}

function sampleObject(s: SchemaObject, o: SampleOptions, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
  for (const [k, sub] of Object.entries(props)) {
    const so = schemaObject(sub);
    if (o.direction !== 'response' && so.readOnly === true) continue;
    if (o.direction === 'response' && so.writeOnly === true) continue;
    if (!required.has(k) && o.optional === false) continue;
    const v = sample(sub, o, depth + 1, k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function sampleNumber(s: SchemaObject, integer: boolean, seed: number): number {
  const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + (integer ? 1 : 0.5) : undefined;
  const max = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - (integer ? 1 : 0.5) : undefined;
  let v = min ?? (max !== undefined ? Math.min(1, max) : 1);
  if (max !== undefined && v > max) v = max;
  if (seed && max === undefined) v += seed;
  if (s.exclusiveMinimum === true && min !== undefined && v === min) v += integer ? 1 : 0.5;
  return integer ? Math.ceil(v) : v;
}

const FORMATS: Record<string, (seed: number) => string> = {
  email: (n) => `rampart.test${n || ''}@example.com`,
  uuid: (n) => `3f2504e0-4f89-41d3-9a0c-0305e82c${(3301 + n).toString(16).padStart(4, '0').slice(-4)}`,
  'date-time': () => '2024-01-15T10:00:00Z',
  date: () => '2024-01-15',
  time: () => '10:00:00Z',
  uri: () => 'https://example.com/rampart',
  url: () => 'https://example.com/rampart',
  hostname: () => 'example.com',
  ipv4: () => '192.0.2.10',
  ipv6: () => '2001:db8::10',
  password: () => 'Rampart-Test-1!',
  byte: () => 'cmFtcGFydA==',
  binary: () => 'rampart',
  'phone': () => '+15555550100',
};

function sampleString(s: SchemaObject, seed: number, name: string, strings: StringSource | undefined): string {
  const format = typeof s.format === 'string' ? s.format : '';
  const fmt = FORMATS[format];
  let v = strings?.(name, format, seed) ?? (fmt ? fmt(seed) : byName(name, seed));
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : undefined;
  if (v.length < min) v = v.padEnd(min, 'x');
  if (max !== undefined && v.length > max) v = v.slice(0, Math.max(max, 0));
  return v;
}

/** Plausible strings for common field names, so generated bodies pass server-side checks more often. */
function byName(name: string, seed: number): string {
  const n = name.toLowerCase();
  if (n.includes('email')) return FORMATS.email!(seed);
  if (n.includes('password')) return 'Rampart-Test-1!';
  if (n.includes('url') || n.includes('uri') || n.includes('link')) return 'https://example.com/rampart';
  if (n.includes('phone')) return '+15555550100';
  if (n === 'country') return 'US';
  if (n.includes('date')) return '2024-01-15';
  return seed ? `rampart${seed}` : 'rampart';
}
