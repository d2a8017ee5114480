/**
 * OpenAPI schema → a JSON Schema Ajv compiles, for one direction (request or response):
 * - 3.0 `nullable: true` → `null` added to `type` (or an `anyOf` with `{type: null}`) and to `enum`;
 * - 3.0 boolean `exclusiveMinimum`/`exclusiveMaximum` → draft-07 numbers (3.1 already uses numbers);
 * - `readOnly` properties are not required in requests, `writeOnly` ones not in responses (and, with the
 *   forbid options, must not be present at all);
 * - `discriminator` beside `oneOf`/`anyOf` → the mapped alternative is chosen by the property value
 *   (`if`/`then` per mapping entry), so inheritance-style alternatives that also match each other do not fail `oneOf`;
 *   a discriminator whose alternatives cannot all be mapped makes `oneOf` an `anyOf`;
 * - `$ref`s left by the loader (circular schemas, discriminator targets) point at schemas registered once per Ajv
 *   under `urn:rampart:def:N`;
 * - keywords with values of the wrong type (`required: true`, `enum: "x"`) and nested `$id`/`$schema` are dropped,
 *   so one sloppy schema does not stop the rest of an operation from being validated.
 * Results are memoised per source schema object, so a schema shared by many operations is compiled once.
 */
import type { Ajv } from 'ajv';
import type { JsonSchema } from '../core/json-schema.js';
import { FORBIDDEN_KEYWORDS } from './ajv-factory.js';

export type Direction = 'request' | 'response';

export interface SchemaPreparerOptions {
  readonly dialect: 'openapi-3.0' | 'json-schema-2020-12';
  readonly direction: Direction;
  /** Named schemas `$ref`s may point to (`ApiDescription.schemas`). */
  readonly schemas: Readonly<Record<string, JsonSchema>>;
  /** Report readOnly properties in requests (writeOnly in responses) as issues instead of only un-requiring them. */
  readonly forbidAccessOnly: boolean;
}

export interface SchemaPreparer {
  /** The prepared schema (memoised by identity); defs it refers to are registered in `ajv`. */
  prepare(schema: JsonSchema): JsonSchema;
  /** True when the prepared schema can recurse (refers to a registered def): data depth then needs a bound. */
  isRecursive(schema: JsonSchema): boolean;
}

type Obj = Record<string, unknown>;

