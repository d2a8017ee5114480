/**
 * OpenAPI parameter deserialisation: the raw text of a path, query, header or cookie parameter → a value shaped
 * by the parameter's `style`/`explode` and its schema (primitive, array or object), before type coercion.
 * Styles: path simple / label / matrix; query form / spaceDelimited / pipeDelimited / deepObject (and Swagger 2.0
 * `tsv` as tabDelimited); header simple; cookie form. The value tables are in OpenAPI 3.1 §4.8.12.4 (style values).
 */
import type { ApiParameter } from '../core/api-description.js';
import { schemaTypes } from './coerce-value.js';

export type Shape = 'primitive' | 'array' | 'object';

/** The outcome: absent, a value, or the parameter is not written in its declared style. */
export type Deserialized = { readonly kind: 'missing' } | { readonly kind: 'value'; readonly value: unknown } | { readonly kind: 'style'; readonly message: string };

const MISSING: Deserialized = { kind: 'missing' };

/** The value shape a parameter's schema asks for. */
export function shapeOf(param: ApiParameter): Shape {
  const types = schemaTypes(param.schema);
  if (types.has('array')) return 'array';
  if (types.has('object')) return 'object';
  return 'primitive';
}

/** `k1,v1,k2,v2` → {k1: v1, k2: v2} */
function pairsFlat(parts: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) out[parts[i] as string] = parts[i + 1] as string;
  return out;
}

/** `k1=v1`, `k2=v2` → {k1: v1, k2: v2} */
function pairsEq(parts: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq === -1) out[p] = '';
    else out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}

const value = (v: unknown): Deserialized => ({ kind: 'value', value: v });

/** Path parameter (the router's decoded capture): styles simple (default), label, matrix. */
export function deserializePath(param: ApiParameter, raw: string | undefined, shape: Shape): Deserialized {
  if (raw === undefined) return MISSING;
  const explode = param.explode === true;
  switch (param.style ?? 'simple') {
    case 'label': {
      if (!raw.startsWith('.')) return { kind: 'style', message: `label-style value must start with "."` };
      const body = raw.slice(1);
      if (shape === 'array') return value(explode ? body.split('.') : body.split(','));
      if (shape === 'object') return value(explode ? pairsEq(body.split('.')) : pairsFlat(body.split(',')));
      return value(body);
    }
    case 'matrix': {
      const prefix = `;${param.name}`;
      if (shape === 'object' && explode) {
        if (!raw.startsWith(';')) return { kind: 'style', message: 'matrix-style value must start with ";"' };
        return value(pairsEq(raw.slice(1).split(';')));
      }
      if (shape === 'array' && explode) {
        const items: string[] = [];
        for (const part of raw.split(';').slice(1)) {
          if (!part.startsWith(`${param.name}=`)) return { kind: 'style', message: `matrix-style value must be ;${param.name}=…` };
          items.push(part.slice(param.name.length + 1));
        }
        if (!raw.startsWith(';')) return { kind: 'style', message: 'matrix-style value must start with ";"' };
        return value(items);
      }
      if (raw === prefix) return value(shape === 'array' ? [] : shape === 'object' ? {} : '');
      if (!raw.startsWith(`${prefix}=`)) return { kind: 'style', message: `matrix-style value must be ;${param.name}=…` };
      const body = raw.slice(prefix.length + 1);
      if (shape === 'array') return value(body.split(','));
      if (shape === 'object') return value(pairsFlat(body.split(',')));
      return value(body);
    }
    default: {
      if (shape === 'array') return value(raw.split(','));
      if (shape === 'object') return value(explode ? pairsEq(raw.split(',')) : pairsFlat(raw.split(',')));
      return value(raw);
    }
  }
}

/**
 * Query parameter from the decoded name/value pairs: styles form (default), spaceDelimited, pipeDelimited,
 * deepObject, tabDelimited. `propertyNames` are the schema's property names (form + explode objects spread their
 * properties over the query).
 */
export function deserializeQuery(param: ApiParameter, pairs: ReadonlyArray<readonly [string, string]>, shape: Shape, propertyNames: readonly string[]): Deserialized {
  const style = param.style ?? 'form';
  const explode = param.explode ?? style === 'form';
  if (style === 'deepObject') {
    const prefix = `${param.name}[`;
    let found = false;
    const out: Record<string, unknown> = {};
    for (const [n, v] of pairs) {
      if (!n.startsWith(prefix)) continue;
      found = true;
      setDeep(out, n.slice(param.name.length), v);
    }
    return found ? value(out) : MISSING;
  }
  if (shape === 'object' && explode && style === 'form') {
    let found = false;
    const out: Record<string, string> = {};
    for (const [n, v] of pairs) {
      if (!propertyNames.includes(n)) continue;
      found = true;
      out[n] = v;
    }
    return found ? value(out) : MISSING;
  }
  const values: string[] = [];
  for (const [n, v] of pairs) if (n === param.name) values.push(v);
  if (values.length === 0) return MISSING;
  const first = values[0] as string;
  const sep = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : style === 'tabDelimited' ? '\t' : ',';
  if (shape === 'array') {
    if (explode) return value(values);
    return value(first === '' ? [] : first.split(sep));
  }
  if (shape === 'object') return value(pairsFlat(first.split(sep)));
  return value(first);
}

/** `[a][b]` under `out` → out.a.b = v (bounded depth; `[]` appends). */
function setDeep(out: Record<string, unknown>, brackets: string, v: string): void {
  const keys: string[] = [];
  let i = 0;
  while (i < brackets.length && keys.length < 8) {
    if (brackets[i] !== '[') break;
    const close = brackets.indexOf(']', i);
    if (close === -1) break;
    keys.push(brackets.slice(i + 1, close));
    i = close + 1;
  }
  // `name[a][]=1&name[a][]=2`: repeated values become an array either way
  if (keys[keys.length - 1] === '') keys.pop();
  if (keys.length === 0) return;
  let node: Record<string, unknown> = out;
  for (let k = 0; k < keys.length - 1; k++) {
    const key = keys[k] as string;
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = keys[keys.length - 1] as string;
  const prev = node[last];
  if (prev === undefined) node[last] = v;
  else if (Array.isArray(prev)) prev.push(v);
  else node[last] = [prev, v];
}

/** Header parameter (all occurrences joined with `,`, RFC 9110 §5.3): style simple. */
export function deserializeHeader(param: ApiParameter, values: readonly string[], shape: Shape): Deserialized {
  if (values.length === 0) return MISSING;
  const raw = values.join(',');
  if (shape === 'array') return value(raw.split(',').map((s) => s.trim()));
  if (shape === 'object') {
    const parts = raw.split(',').map((s) => s.trim());
    return value(param.explode === true ? pairsEq(parts) : pairsFlat(parts));
  }
  return value(raw.trim());
}

/** Cookie parameter: style form. */
export function deserializeCookie(param: ApiParameter, cookies: ReadonlyArray<readonly [string, string]>, shape: Shape): Deserialized {
  const values: string[] = [];
  for (const [n, v] of cookies) if (n === param.name) values.push(v);
  if (values.length === 0) return MISSING;
  const first = values[0] as string;
  if (shape === 'array') return value(param.explode === false ? first.split(',') : values.length > 1 ? values : first.split(','));
  if (shape === 'object') return value(pairsFlat(first.split(',')));
  return value(first);
}
