/**
 * The learned inventory as an OpenAPI 3.1 document a user can commit as a starting spec: one server per API
 * host, the paths with their parameters, request bodies and responses (inferred JSON Schemas), security
 * schemes from the auth seen, and `x-rampart-*` extensions with what traffic showed (hits, first/last seen,
 * status, sensitive data types and where).
 *
 * Pure: endpoints in, a plain JSON object out (serialise it as JSON or YAML). Schemas are JSON Schema 2020-12,
 * the dialect of OpenAPI 3.1; `$ref`s left in documented schemas (circular ones) are replaced by `{}` so the
 * document stands alone.
 */
import type { AuthSeen, Endpoint, EndpointStatus } from '../core/index.js';

export interface ExportOptions {
  /** `info.title` (default "API inventory"). */
  readonly title?: string;
  /** `info.version` (default "0.0.0"). */
  readonly version?: string;
  /** Only these hosts (default: every host). */
  readonly hosts?: readonly string[];
  /** Statuses exported (default: documented, shadow, zombie — orphans were never seen in traffic). */
  readonly statuses?: readonly EndpointStatus[];
}

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<string, string> = {
  '100': 'Continue', '101': 'Switching Protocols', '200': 'OK', '201': 'Created', '202': 'Accepted', '204': 'No Content',
  '206': 'Partial Content', '301': 'Moved Permanently', '302': 'Found', '303': 'See Other', '304': 'Not Modified',
  '307': 'Temporary Redirect', '308': 'Permanent Redirect', '400': 'Bad Request', '401': 'Unauthorized', '403': 'Forbidden',
  '404': 'Not Found', '405': 'Method Not Allowed', '409': 'Conflict', '410': 'Gone', '413': 'Content Too Large',
  '415': 'Unsupported Media Type', '422': 'Unprocessable Content', '429': 'Too Many Requests', '500': 'Internal Server Error',
  '502': 'Bad Gateway', '503': 'Service Unavailable', '504': 'Gateway Timeout',
};

/** Copy of a schema without `$ref`s (replaced by `{}`), bounded in depth. */
function standalone(schema: unknown, depth = 0): unknown {
  if (depth > 64) return {};
  if (Array.isArray(schema)) return schema.map((s) => standalone(s, depth + 1));
  if (!schema || typeof schema !== 'object') return schema;
  if (typeof (schema as Json).$ref === 'string') return {};
  const out: Json = {};
  for (const [k, v] of Object.entries(schema as Json)) {
    // enum/const/examples hold values, not schemas
    const value = k === 'enum' || k === 'const' || k === 'examples' || k === 'example' || k === 'default' ? v : standalone(v, depth + 1);
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function schemeId(a: AuthSeen): string | undefined {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');
  switch (a.kind) {
    case 'basic':
      return 'basicAuth';
    case 'bearer-jwt':
      return a.name && a.name !== 'authorization' ? `jwt_${clean(a.name)}` : 'bearerJwt';
    case 'bearer':
      return 'bearerAuth';
    case 'api-key-header':
      return a.scheme ? `http_${clean(a.scheme)}` : `apiKeyHeader_${clean(a.name ?? 'authorization')}`;
    case 'api-key-query':
      return `apiKeyQuery_${clean(a.name ?? 'key')}`;
    case 'session-cookie':
      return `cookie_${clean(a.name ?? 'session')}`;
    default:
      return undefined;
  }
}

function schemeObject(a: AuthSeen): Json {
  switch (a.kind) {
    case 'basic':
      return { type: 'http', scheme: 'basic' };
    case 'bearer-jwt':
      return a.name && a.name !== 'authorization' ? { type: 'apiKey', in: 'header', name: a.name } : { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' };
    case 'bearer':
      return { type: 'http', scheme: 'bearer' };
    case 'api-key-header':
      return a.scheme ? { type: 'http', scheme: a.scheme.toLowerCase() } : { type: 'apiKey', in: 'header', name: a.name ?? 'authorization' };
    case 'api-key-query':
      return { type: 'apiKey', in: 'query', name: a.name ?? 'key' };
    case 'session-cookie':
      return { type: 'apiKey', in: 'cookie', name: a.name ?? 'session' };
    default:
      return {};
  }
}

function operationIdFor(e: Endpoint, used: Set<string>): string {
  let base = e.spec?.operationId;
  if (!base || !/^[A-Za-z0-9._-]+$/.test(base)) {
    const words = e.path
      .split('/')
      .filter(Boolean)
      .map((s) => (s.startsWith('{') ? `By${s.replace(/[{}]/g, '').replace(/^./, (c) => c.toUpperCase())}` : s))
      .join('-')
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
    base = `${e.method.toLowerCase()}${words.join('') || 'Root'}`;
  }
  let id = base;
  for (let i = 2; used.has(id); i++) id = `${base}${i}`;
  used.add(id);
  return id;
}

function tagFor(path: string): string | undefined {
  for (const s of path.split('/')) {
    if (!s || s.startsWith('{') || /^(api|rest|v\d+(\.\d+)*)$/i.test(s)) continue;
    return s;
  }
  return undefined;
}

function iso(ms: number | undefined): string | undefined {
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}

function serverUrl(host: string, endpoints: readonly Endpoint[]): string {
  if (!host) return '/';
  const https = endpoints.some((e) => (e.schemes ?? ['https']).includes('https'));
  return `${https ? 'https' : 'http'}://${host}`;
}

function operationFor(e: Endpoint, hosts: ReadonlyArray<readonly [string, number]>, usedIds: Set<string>, schemes: Map<string, Json>): Json {
  const op: Json = { operationId: operationIdFor(e, usedIds) };
  const tag = tagFor(e.path);
  if (tag) op.tags = [tag];
  const parameters = e.parameters.map((p) => {
    const param: Json = { name: p.name, in: p.in, required: p.in === 'path' ? true : p.required, schema: standalone(p.schema) ?? {} };
    if (!p.documented && e.status !== 'orphan') param['x-rampart-undocumented'] = true;
    return param;
  });
  if (parameters.length) op.parameters = parameters;
  const bodies = e.requestBodies.filter((b) => b.contentType);
  if (bodies.length) {
    const content: Json = {};
    for (const b of bodies) content[b.contentType] = { schema: standalone(b.schema) ?? {} };
    op.requestBody = { required: e.hits > 0 ? e.requestBodies.reduce((n, b) => n + b.count, 0) >= e.hits : false, content };
  }
  const responses: Json = {};
  for (const r of e.responses) {
    if (!/^[1-5](\d\d|XX)$|^default$/.test(r.status)) continue;
    const res = (responses[r.status] ??= { description: STATUS_TEXT[r.status] ?? 'Observed response' }) as Json;
    if (r.contentType) ((res.content ??= {}) as Json)[r.contentType] = { schema: standalone(r.schema) ?? {} };
  }
  for (const code of Object.keys(e.statusCodes)) if (/^[1-5]\d\d$/.test(code) && !responses[code]) responses[code] = { description: STATUS_TEXT[code] ?? 'Observed response' };
  op.responses = Object.keys(responses).length ? Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))) : { default: { description: 'No response observed' } };
  const security: Json[] = [];
  let optional = false;
  for (const a of e.auth) {
    if (a.kind === 'none') {
      optional = true;
      continue;
    }
    const id = schemeId(a);
    if (!id) continue;
    if (!schemes.has(id)) schemes.set(id, schemeObject(a));
    if (!security.some((s) => id in s)) security.push({ [id]: [] });
  }
  if (security.length) op.security = optional ? [...security, {}] : security;
  if (e.spec?.deprecated) op.deprecated = true;
  op['x-rampart-status'] = e.status;
  op['x-rampart-hits'] = e.hits;
  const first = iso(e.firstSeen);
  const last = iso(e.lastSeen);
  if (first) op['x-rampart-first-seen'] = first;
  if (last) op['x-rampart-last-seen'] = last;
  if (e.sensitive.length) {
    op['x-rampart-sensitive-types'] = [...new Set(e.sensitive.map((s) => s.type))].sort();
    op['x-rampart-sensitive'] = e.sensitive.map((s) => ({ type: s.type, direction: s.direction, location: s.location, path: s.path, count: s.count }));
  }
  if (hosts.length > 1) op['x-rampart-hosts'] = hosts.map(([host, hits]) => ({ host, hits }));
  return op;
}

