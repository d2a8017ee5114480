/**
 * Coerces strings read from a URL, header, cookie or form to the types the schema declares (`"42"` → 42 for
 * `integer`, `"true"` → true, a lone value → `[value]` for arrays), recursively through arrays and objects.
 * A string that does not fit stays a string, so the schema validation reports the mismatch.
 */
import type { JsonSchema } from '../core/json-schema.js';

type Obj = Record<string, unknown>;

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The JSON types a schema admits (looking through `allOf`/`anyOf`/`oneOf`); empty when unconstrained. */
export function schemaTypes(schema: JsonSchema | undefined, depth = 0): Set<string> {
  const out = new Set<string>();
  if (!isObj(schema) || depth > 8) return out;
  const t = schema.type;
  if (typeof t === 'string') out.add(t);
  else if (Array.isArray(t)) for (const x of t) if (typeof x === 'string') out.add(x);
  if (out.size === 0) {
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      const list = schema[key];
      if (Array.isArray(list)) for (const s of list) for (const x of schemaTypes(s as JsonSchema, depth + 1)) out.add(x);
    }
  }
  if (out.size === 0) {
    if (isObj(schema.properties) || schema.additionalProperties !== undefined) out.add('object');
    else if (schema.items !== undefined) out.add('array');
    else if (Array.isArray(schema.enum)) {
      for (const v of schema.enum) out.add(v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v);
    }
  }
  if (schema.nullable === true) out.add('null');
  return out;
}

/** The schema of an object's property (properties, then additionalProperties), for coercion only. */
export function propertySchema(schema: JsonSchema | undefined, name: string): JsonSchema | undefined {
  if (!isObj(schema)) return undefined;
  const props = schema.properties;
  if (isObj(props) && props[name] !== undefined) return props[name] as JsonSchema;
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const s of list) {
      const found = propertySchema(s as JsonSchema, name);
      if (found !== undefined) return found;
    }
  }
  const extra = schema.additionalProperties;
  return isObj(extra) ? (extra as JsonSchema) : undefined;
}

/** The schema of array items, for coercion only. */
export function itemsSchema(schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!isObj(schema)) return undefined;
  if (isObj(schema.items)) return schema.items as JsonSchema;
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (!Array.isArray(list)) continue;
    for (const s of list) {
      const found = itemsSchema(s as JsonSchema);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Coerces `value` (strings, arrays and objects of strings) to the schema's types. */
export function coerceValue(value: unknown, schema: JsonSchema | undefined, depth = 0): unknown {
  if (!isObj(schema) || depth > 32) return value;
  if (Array.isArray(value)) {
    const items = itemsSchema(schema);
    return items === undefined ? value : value.map((v) => coerceValue(v, items, depth + 1));
  }
  if (isObj(value)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) out[k] = coerceValue(v, propertySchema(schema, k), depth + 1);
    return out;
  }
  if (typeof value !== 'string') return value;
  const types = schemaTypes(schema);
  if (types.size === 0 || types.has('string')) return value;
  if (types.has('integer') && INTEGER.test(value)) {
    const n = Number(value);
    if (Number.isSafeInteger(n)) return n;
  }
  if (types.has('number') && NUMBER.test(value)) return Number(value);
  if (types.has('boolean')) {
    if (value === 'true') return true;
    if (value === 'false') return false;
  }
  if (types.has('null') && (value === 'null' || value === '')) return null;
  if (types.has('array')) return [coerceValue(value, itemsSchema(schema), depth + 1)];
  return value;
}

/** A coercion function precomputed from a schema (`coerceValue` without per-call schema inspection). */
export type Coercer = (value: unknown) => unknown;

const identity: Coercer = (v) => v;

/**
 * Precomputes `coerceValue` for one schema: the gateway coerces every parameter of every request, so the schema's
 * types are read once here, not per value.
 */
export function createCoercer(schema: JsonSchema | undefined, depth = 0): Coercer {
  if (!isObj(schema) || depth > 8) return identity;
  const types = schemaTypes(schema);
  const items = types.has('array') ? createCoercer(itemsSchema(schema), depth + 1) : identity;
  const propCache = new Map<string, Coercer>();
  const prop = (name: string): Coercer => {
    let c = propCache.get(name);
    if (!c) {
      c = propCache.size < 256 ? createCoercer(propertySchema(schema, name), depth + 1) : (v: unknown) => coerceValue(v, propertySchema(schema, name), depth + 1);
      if (propCache.size < 256) propCache.set(name, c);
    }
    return c;
  };
  const keepString = types.size === 0 || types.has('string');
  const wantInt = types.has('integer');
  const wantNum = types.has('number');
  const wantBool = types.has('boolean');
  const wantNull = types.has('null');
  const wantArray = types.has('array');
  return (value) => {
    if (typeof value === 'string') {
      if (keepString) return value;
      if (wantInt && INTEGER.test(value)) {
        const n = Number(value);
        if (Number.isSafeInteger(n)) return n;
      }
      if (wantNum && NUMBER.test(value)) return Number(value);
      if (wantBool) {
        if (value === 'true') return true;
        if (value === 'false') return false;
      }
      if (wantNull && (value === 'null' || value === '')) return null;
      if (wantArray) return [items(value)];
      return value;
    }
    if (Array.isArray(value)) return items === identity ? value : value.map(items);
    if (isObj(value)) {
      const out: Obj = {};
      for (const k of Object.keys(value)) out[k] = prop(k)(value[k]);
      return out;
    }
    return value;
  };
}
