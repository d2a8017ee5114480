/**
 * Properties a response body carries that its documented schema does not list — the traffic signal of
 * excessive data exposure. Objects whose schema lists no properties (free-form maps) and schemas that allow
 * extra properties with a schema of their own are not judged; `allOf` is merged and the properties of every
 * `oneOf`/`anyOf` alternative united; `$ref`s left for recursion are looked up in `schemas`. Bounded: depth 16,
 * the first 50 items of arrays, 100 paths.
 */
import type { JsonSchema } from '../core/index.js';

const MAX_DEPTH = 16;
const MAX_ITEMS = 50;
const MAX_FOUND = 100;

type Schemas = Readonly<Record<string, JsonSchema>> | undefined;

/** JSON paths (`$.items[0].passwordHash`) of properties present in `value` but absent from `schema`. */
export function extraResponseFields(value: unknown, schema: JsonSchema | undefined, schemas?: Schemas): string[] {
  const out: string[] = [];
  walk(value, schema, '$', 0, out, schemas);
  return out;
}

function key(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? `.${k}` : `['${k.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

function walk(v: unknown, schema: JsonSchema | undefined, path: string, depth: number, out: string[], schemas: Schemas): void {
  if (depth > MAX_DEPTH || out.length >= MAX_FOUND || v === null || typeof v !== 'object' || schema === undefined || typeof schema === 'boolean') return;
  const s = merged(schema, schemas, 0);
  if (Array.isArray(v)) {
    const items = s.items as JsonSchema | undefined;
    v.slice(0, MAX_ITEMS).forEach((x, i) => walk(x, items, `${path}[${i}]`, depth + 1, out, schemas));
    return;
  }
  const props = s.properties as Record<string, JsonSchema> | undefined;
  if (!props || Object.keys(props).length === 0) return;
  const extra = s.additionalProperties;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (Object.prototype.hasOwnProperty.call(props, k)) walk(x, props[k], `${path}${key(k)}`, depth + 1, out, schemas);
    else if (extra === undefined || extra === false) out.push(`${path}${key(k)}`);
    if (out.length >= MAX_FOUND) return;
  }
}

function resolved(schema: JsonSchema, schemas: Schemas): Record<string, unknown> {
  if (typeof schema === 'boolean') return {};
  const ref = schema.$ref;
  if (typeof ref === 'string' && schemas?.[ref] !== undefined) {
    const target = schemas[ref];
    return typeof target === 'object' ? { ...target, ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$ref')) } : {};
  }
  return { ...schema };
}

/** The schema with allOf merged and the properties of every oneOf/anyOf alternative united. */
function merged(schema: JsonSchema, schemas: Schemas, depth: number): Record<string, unknown> {
  const s = resolved(schema, schemas);
  if (depth > 8) return s;
  const parts = [...((s.allOf as JsonSchema[] | undefined) ?? []), ...((s.oneOf as JsonSchema[] | undefined) ?? []), ...((s.anyOf as JsonSchema[] | undefined) ?? [])];
  if (parts.length) {
    const props: Record<string, unknown> = { ...((s.properties as Record<string, unknown>) ?? {}) };
    let items = s.items;
    for (const a of parts) {
      const m = merged(a, schemas, depth + 1);
      Object.assign(props, (m.properties as Record<string, unknown>) ?? {});
      items ??= m.items;
      if (m.additionalProperties !== undefined && m.additionalProperties !== false) s.additionalProperties = m.additionalProperties;
    }
    s.properties = props;
    if (items !== undefined) s.items = items;
  }
  return s;
}