/** The OpenAPI 3.1 document of `endpoints` (see the module comment). */
export function exportOpenApi(endpoints: readonly Endpoint[], options: ExportOptions = {}): Json {
  const statuses = new Set<EndpointStatus>(options.statuses ?? ['documented', 'shadow', 'zombie']);
  const hostFilter = options.hosts ? new Set(options.hosts) : undefined;
  const selected = endpoints.filter((e) => statuses.has(e.status) && (!hostFilter || hostFilter.has(e.host)));
  const byHost = new Map<string, Endpoint[]>();
  for (const e of selected) byHost.set(e.host, [...(byHost.get(e.host) ?? []), e]);
  const hosts = [...byHost.keys()].sort();
  const servers = hosts.map((h) => ({ url: serverUrl(h, byHost.get(h) ?? []) }));
  // one operation per METHOD + path; the same one on several hosts is described once (from its busiest host)
  const byPath = new Map<string, Map<string, Endpoint[]>>();
  for (const e of selected) {
    const methods = byPath.get(e.path) ?? new Map<string, Endpoint[]>();
    methods.set(e.method, [...(methods.get(e.method) ?? []), e]);
    byPath.set(e.path, methods);
  }
  const paths: Json = {};
  const usedIds = new Set<string>();
  const schemes = new Map<string, Json>();
  for (const path of [...byPath.keys()].sort()) {
    const item: Json = {};
    const pathHosts = new Set<string>();
    const methods = byPath.get(path) as Map<string, Endpoint[]>;
    for (const method of [...methods.keys()].sort()) {
      const list = [...(methods.get(method) as Endpoint[])].sort((a, b) => b.hits - a.hits || a.host.localeCompare(b.host));
      for (const e of list) pathHosts.add(e.host);
      const lower = method.toLowerCase();
      const hostHits = list.map((e) => [e.host, e.hits] as const);
      const op = operationFor(list[0] as Endpoint, hostHits, usedIds, schemes);
      if (['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(lower)) item[lower] = op;
      else ((item['x-rampart-other-methods'] ??= {}) as Json)[method] = op;
    }
    if (hosts.length > 1 && pathHosts.size < hosts.length) item.servers = [...pathHosts].sort().map((h) => ({ url: serverUrl(h, byHost.get(h) ?? []) }));
    paths[path] = item;
  }
  const doc: Json = {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'API inventory',
      version: options.version ?? '0.0.0',
      description: 'Generated by Rampart from observed traffic (and the specs it was compared with). Review before use: schemas are inferred from samples.',
    },
    servers: servers.length ? servers : [{ url: '/' }],
    paths,
  };
  if (schemes.size) doc.components = { securitySchemes: Object.fromEntries([...schemes].sort(([a], [b]) => a.localeCompare(b))) };
  return doc;
}
