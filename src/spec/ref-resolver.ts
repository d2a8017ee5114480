/**
 * Internal `$ref` resolution over one (bundled) document. Schemas are copied with their `$ref`s inlined; where
 * inlining would never end (a circular reference) the `$ref` is kept and its target is collected into `schemas`, so
 * every `$ref` left in a result resolves through `ApiDescription.schemas`. Shared targets are resolved once and the
 * copies are shared (results are read-only). Non-schema objects (parameters, responses, path items) are followed
 * through `$ref` chains with `follow`.
 */
import { RampartError } from '../core/errors.js';
import type { JsonSchema } from '../core/json-schema.js';
import { appendPointer, getAtPointer } from './json-pointer.js';

/** Keys whose value is one schema. */
const SCHEMA_KEYS = new Set([
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'additionalItems',
  'contentSchema',
]);
/** Keys whose value is an array of schemas. */
const SCHEMA_ARRAY_KEYS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keys whose value is a map of name → schema. */
const SCHEMA_MAP_KEYS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords that only annotate: merged from `$ref` siblings into the target (OpenAPI 3.1 allows siblings). */
const ANNOTATION_KEYS = new Set(['description', 'summary', 'title', 'example', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'default', 'nullable', 'x-nullable', 'externalDocs', 'xml']);

/** Schemas nest deeper than this only in hostile or broken documents. */
const MAX_SCHEMA_DEPTH = 500;

export interface RefResolverOptions {
  /** Where schema names without a pointer (discriminator mappings: `Dog`) live: `#/components/schemas/` or `#/definitions/`. */
  readonly schemaPrefix: string;
  /** OpenAPI 3.1 / JSON Schema 2020-12: constraint siblings of `$ref` apply (as `allOf`); else only annotations are kept. */
  readonly refSiblingsApply: boolean;
  /** Turns a document pointer into a location for error messages (`file:line:col`). */
  readonly where?: (pointer: string) => string | undefined;
  /** Rewrites each schema object before its children are resolved (Swagger 2.0 → OpenAPI 3.0 keywords). */
  readonly rewrite?: (schema: Record<string, unknown>) => Record<string, unknown>;
}

export interface RefResolver {
  /** A resolved copy of the schema at `pointer` (the value is passed in; `pointer` is where it sits, for errors). */
  schema(node: unknown, pointer: string): JsonSchema | undefined;
  /** Follows `$ref` chains from a non-schema object; returns the target and its pointer. */
  follow(node: unknown, pointer: string): { value: unknown; pointer: string };
  /** Targets of the `$ref`s kept in resolved schemas, keyed by the `$ref` value. */
  readonly schemas: Record<string, JsonSchema>;
}

