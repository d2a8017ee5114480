/**
 * Properties a response carries that its documented schema does not list: the signal for excessive data
 * exposure. Objects whose schema lists no properties (free-form maps) and schemas that allow extra properties
 * with a schema of their own are not judged. Bounded: depth 8, the first 20 items of arrays, 50 findings.
 */
import type { JsonSchema } from '../core/index.js';
import { schemaObject } from './sample-value.js';

const MAX_DEPTH = 8;
const MAX_FOUND = 50;

/** JSON paths (`$.items[0].passwordHash`) of properties present in `value` but absent from `schema`. */
export function undocumentedProperties(value: unknown, schema: JsonSchema | undefined): string[] {
  const out: string[] = [];
  walk(value, schema, '$', 0, out);
  return out;
}

function walk(v: unknown, schema: JsonSchema | undefined, path: string, depth: number, out: string[]): void {
  if (depth > MAX_DEPTH || out.length >= MAX_FOUND || v === null || typeof v !== 'object' || schema === undefined || schema === true) return;
  const s = merged(schema);
  if (Array.isArray(v)) {
    const items = s.items as JsonSchema | undefined;
    v.slice(0, 20).forEach((x, i) => walk(x, items, `${path}[${i}]`, depth + 1, out));
    return;
  }
  const props = s.properties as Record<string, JsonSchema> | undefined;
  if (!props || Object.keys(props).length === 0) return;
  const extra = s.additionalProperties;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k in props) walk(x, props[k], `${path}.${k}`, depth + 1, out);
    else if (extra === undefined || extra === false) out.push(`${path}.${k}`);
    if (out.length >= MAX_FOUND) return;
  }
}

/** The schema with allOf merged and the properties of every oneOf/anyOf alternative united. */
function merged(schema: JsonSchema): Record<string, unknown> {
  const s = { ...schemaObject(schema) } as Record<string, unknown>;
  const alts = [...((s.oneOf as JsonSchema[] | undefined) ?? []), ...((s.anyOf as JsonSchema[] | undefined) ?? [])];
  if (alts.length) {
    const props: Record<string, unknown> = { ...((s.properties as Record<string, unknown>) ?? {}) };
    let items = s.items;
    for (const a of alts) {
      const m = merged(a);
      Object.assign(props, (m.properties as Record<string, unknown>) ?? {});
      items ??= m.items;
      if (m.additionalProperties !== undefined && m.additionalProperties !== false) s.additionalProperties = m.additionalProperties;
    }
    s.properties = props;
    if (items !== undefined) s.items = items;
  }
  return s;
}

/** Field names that hold secrets or regulated personal data. */
export const SENSITIVE_FIELD = /pass(word|wd)?(_?hash)?|secret|token|api_?key|private_?key|hash|salt|ssn|social_?security|card_?(number|no)|cvv|cvc|pin$|iban|otp|mfa|totp|dob|date_?of_?birth/i;