const SCHEMA_KEYS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'additionalItems'];
const SCHEMA_ARRAY_KEYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_MAP_KEYS = ['properties', 'patternProperties', 'dependentSchemas'];
const NUMBER_KEYS = ['minimum', 'maximum', 'multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'];
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
/** Annotations and keywords with no effect on validation, dropped to keep compiled code small. */
const DROP = new Set(['$id', '$schema', '$comment', '$anchor', '$dynamicAnchor', 'example', 'examples', 'description', 'title', 'xml', 'externalDocs', 'deprecated', 'definitions', '$defs', 'discriminator', 'nullable', 'x-nullable']);

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function createSchemaPreparer(ajv: Ajv, options: SchemaPreparerOptions): SchemaPreparer {
  const memo = new WeakMap<object, JsonSchema>();
  const recursive = new WeakMap<object, boolean>();
  const defIds = new Map<string, string>();
  /** Defs given an id but not yet registered: registered once the schema that needs them is fully prepared. */
  const pending: string[] = [];
  const is30 = options.dialect === 'openapi-3.0';
  const accessOnly = options.direction === 'request' ? 'readOnly' : 'writeOnly';

  const defUri = (ref: string): string | undefined => {
    const known = defIds.get(ref);
    if (known) return known;
    const target = options.schemas[ref];
    if (target === undefined) return undefined;
    const id = `urn:rampart:def:${defIds.size + 1}`;
    defIds.set(ref, id);
    pending.push(ref);
    return id;
  };

  const prep = (schema: unknown, depth: number): JsonSchema => {
    if (typeof schema === 'boolean') return schema;
    if (!isObj(schema)) return {};
    const cached = memo.get(schema);
    if (cached !== undefined) return cached;
    if (depth > 200) return {};
    const out: Obj = {};
    // placeholder against runaway recursion on shared objects
    memo.set(schema, out);
    for (const [k, v] of Object.entries(schema)) {
      if (DROP.has(k) || k.startsWith('x-')) continue;
      if (k === '$ref') {
        if (typeof v !== 'string') continue;
        const id = defUri(v);
        if (id) out.$ref = id;
        continue;
      }
      if (SCHEMA_KEYS.includes(k)) {
        if (Array.isArray(v)) out[k] = v.map((s) => prep(s, depth + 1));
        else if (typeof v === 'boolean' || isObj(v)) out[k] = prep(v, depth + 1);
      } else if (SCHEMA_ARRAY_KEYS.includes(k)) {
        if (Array.isArray(v) && v.length > 0) out[k] = v.map((s) => prep(s, depth + 1));
      } else if (SCHEMA_MAP_KEYS.includes(k)) {
        if (isObj(v)) {
          const m: Obj = {};
          for (const [name, s] of Object.entries(v)) m[name] = prep(s, depth + 1);
          out[k] = m;
        }
      } else if (k === 'type') {
        if (typeof v === 'string' && TYPES.has(v)) out.type = v;
        else if (Array.isArray(v) && v.every((t) => typeof t === 'string' && TYPES.has(t))) out.type = v;
      } else if (k === 'required') {
        if (Array.isArray(v) && v.every((r) => typeof r === 'string')) out.required = v;
      } else if (k === 'enum') {
        if (Array.isArray(v)) out.enum = v;
      } else if (k === 'pattern') {
        if (typeof v === 'string') out.pattern = v;
      } else if (k === 'format') {
        if (typeof v === 'string') out.format = v;
      } else if (k === 'exclusiveMinimum' || k === 'exclusiveMaximum') {
        if (typeof v === 'number') out[k] = v;
        else if (v === true && is30) {
          const bound = schema[k === 'exclusiveMinimum' ? 'minimum' : 'maximum'];
          if (typeof bound === 'number') out[k] = bound;
        }
      } else if (NUMBER_KEYS.includes(k)) {
        if (typeof v === 'number') out[k] = v;
      } else {
        out[k] = v;
      }
    }
    // 3.0 boolean exclusive bounds replace the inclusive ones
    if (is30 && schema.exclusiveMinimum === true && typeof out.exclusiveMinimum === 'number') delete out.minimum;
    if (is30 && schema.exclusiveMaximum === true && typeof out.exclusiveMaximum === 'number') delete out.maximum;
    applyAccessOnly(out);
    applyDiscriminator(schema, out);
    const final = is30 && (schema.nullable === true || schema['x-nullable'] === true) ? nullable(out) : out;
    if (final !== out) memo.set(schema, final);
    return final;
  };

  /** readOnly (requests) / writeOnly (responses) properties: not required; forbidden when asked. */
  const applyAccessOnly = (out: Obj) => {
    if (!isObj(out.properties)) return;
    const props = out.properties as Obj;
    const flagged = Object.keys(props).filter((name) => {
      const p = props[name];
      return isObj(p) && hasAccessFlag(p, accessOnly);
    });
    if (flagged.length === 0) return;
    if (Array.isArray(out.required)) out.required = (out.required as string[]).filter((r) => !flagged.includes(r));
    if (options.forbidAccessOnly) {
      const copy: Obj = { ...props };
      for (const name of flagged) copy[name] = { [FORBIDDEN_KEYWORDS[accessOnly]]: true };
      out.properties = copy;
    }
  };

  const applyDiscriminator = (schema: Obj, out: Obj) => {
    const d = schema.discriminator;
    if (!isObj(d) || typeof d.propertyName !== 'string') return;
    const altKey = Array.isArray(out.oneOf) ? 'oneOf' : Array.isArray(out.anyOf) ? 'anyOf' : undefined;
    if (!altKey) return;
    const alternatives = out[altKey] as unknown[];
    const mapping = isObj(d.mapping) ? (d.mapping as Record<string, unknown>) : {};
    const entries = Object.entries(mapping).filter((e): e is [string, string] => typeof e[1] === 'string');
    const targets = new Set(entries.map((e) => e[1]));
    const ids = entries.map(([k, ref]) => [k, defUri(ref)] as const);
    if (entries.length === 0 || targets.size < alternatives.length || ids.some(([, id]) => id === undefined)) {
      // alternatives that cannot all be told apart by the discriminator: at least one must match
      if (altKey === 'oneOf') {
        out.anyOf = out.oneOf;
        delete out.oneOf;
      }
      return;
    }
    const prop = d.propertyName;
    delete out[altKey];
    if (out.type === undefined) out.type = 'object';
    const required = Array.isArray(out.required) ? (out.required as string[]) : [];
    if (!required.includes(prop)) out.required = [...required, prop];
    const props = isObj(out.properties) ? { ...(out.properties as Obj) } : {};
    const own = props[prop];
    props[prop] = { ...(isObj(own) ? own : {}), enum: ids.map(([k]) => k) };
    out.properties = props;
    const allOf = Array.isArray(out.allOf) ? [...(out.allOf as unknown[])] : [];
    for (const [k, id] of ids) allOf.push({ if: { properties: { [prop]: { const: k } } }, then: { $ref: id } });
    out.allOf = allOf;
  };

  return {
    prepare(schema) {
      const prepared = prep(schema, 0);
      // a def can be the schema being prepared (a circular schema inlined once): register complete copies only
      while (pending.length > 0) {
        const ref = pending.pop() as string;
        const id = defIds.get(ref) as string;
        const def = prep(options.schemas[ref], 0);
        ajv.addSchema(typeof def === 'boolean' ? def : { ...def, $id: id }, typeof def === 'boolean' ? id : undefined);
      }
      return prepared;
    },
    isRecursive(schema) {
      if (typeof schema !== 'object') return false;
      let r = recursive.get(schema);
      if (r === undefined) {
        r = containsRef(schema);
        recursive.set(schema, r);
      }
      return r;
    },
  };
}

/** True when a prepared schema holds a `$ref` anywhere (an iterative walk). */
function containsRef(schema: object): boolean {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const v of node) stack.push(v);
      continue;
    }
    if ('$ref' in node) return true;
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') stack.push(v);
  }
  return false;
}

function hasAccessFlag(p: Obj, flag: string): boolean {
  if (p[flag] === true) return true;
  // `allOf: [{$ref…}]` with the flag beside it, or inside the single member (a common 3.0 idiom)
  return Array.isArray(p.allOf) && p.allOf.length === 1 && isObj(p.allOf[0]) && (p.allOf[0] as Obj)[flag] === true;
}

function nullable(out: Obj): Obj {
  if (typeof out.type === 'string') {
    const r: Obj = { ...out, type: [out.type, 'null'] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) r.enum = [...out.enum, null];
    return r;
  }
  if (Array.isArray(out.type)) {
    const r: Obj = { ...out, type: out.type.includes('null') ? out.type : [...out.type, 'null'] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) r.enum = [...out.enum, null];
    return r;
  }
  if (out.allOf !== undefined || out.oneOf !== undefined || out.anyOf !== undefined || out.$ref !== undefined || out.enum !== undefined || out.not !== undefined) {
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}