export function createRefResolver(document: unknown, options: RefResolverOptions): RefResolver {
  const memo = new Map<string, JsonSchema>();
  const inProgress = new Set<string>();
  const kept = new Set<string>();
  const schemas: Record<string, JsonSchema> = {};

  const refError = (ref: string, at: string, why: string): RampartError =>
    new RampartError('E_SPEC_REF', `$ref "${ref}" at ${at || '/'} ${why}`, { location: options.where?.(at) });

  const target = (ref: string, at: string): unknown => {
    if (!ref.startsWith('#')) throw refError(ref, at, 'points outside the document (external references must be bundled by loadSpec)');
    const value = getAtPointer(document, ref);
    if (value === undefined) throw refError(ref, at, 'does not resolve: no such location in the document');
    return value;
  };

  const resolveRef = (ref: string, at: string, depth: number): JsonSchema => {
    // references are keyed by their decoded pointer, so `#/a%7Bb%7D` and `#/a{b}` are one target
    const key = ref.startsWith('#') ? `#${refPointer(ref)}` : ref;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    if (inProgress.has(key)) {
      kept.add(key);
      return { $ref: key };
    }
    const value = target(ref, at);
    inProgress.add(key);
    let resolved: JsonSchema;
    try {
      resolved = resolveSchema(value, refPointer(ref), depth + 1) ?? {};
    } finally {
      inProgress.delete(key);
    }
    memo.set(key, resolved);
    return resolved;
  };

  const resolveSchema = (node: unknown, at: string, depth: number): JsonSchema | undefined => {
    if (typeof node === 'boolean') return node;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    if (depth > MAX_SCHEMA_DEPTH) {
      throw new RampartError('E_SPEC_INVALID', `schema at ${at} nests more than ${MAX_SCHEMA_DEPTH} levels deep`, { location: options.where?.(at) });
    }
    const obj = options.rewrite ? options.rewrite(node as Record<string, unknown>) : (node as Record<string, unknown>);
    if (typeof obj.$ref === 'string') {
      const resolved = resolveRef(obj.$ref, appendPointer(at, '$ref'), depth);
      return withSiblings(resolved, obj, at, depth);
    }
    // a schema reached in place (not through a $ref) can still be the target of a $ref inside it: the bundler
    // inlines a definition at its first use and points the other uses there
    const key = `#${at}`;
    const entered = !inProgress.has(key);
    if (entered) inProgress.add(key);
    const out: Record<string, unknown> = {};
    try {
      for (const k of Object.keys(obj)) {
        const v = obj[k];
        if (SCHEMA_KEYS.has(k)) {
          out[k] = Array.isArray(v) ? v.map((s, i) => resolveSchema(s, appendPointer(appendPointer(at, k), i), depth + 1) ?? {}) : (resolveSchema(v, appendPointer(at, k), depth + 1) ?? v);
        } else if (SCHEMA_ARRAY_KEYS.has(k) && Array.isArray(v)) {
          out[k] = v.map((s, i) => resolveSchema(s, appendPointer(appendPointer(at, k), i), depth + 1) ?? {});
        } else if (SCHEMA_MAP_KEYS.has(k) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
          const m: Record<string, unknown> = {};
          for (const [name, s] of Object.entries(v as Record<string, unknown>)) m[name] = resolveSchema(s, appendPointer(appendPointer(at, k), name), depth + 1) ?? {};
          out[k] = m;
        } else if (k === 'discriminator' && v !== null && typeof v === 'object') {
          out[k] = completeDiscriminator(v as Record<string, unknown>, obj, at, depth);
        } else {
          out[k] = v;
        }
      }
    } finally {
      if (entered) inProgress.delete(key);
    }
    if (entered && kept.has(key) && !memo.has(key)) memo.set(key, out);
    return out;
  };

  const withSiblings = (resolved: JsonSchema, obj: Record<string, unknown>, at: string, depth: number): JsonSchema => {
    const siblings = Object.keys(obj).filter((k) => k !== '$ref' && !k.startsWith('x-'));
    if (siblings.length === 0) return resolved;
    const annotations = siblings.filter((k) => ANNOTATION_KEYS.has(k));
    const constraints = siblings.filter((k) => !ANNOTATION_KEYS.has(k));
    const rest: Record<string, unknown> = {};
    for (const k of annotations) rest[k] = obj[k];
    if (constraints.length > 0 && options.refSiblingsApply) {
      const own = resolveSchema(Object.fromEntries(constraints.map((k) => [k, obj[k]])), at, depth + 1);
      return { ...rest, allOf: [resolved, own ?? {}] };
    }
    if (annotations.length === 0) return resolved;
    if (typeof resolved === 'boolean') return { ...rest, allOf: [resolved] };
    return { ...resolved, ...rest };
  };

  /** Fills a discriminator's implicit mapping (schema name → `$ref`) and collects the mapping targets. */
  const completeDiscriminator = (d: Record<string, unknown>, schema: Record<string, unknown>, at: string, depth: number): unknown => {
    if (typeof d.propertyName !== 'string') return d;
    const mapping: Record<string, string> = {};
    const explicit = d.mapping !== null && typeof d.mapping === 'object' ? (d.mapping as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(explicit)) {
      if (typeof v !== 'string') continue;
      mapping[k] = v.startsWith('#') ? v : /^[A-Za-z0-9._-]+$/.test(v) ? `${options.schemaPrefix}${v}` : v;
    }
    const targets = new Set(Object.values(mapping));
    for (const key of ['oneOf', 'anyOf']) {
      const alts = schema[key];
      if (!Array.isArray(alts)) continue;
      for (const alt of alts) {
        const ref = alt !== null && typeof alt === 'object' ? (alt as Record<string, unknown>).$ref : undefined;
        if (typeof ref !== 'string' || targets.has(ref)) continue;
        const name = ref.slice(ref.lastIndexOf('/') + 1);
        if (!(name in mapping)) mapping[name] = ref;
        targets.add(ref);
      }
    }
    for (const [name, ref] of Object.entries(mapping)) {
      if (!ref.startsWith('#')) {
        delete mapping[name];
        continue;
      }
      const key = `#${refPointer(ref)}`;
      mapping[name] = key;
      kept.add(key);
      resolveRef(ref, appendPointer(appendPointer(at, 'discriminator'), 'mapping'), depth);
    }
    return { ...d, mapping };
  };

  return {
    schema(node, pointer) {
      const s = resolveSchema(node, pointer, 0);
      flushKept();
      return s;
    },
    follow(node, pointer) {
      let value = node;
      let at = pointer;
      const seen = new Set<string>();
      while (value !== null && typeof value === 'object' && typeof (value as Record<string, unknown>).$ref === 'string') {
        const ref = (value as Record<string, unknown>).$ref as string;
        if (seen.has(ref)) throw refError(ref, at, 'is a circular chain of references');
        seen.add(ref);
        value = target(ref, appendPointer(at, '$ref'));
        at = refPointer(ref);
      }
      return { value, pointer: at };
    },
    schemas,
  };

  function flushKept(): void {
    for (const ref of kept) {
      if (ref in schemas) continue;
      const s = memo.get(ref);
      if (s !== undefined) schemas[ref] = s;
    }
  }
}

/** `#/a/b` → `/a/b` (a `$ref` value to the pointer of its target). */
function refPointer(ref: string): string {
  const p = ref.slice(1);
  try {
    return p.indexOf('%') === -1 ? p : decodeURIComponent(p);
  } catch {
    return p;
  }
}
