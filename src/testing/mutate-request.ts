/**
 * Pure mutations of a built request: the "mutate" step of a check (swap the identity, change a parameter,
 * set a body field, add a header). Each returns a new request, marked not `valid` (its response is not held
 * against the spec and teaches the runner no ids); the input is never changed.
 */
import type { Header } from '../core/index.js';
import type { TestAuth, TestBody, TestRequest } from './test-request.js';

/** Where a value sits in a request: a path/query/header parameter, or a JSON body field (`a.b[0].c` as keys). */
export type ValueLocation =
  | { readonly in: 'path' | 'query' | 'header'; readonly name: string }
  | { readonly in: 'body'; readonly path: ReadonlyArray<string | number> };

/** Renders a path template with decoded values (each percent-encoded as one segment). */
export function renderPath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^{}/]+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : encodeURIComponent(v);
  });
}

export function withAuth(req: TestRequest, auth: TestAuth): TestRequest {
  return { ...req, valid: false, auth };
}

export function withIdentity(req: TestRequest, identity: string): TestRequest {
  return { ...req, valid: false, auth: { kind: 'identity', identity } };
}

export function withoutAuth(req: TestRequest): TestRequest {
  return { ...req, valid: false, auth: { kind: 'none' } };
}

export function withMethod(req: TestRequest, method: string): TestRequest {
  return { ...req, valid: false, method: method.toUpperCase() };
}

/** Sets (replaces) a header. */
export function withHeader(req: TestRequest, name: string, value: string): TestRequest {
  const lower = name.toLowerCase();
  return { ...req, valid: false, headers: [...req.headers.filter(([n]) => n !== lower), [lower, value] as Header] };
}

export function withoutHeader(req: TestRequest, name: string): TestRequest {
  const lower = name.toLowerCase();
  return { ...req, valid: false, headers: req.headers.filter(([n]) => n !== lower) };
}

/** Sets a path parameter (re-rendering the path from its template). */
export function withPathParam(req: TestRequest, name: string, value: string): TestRequest {
  if (!req.pathTemplate) return { ...req, valid: false };
  const pathParams = { ...(req.pathParams ?? {}), [name]: value };
  return { ...req, valid: false, pathParams, path: renderPath(req.pathTemplate, pathParams) };
}

/** Replaces the raw path (already encoded); the template is dropped since it no longer applies. */
export function withRawPath(req: TestRequest, path: string): TestRequest {
  const { pathTemplate: _t, pathParams: _p, ...rest } = req;
  return { ...rest, path, valid: false };
}

/** Sets a query parameter (replacing every pair with that name). */
export function withQueryParam(req: TestRequest, name: string, value: string): TestRequest {
  const query = req.query.filter(([n]) => n !== name);
  return { ...req, valid: false, query: [...query, [name, value] as const] };
}

export function withoutQueryParam(req: TestRequest, name: string): TestRequest {
  return { ...req, valid: false, query: req.query.filter(([n]) => n !== name) };
}

export function withBody(req: TestRequest, body: TestBody | undefined): TestRequest {
  if (body === undefined) {
    const { body: _b, ...rest } = req;
    return { ...rest, valid: false };
  }
  return { ...req, valid: false, body };
}

/** Sets a JSON body field (creating objects along the path); non-JSON bodies are replaced by a JSON object. */
export function withBodyField(req: TestRequest, path: ReadonlyArray<string | number>, value: unknown): TestRequest {
  const current = req.body?.kind === 'json' ? req.body.value : {};
  return { ...req, valid: false, body: { kind: 'json', value: setIn(current, path, value) } };
}

/** Removes a JSON body field. */
export function withoutBodyField(req: TestRequest, path: ReadonlyArray<string | number>): TestRequest {
  if (req.body?.kind !== 'json') return req;
  return { ...req, valid: false, body: { kind: 'json', value: setIn(req.body.value, path, undefined, true) } };
}

/** Sets the value at `loc` (a string for parameters; any JSON value in bodies). */
export function withValueAt(req: TestRequest, loc: ValueLocation, value: unknown): TestRequest {
  switch (loc.in) {
    case 'path':
      return withPathParam(req, loc.name, String(value));
    case 'query':
      return withQueryParam(req, loc.name, String(value));
    case 'header':
      return withHeader(req, loc.name, String(value));
    case 'body':
      return withBodyField(req, loc.path, value);
  }
}

/** The current value at `loc`, or undefined. */
export function valueAt(req: TestRequest, loc: ValueLocation): unknown {
  switch (loc.in) {
    case 'path':
      return req.pathParams?.[loc.name];
    case 'query':
      return req.query.find(([n]) => n === loc.name)?.[1];
    case 'header':
      return req.headers.find(([n]) => n === loc.name.toLowerCase())?.[1];
    case 'body':
      return req.body?.kind === 'json' ? getIn(req.body.value, loc.path) : undefined;
  }
}

/** Human-readable name of a location: `path parameter orderId`, `body field items[0].price`. */
export function describeLocation(loc: ValueLocation): string {
  if (loc.in !== 'body') return `${loc.in} parameter ${loc.name}`;
  return `body field ${formatFieldPath(loc.path)}`;
}

export function formatFieldPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${k}` : k;
  return out || '(body)';
}

/** Value at a key path inside a JSON value. */
export function getIn(value: unknown, path: ReadonlyArray<string | number>): unknown {
  let cur = value;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

function setIn(value: unknown, path: ReadonlyArray<string | number>, v: unknown, remove = false): unknown {
  if (path.length === 0) return v;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  if (typeof head === 'number') {
    const arr = Array.isArray(value) ? [...(value as unknown[])] : [];
    if (remove && rest.length === 0) arr.splice(head, 1);
    else arr[head] = setIn(arr[head], rest, v, remove);
    return arr;
  }
  const obj: Record<string, unknown> = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  if (remove && rest.length === 0) delete obj[head];
  else obj[head] = setIn(obj[head], rest, v, remove);
  return obj;
}
