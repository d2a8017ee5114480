/**
 * Postman Collection v2.0/v2.1 → `ApiDescription`. Folders nest (their names become tags); the base URL comes from
 * collection variables (`{{baseUrl}}`, or `variables` given by the caller, e.g. an environment); `:id` path
 * variables and `{{var}}` path segments become `{id}` templates; query and header parameters, raw bodies (media type
 * from the Content-Type header, the raw language, or the text itself), url-encoded and form-data bodies, saved
 * example responses (status codes, media types, examples) and auth (inherited from folders and the collection) are
 * kept. Requests with the same method and path template merge into one operation.
 *
 * Postman collections carry examples, not schemas: parameters and bodies have no schema (presence and media types
 * can be checked, values cannot). Pure: `loadPostman` (load-postman.ts) reads the file.
 */
import type {
  ApiDescription,
  ApiMediaType,
  ApiOperation,
  ApiParameter,
  ApiRequestBody,
  ApiResponse,
  ApiServer,
  SecurityRequirement,
  SecurityScheme,
} from '../core/api-description.js';
import { RampartError } from '../core/errors.js';
import type { JsonSchema } from '../core/json-schema.js';
import { joinPointer } from './json-pointer.js';
import { parseServerUrl } from './server-url.js';

export interface PostmanOptions {
  /** The file name (goes into `source.file` and error locations). */
  readonly file?: string;
  /** Variable values that override the collection's (an environment). */
  readonly variables?: Readonly<Record<string, string>>;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const HEADERS_NOT_PARAMS = new Set(['content-type', 'accept', 'authorization', 'cookie', 'content-length', 'host', 'user-agent', 'connection']);
const RAW_LANGUAGE_MEDIA: Record<string, string> = {
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  javascript: 'application/javascript',
  text: 'text/plain',
  graphql: 'application/json',
};
const VAR = /\{\{([^{}]+)\}\}/g;

interface Draft {
  method: string;
  path: string;
  serverKey: string;
  summary?: string;
  tags: string[];
  pointer: string;
  parameters: ApiParameter[];
  requestBody?: { required: boolean; content: Record<string, ApiMediaType> };
  responses: Record<string, ApiResponse>;
  security?: SecurityRequirement[];
  extensions: Record<string, unknown>;
}

interface Ctx {
  readonly vars: ReadonlyMap<string, string>;
  readonly file?: string;
  readonly servers: Map<string, ApiServer>;
  readonly schemes: Record<string, SecurityScheme>;
  readonly ops: Map<string, Draft>;
}

/** Converts a parsed Postman collection (v2.0/v2.1, optionally wrapped as `{collection: …}`). */
export function postmanToApiDescription(collection: unknown, options: PostmanOptions = {}): ApiDescription {
  const file = options.file;
  const c = isObj(collection) && isObj(collection.collection) ? collection.collection : collection;
  if (!isObj(c)) throw new RampartError('E_POSTMAN_INVALID', 'the file is not a JSON object', { location: file });
  if (Array.isArray(c.requests)) {
    throw new RampartError('E_POSTMAN_INVALID', 'this is a Postman v1 collection (`requests`)', { location: file, fix: 'export the collection again as "Collection v2.1"' });
  }
  const info = isObj(c.info) ? c.info : undefined;
  if (!info || !Array.isArray(c.item)) {
    throw new RampartError('E_POSTMAN_INVALID', `missing ${!info ? '`info`' : '`item` array'} at the collection root`, { location: file });
  }
  const schema = typeof info.schema === 'string' ? info.schema : '';
  if (schema && !/collection\/v2\.[01]/.test(schema)) {
    throw new RampartError('E_POSTMAN_INVALID', `unsupported collection schema ${JSON.stringify(schema)}`, { location: file && `${file}: /info/schema` });
  }
  const vars = new Map<string, string>();
  if (Array.isArray(c.variable)) {
    for (const v of c.variable) {
      if (isObj(v) && typeof v.key === 'string' && v.disabled !== true && (typeof v.value === 'string' || typeof v.value === 'number') && String(v.value) !== '') vars.set(v.key, String(v.value));
    }
  }
  for (const [k, v] of Object.entries(options.variables ?? {})) vars.set(k, v);
  const ctx: Ctx = { vars, ...(file !== undefined ? { file } : {}), servers: new Map(), schemes: {}, ops: new Map() };
  walkItems(c.item, ['item'], [], authOf(c.auth, undefined, ctx), ctx);

  const servers = [...ctx.servers.values()];
  const multi = ctx.servers.size > 1;
  const operations: ApiOperation[] = [...ctx.ops.values()].map((d) => ({
    method: d.method,
    path: d.path,
    ...(d.summary !== undefined ? { summary: d.summary } : {}),
    tags: d.tags,
    deprecated: false,
    parameters: d.parameters,
    ...(d.requestBody ? { requestBody: d.requestBody as ApiRequestBody } : {}),
    responses: d.responses,
    ...(d.security ? { security: d.security } : {}),
    pointer: d.pointer,
    extensions: d.extensions,
    ...(multi ? { servers: [ctx.servers.get(d.serverKey) as ApiServer] } : {}),
  }));
  return {
    source: { kind: 'postman', ...(file !== undefined ? { file } : {}), version: 'postman-2.1' },
    title: typeof info.name === 'string' ? info.name : '',
    dialect: 'openapi-3.0',
    servers: servers.length > 0 ? servers : [{ url: '/', basePath: '' }],
    operations,
    securitySchemes: ctx.schemes,
  };
}

/** Effective auth → security requirement ([] for `noauth`, undefined when none declared). */
function authOf(auth: unknown, inherited: SecurityRequirement[] | undefined, ctx: Ctx): SecurityRequirement[] | undefined {
  if (!isObj(auth) || typeof auth.type !== 'string') return inherited;
  const type = auth.type.toLowerCase();
  if (type === 'noauth') return [];
  let name: string;
  let scheme: SecurityScheme;
  if (type === 'bearer' || type === 'jwt') {
    name = 'bearerAuth';
    scheme = { type: 'http', scheme: 'bearer' };
  } else if (type === 'basic' || type === 'digest') {
    name = `${type}Auth`;
    scheme = { type: 'http', scheme: type };
  } else if (type === 'apikey') {
    const fields = new Map<string, string>();
    if (Array.isArray(auth.apikey)) for (const f of auth.apikey) if (isObj(f) && typeof f.key === 'string') fields.set(f.key, String(f.value ?? ''));
    const loc = fields.get('in') === 'query' ? 'query' : 'header';
    const keyName = fields.get('key') || 'X-API-Key';
    name = `apiKey_${loc}_${keyName}`;
    scheme = { type: 'apiKey', in: loc, name: keyName };
  } else if (type === 'oauth2' || type === 'oauth1') {
    name = type;
    scheme = { type: 'oauth2' };
  } else {
    return inherited;
  }
  ctx.schemes[name] ??= scheme;
  return [{ [name]: [] }];
}

function walkItems(items: unknown, pointer: Array<string | number>, folders: string[], auth: SecurityRequirement[] | undefined, ctx: Ctx): void {
  if (!Array.isArray(items)) return;
  items.forEach((item, i) => {
    if (!isObj(item)) return;
    const at = [...pointer, i];
    if (Array.isArray(item.item)) {
      const name = typeof item.name === 'string' ? item.name : '';
      walkItems(item.item, [...at, 'item'], name ? [...folders, name] : folders, authOf(item.auth, auth, ctx), ctx);
      return;
    }
    if (item.request !== undefined) addRequest(item, joinPointer(at), folders, auth, ctx);
  });
}

/** Replaces known `{{vars}}`; unknown ones stay. */
function substitute(text: string, vars: ReadonlyMap<string, string>): string {
  return text.indexOf('{{') === -1 ? text : text.replace(VAR, (whole, name: string) => vars.get(name.trim()) ?? whole);
}

interface UrlParts {
  readonly server: ApiServer;
  readonly path: string;
  readonly pathVars: string[];
  readonly query: Array<{ key: string; value?: string; description?: string }>;
  readonly variables: Map<string, string>;
}

function urlParts(url: unknown, ctx: Ctx): UrlParts {
  let raw = '';
  const query: Array<{ key: string; value?: string; description?: string }> = [];
  const variables = new Map<string, string>();
  if (typeof url === 'string') raw = url;
  else if (isObj(url)) {
    if (typeof url.raw === 'string') raw = url.raw;
    else {
      const host = Array.isArray(url.host) ? url.host.join('.') : typeof url.host === 'string' ? url.host : '';
      const path = Array.isArray(url.path) ? url.path.map(String).join('/') : typeof url.path === 'string' ? url.path : '';
      const proto = typeof url.protocol === 'string' ? `${url.protocol}://` : '';
      raw = `${proto}${host}${path ? `/${path.replace(/^\//, '')}` : ''}`;
    }
    if (Array.isArray(url.query)) {
      for (const q of url.query) {
        if (!isObj(q) || typeof q.key !== 'string' || q.disabled === true) continue;
        query.push({ key: q.key, ...(typeof q.value === 'string' ? { value: q.value } : {}), ...(typeof q.description === 'string' ? { description: q.description } : {}) });
      }
    }
    if (Array.isArray(url.variable)) {
      for (const v of url.variable) if (isObj(v) && typeof v.key === 'string') variables.set(v.key, typeof v.value === 'string' ? v.value : '');
    }
  }
  const cut = raw.search(/[?#]/);
  if (cut !== -1) {
    // query parameters written only in the raw URL
    if (query.length === 0 && raw[cut] === '?') {
      for (const part of raw.slice(cut + 1).split('#')[0]?.split('&') ?? []) {
        if (!part) continue;
        const eq = part.indexOf('=');
        query.push(eq === -1 ? { key: part } : { key: part.slice(0, eq), value: part.slice(eq + 1) });
      }
    }
    raw = raw.slice(0, cut);
  }
  // the base: a leading {{variable}}, a scheme://authority, or a bare host
  let base = '';
  let rest = raw.trim();
  const lead = /^\{\{([^{}]+)\}\}/.exec(rest);
  if (lead) {
    base = ctx.vars.get((lead[1] as string).trim()) ?? '';
    rest = rest.slice(lead[0].length);
  } else {
    const abs = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*)/.exec(rest);
    if (abs) {
      base = substitute(abs[1] as string, ctx.vars);
      rest = rest.slice((abs[1] as string).length);
    } else {
      const first = /^([^/]+)/.exec(rest);
      if (first && /[.:]|^localhost$/.test(first[1] as string) && !(first[1] as string).startsWith(':')) {
        base = `http://${substitute(first[1] as string, ctx.vars)}`;
        rest = rest.slice((first[1] as string).length);
      }
    }
  }
  const server = base && !base.includes('{{') ? parseServerUrl(base) : { url: '/', basePath: '' };
  const pathVars: string[] = [];
  const segments = rest.split('/').filter((s, i, all) => s !== '' || i === all.length - 1);
  const templ = segments.map((seg) => {
    if (seg.startsWith(':') && seg.length > 1) {
      pathVars.push(seg.slice(1));
      return `{${seg.slice(1)}}`;
    }
    return seg.replace(VAR, (_w, name: string) => {
      pathVars.push(name.trim());
      return `{${name.trim()}}`;
    });
  });
  let path = `/${templ.join('/')}`;
  if (path.length > 1 && path.endsWith('/') && !rest.endsWith('/')) path = path.slice(0, -1);
  return { server, path: path === '' ? '/' : path, pathVars, query, variables };
}

function addRequest(item: Obj, pointer: string, folders: string[], inheritedAuth: SecurityRequirement[] | undefined, ctx: Ctx): void {
  const req = typeof item.request === 'string' ? { url: item.request } : isObj(item.request) ? item.request : undefined;
  if (!req) return;
  const method = typeof req.method === 'string' && req.method ? req.method.toUpperCase() : 'GET';
  const url = urlParts(req.url, ctx);
  const serverKey = `${url.server.host ?? ''}${url.server.basePath}`;
  if (!ctx.servers.has(serverKey)) ctx.servers.set(serverKey, url.server);
  const key = `${serverKey} ${method} ${url.path}`;
  const parameters: ApiParameter[] = [];
  for (const name of url.pathVars) {
    const ex = url.variables.get(name);
    parameters.push({ name, in: 'path', required: true, deprecated: false, style: 'simple', explode: false, ...(ex ? { example: ex } : {}) });
  }
  for (const q of url.query) {
    parameters.push({
      name: q.key,
      in: 'query',
      required: false,
      deprecated: false,
      style: 'form',
      explode: true,
      ...(q.value !== undefined && !q.value.includes('{{') ? { example: q.value } : {}),
    });
  }
  let contentTypeHeader: string | undefined;
  if (Array.isArray(req.header)) {
    for (const h of req.header) {
      if (!isObj(h) || typeof h.key !== 'string' || h.disabled === true) continue;
      const lower = h.key.toLowerCase();
      if (lower === 'content-type' && typeof h.value === 'string') contentTypeHeader = substitute(h.value, ctx.vars);
      if (HEADERS_NOT_PARAMS.has(lower)) continue;
      parameters.push({
        name: h.key,
        in: 'header',
        required: false,
        deprecated: false,
        style: 'simple',
        explode: false,
        ...(typeof h.value === 'string' && h.value !== '' && !h.value.includes('{{') ? { example: h.value } : {}),
      });
    }
  }
  const requestBody = bodyOf(req.body, contentTypeHeader);
  const responses: Record<string, ApiResponse> = {};
  if (Array.isArray(item.response)) {
    for (const r of item.response) {
      if (!isObj(r)) continue;
      const code = typeof r.code === 'number' ? String(r.code) : typeof r.code === 'string' ? r.code : undefined;
      if (!code) continue;
      responses[code] = mergeResponse(responses[code], exampleResponse(r));
    }
  }
  const security = authOf(req.auth, inheritedAuth, ctx);
  const existing = ctx.ops.get(key);
  if (existing) {
    for (const p of parameters) if (!existing.parameters.some((e) => e.name === p.name && e.in === p.in)) existing.parameters.push(p);
    for (const [code, r] of Object.entries(responses)) existing.responses[code] = mergeResponse(existing.responses[code], r);
    if (requestBody) existing.requestBody = existing.requestBody ? { required: existing.requestBody.required, content: { ...requestBody.content, ...existing.requestBody.content } } : requestBody;
    return;
  }
  ctx.ops.set(key, {
    method,
    path: url.path,
    serverKey,
    ...(typeof item.name === 'string' ? { summary: item.name } : {}),
    tags: folders,
    pointer,
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses,
    ...(security ? { security } : {}),
    extensions: {},
  });
}

function bodyOf(body: unknown, contentType: string | undefined): { required: boolean; content: Record<string, ApiMediaType> } | undefined {
  if (!isObj(body) || typeof body.mode !== 'string' || body.disabled === true) return undefined;
  const declared = contentType ? contentType.split(';')[0]?.trim().toLowerCase() : undefined;
  switch (body.mode) {
    case 'raw': {
      const raw = typeof body.raw === 'string' ? body.raw : '';
      if (raw.trim() === '' && !declared) return undefined;
      const options = isObj(body.options) && isObj(body.options.raw) ? body.options.raw : {};
      const language = typeof options.language === 'string' ? options.language.toLowerCase() : undefined;
      const media = declared ?? (language && RAW_LANGUAGE_MEDIA[language]) ?? sniffMedia(raw);
      let example: unknown = raw;
      if (/json/.test(media)) {
        try {
          example = JSON.parse(raw);
        } catch {
          // Postman variables make many JSON bodies invalid JSON ({"qty": {{qty}}}): kept as text
        }
      }
      return { required: true, content: { [media]: raw === '' ? {} : { example } } };
    }
    case 'urlencoded':
    case 'formdata': {
      const fields = Array.isArray(body[body.mode]) ? (body[body.mode] as unknown[]) : [];
      const properties: Record<string, JsonSchema> = {};
      for (const f of fields) {
        if (!isObj(f) || typeof f.key !== 'string' || f.disabled === true) continue;
        properties[f.key] = f.type === 'file' ? { type: 'string', format: 'binary' } : {};
      }
      const media = body.mode === 'urlencoded' ? 'application/x-www-form-urlencoded' : 'multipart/form-data';
      return { required: true, content: { [declared && declared.startsWith(media.split('/')[0] as string) ? declared : media]: { schema: { type: 'object', properties } } } };
    }
    case 'file':
      return { required: true, content: { [declared ?? 'application/octet-stream']: {} } };
    case 'graphql':
      return { required: true, content: { 'application/json': {} } };
    default:
      return undefined;
  }
}

function sniffMedia(raw: string): string {
  const t = raw.trim();
  if (t.startsWith('{') || t.startsWith('[')) return 'application/json';
  if (t.startsWith('<')) return 'application/xml';
  return 'text/plain';
}

function exampleResponse(r: Obj): ApiResponse {
  let media: string | undefined;
  if (Array.isArray(r.header)) {
    for (const h of r.header) {
      if (isObj(h) && typeof h.key === 'string' && h.key.toLowerCase() === 'content-type' && typeof h.value === 'string') media = h.value.split(';')[0]?.trim().toLowerCase();
    }
  }
  const body = typeof r.body === 'string' ? r.body : '';
  if (!media && body) {
    const lang = typeof r._postman_previewlanguage === 'string' ? r._postman_previewlanguage.toLowerCase() : '';
    media = RAW_LANGUAGE_MEDIA[lang] ?? sniffMedia(body);
  }
  let example: unknown = body;
  if (media && /json/.test(media)) {
    try {
      example = JSON.parse(body);
    } catch {
      // kept as text
    }
  }
  const description = typeof r.name === 'string' ? r.name : typeof r.status === 'string' ? r.status : undefined;
  return {
    ...(description !== undefined ? { description } : {}),
    content: media ? { [media]: body ? { example } : {} } : {},
    headers: {},
  };
}

function mergeResponse(a: ApiResponse | undefined, b: ApiResponse): ApiResponse {
  if (!a) return b;
  return { ...a, content: { ...b.content, ...a.content }, headers: { ...b.headers, ...a.headers } };
}
