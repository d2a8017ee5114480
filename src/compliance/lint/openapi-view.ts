/**
 * Small pure helpers over an OpenAPI 2.0 / 3.x document (already `$ref`-resolved by the engine): operations,
 * effective security, security schemes, request inputs and schema walks. Rules use them so that each rule
 * stays a few lines about what it checks.
 */
import type { JsonPathSegment } from './json-path.js';

export type Obj = Record<string, unknown>;
export type Path = JsonPathSegment[];

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export const WRITE_METHODS = new Set(['post', 'put', 'patch']);

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isOas2(root: unknown): boolean {
  return isObj(root) && root.swagger === '2.0';
}

export interface OperationRef {
  readonly pathKey: string;
  readonly method: string;
  readonly op: Obj;
  readonly pathItem: Obj;
  /** JSON path of the operation: `['paths', '/x', 'get']`. */
  readonly at: Path;
}

/** Every operation of the document, in document order. */
export function operationsOf(root: unknown): OperationRef[] {
  const out: OperationRef[] = [];
  if (!isObj(root) || !isObj(root.paths)) return out;
  for (const [pathKey, item] of Object.entries(root.paths)) {
    if (!isObj(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (isObj(op)) out.push({ pathKey, method, op, pathItem: item, at: ['paths', pathKey, method] });
    }
  }
  return out;
}

/** The operation at a JSON path `['paths', p, m]`, or undefined. */
export function operationAt(root: unknown, path: readonly JsonPathSegment[]): OperationRef | undefined {
  if (path.length !== 3 || path[0] !== 'paths' || !isObj(root) || !isObj(root.paths)) return undefined;
  const pathKey = String(path[1]);
  const method = String(path[2]);
  const item = root.paths[pathKey];
  if (!isObj(item) || !isObj(item[method])) return undefined;
  return { pathKey, method, op: item[method] as Obj, pathItem: item, at: ['paths', pathKey, method] };
}

/** Security schemes by name (`components.securitySchemes` or 2.0 `securityDefinitions`), with their path. */
export function securitySchemesOf(root: unknown): Map<string, { scheme: Obj; at: Path }> {
  const out = new Map<string, { scheme: Obj; at: Path }>();
  if (!isObj(root)) return out;
  const [holder, base]: [unknown, Path] = isOas2(root)
    ? [root.securityDefinitions, ['securityDefinitions']]
    : [isObj(root.components) ? root.components.securitySchemes : undefined, ['components', 'securitySchemes']];
  if (!isObj(holder)) return out;
  for (const [name, scheme] of Object.entries(holder)) if (isObj(scheme)) out.set(name, { scheme, at: [...base, name] });
  return out;
}

export interface EffectiveSecurity {
  /** The requirements in force (alternatives), [] when explicitly public, undefined when none declared. */
  readonly requirements: readonly Obj[] | undefined;
  /** Where they are declared. */
  readonly at: Path | undefined;
  /** True when the operation itself says `security: []`. */
  readonly explicitPublic: boolean;
}

/** Operation-level security, else the document-level default. */
export function effectiveSecurity(root: unknown, op: OperationRef): EffectiveSecurity {
  if (Array.isArray(op.op.security)) {
    const reqs = op.op.security.filter(isObj);
    return { requirements: reqs, at: [...op.at, 'security'], explicitPublic: reqs.length === 0 };
  }
  if (isObj(root) && Array.isArray(root.security)) {
    const reqs = root.security.filter(isObj);
    // a document-level `security: []` says every operation without its own requirement is public on purpose
    return { requirements: reqs.length ? reqs : undefined, at: ['security'], explicitPublic: root.security.length === 0 };
  }
  return { requirements: undefined, at: undefined, explicitPublic: false };
}

/** True when the operation requires credentials (some requirement alternative names a scheme, none is `{}`). */
export function isSecured(root: unknown, op: OperationRef): boolean {
  const sec = effectiveSecurity(root, op);
  return !!sec.requirements && sec.requirements.length > 0 && sec.requirements.every((r) => Object.keys(r).length > 0);
}

export interface ParameterRef {
  readonly param: Obj;
  readonly at: Path;
}

/** Parameters in force for an operation: path-level ones overridden by operation-level ones (same name + in). */
export function parametersOf(op: OperationRef): ParameterRef[] {
  const byKey = new Map<string, ParameterRef>();
  const add = (list: unknown, base: Path) => {
    if (!Array.isArray(list)) return;
    list.forEach((p, i) => {
      if (isObj(p)) byKey.set(`${String(p.in)}\u0000${String(p.name)}`, { param: p, at: [...base, 'parameters', i] });
    });
  };
  add(op.pathItem.parameters, op.at.slice(0, 2));
  add(op.op.parameters, op.at);
  return [...byKey.values()];
}

/** The schema of a parameter: 3.x `schema` (or the first `content` entry), 2.0 the parameter itself (or `schema` for bodies). */
export function parameterSchema(p: ParameterRef): { schema: Obj; at: Path } | undefined {
  const { param, at } = p;
  if (isObj(param.schema)) return { schema: param.schema, at: [...at, 'schema'] };
  if (isObj(param.content)) {
    for (const [media, m] of Object.entries(param.content)) if (isObj(m) && isObj(m.schema)) return { schema: m.schema, at: [...at, 'content', media, 'schema'] };
    return undefined;
  }
  if (param.in !== 'body' && typeof param.type === 'string') return { schema: param, at };
  return undefined;
}

/** Schemas of the request body: 3.x `requestBody.content.*.schema`, 2.0 the `in: body` parameter and `formData` parameters. */
export function requestBodySchemas(op: OperationRef): Array<{ schema: Obj; at: Path; media: string }> {
  const out: Array<{ schema: Obj; at: Path; media: string }> = [];
  const rb = op.op.requestBody;
  if (isObj(rb) && isObj(rb.content)) {
    for (const [media, m] of Object.entries(rb.content)) if (isObj(m) && isObj(m.schema)) out.push({ schema: m.schema, at: [...op.at, 'requestBody', 'content', media, 'schema'], media });
  }
  for (const p of parametersOf(op)) {
    if (p.param.in === 'body' && isObj(p.param.schema)) out.push({ schema: p.param.schema, at: [...p.at, 'schema'], media: 'application/json' });
  }
  return out;
}

/** Every schema a client sends: non-body parameter schemas (with the parameter name) and request body schemas. */
export function requestInputSchemas(op: OperationRef): Array<{ schema: Obj; at: Path; name?: string }> {
  const out: Array<{ schema: Obj; at: Path; name?: string }> = [];
  for (const p of parametersOf(op)) {
    if (p.param.in === 'body') continue;
    const s = parameterSchema(p);
    if (s) out.push(typeof p.param.name === 'string' ? { ...s, name: p.param.name } : s);
  }
  out.push(...requestBodySchemas(op));
  return out;
}

/** Declared response codes of an operation (as written: `200`, `4XX`, `default`). */
export function responseCodes(op: OperationRef): string[] {
  return isObj(op.op.responses) ? Object.keys(op.op.responses) : [];
}

/** Response schemas of an operation with their paths (3.x content, 2.0 `schema`). */
export function responseSchemas(op: OperationRef): Array<{ status: string; schema: Obj; at: Path }> {
  const out: Array<{ status: string; schema: Obj; at: Path }> = [];
  if (!isObj(op.op.responses)) return out;
  for (const [status, r] of Object.entries(op.op.responses)) {
    if (!isObj(r)) continue;
    const base: Path = [...op.at, 'responses', status];
    if (isObj(r.schema)) out.push({ status, schema: r.schema, at: [...base, 'schema'] });
    if (isObj(r.content)) for (const [media, m] of Object.entries(r.content)) if (isObj(m) && isObj(m.schema)) out.push({ status, schema: m.schema, at: [...base, 'content', media, 'schema'] });
  }
  return out;
}

/** Types a schema allows (`type` as a string or a 3.1 array), lower-cased. */
export function schemaTypes(schema: Obj): string[] {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

export interface SchemaVisit {
  readonly schema: Obj;
  readonly at: Path;
  /** Property name when the schema is an object property. */
  readonly property?: string;
  /** True inside an `allOf` member (closing such a part would break the composition). */
  readonly inAllOf: boolean;
}

const MAX_DEPTH = 32;
const MAX_NODES = 5_000;

/**
 * Walks a schema and its sub-schemas (properties, items, additionalProperties, compositions) once each, bounded
 * in depth and node count so circular and huge schemas terminate. `readOnly` properties are skipped when
 * `skipReadOnly` (request bodies never carry them); `writeOnly` ones when `skipWriteOnly` (responses).
 */
export function walkSchema(root: Obj, at: Path, visit: (v: SchemaVisit) => void, options: { skipReadOnly?: boolean; skipWriteOnly?: boolean } = {}): void {
  const seen = new Set<Obj>();
  let nodes = 0;
  const go = (schema: Obj, path: Path, depth: number, property: string | undefined, inAllOf: boolean) => {
    if (seen.has(schema) || depth > MAX_DEPTH || nodes >= MAX_NODES) return;
    seen.add(schema);
    nodes++;
    if (options.skipReadOnly && schema.readOnly === true) return;
    if (options.skipWriteOnly && schema.writeOnly === true) return;
    visit({ schema, at: path, inAllOf, ...(property === undefined ? {} : { property }) });
    if (isObj(schema.properties)) for (const [k, v] of Object.entries(schema.properties)) if (isObj(v)) go(v, [...path, 'properties', k], depth + 1, k, false);
    if (isObj(schema.patternProperties)) for (const [k, v] of Object.entries(schema.patternProperties)) if (isObj(v)) go(v, [...path, 'patternProperties', k], depth + 1, undefined, false);
    if (isObj(schema.items)) go(schema.items, [...path, 'items'], depth + 1, undefined, false);
    if (Array.isArray(schema.prefixItems)) schema.prefixItems.forEach((v, i) => isObj(v) && go(v, [...path, 'prefixItems', i], depth + 1, undefined, false));
    if (isObj(schema.additionalProperties)) go(schema.additionalProperties, [...path, 'additionalProperties'], depth + 1, undefined, false);
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = schema[k];
      if (Array.isArray(list)) list.forEach((v, i) => isObj(v) && go(v, [...path, k, i], depth + 1, property, k === 'allOf'));
    }
  };
  go(root, at, 0, undefined, false);
}

/** True when the schema (or the 2.0 parameter) is a `$ref` the engine could not resolve. */
export function isUnresolvedRef(schema: Obj): boolean {
  return typeof schema.$ref === 'string';
}
