/**
 * OpenAPI 2.0 / 3.0 / 3.1 document (bundled: only internal `$ref`s) → the normalised `ApiDescription`. Pure.
 *
 * - 2.0 is converted to the 3.0 shape: `host`/`basePath`/`schemes` → servers; `in: body` and `formData` →
 *   requestBody (media types from `consumes`); response schemas → content (from `produces`); inline parameter types →
 *   schemas, `collectionFormat` → style/explode; `securityDefinitions` → security schemes; `x-nullable` → `nullable`,
 *   `type: file` → binary string.
 * - 3.0: server variables take their defaults; schemas keep the 3.0 dialect (`nullable`, `discriminator`,
 *   `readOnly`/`writeOnly`, boolean `exclusiveMinimum`) for the validator to interpret.
 * - 3.1: schemas are JSON Schema 2020-12; `webhooks` are not operations of the API and are ignored.
 * - Path-level parameters are merged into each operation (the operation's own win by name + in); effective security
 *   is the operation's, else the document's (`[]` = explicitly public).
 */
import type {
  ApiDescription,
  ApiMediaType,
  ApiOperation,
  ApiParameter,
  ApiRequestBody,
  ApiResponse,
  ApiServer,
  ParamLocation,
  SecurityRequirement,
  SecurityScheme,
} from '../core/api-description.js';
import type { JsonSchema } from '../core/json-schema.js';
import { appendPointer } from './json-pointer.js';
import { createRefResolver, type RefResolver } from './ref-resolver.js';
import { parseServerUrl, substituteServerVariables } from './server-url.js';
import { detectSpecVersion, type SpecFamily } from './spec-version.js';

/** Something in the document that was skipped or read leniently; loading goes on. */
export interface SpecWarning {
  /** JSON pointer into the document. */
  readonly pointer: string;
  readonly message: string;
}

export interface ToApiDescriptionOptions {
  /** The file the document came from (goes into `source.file`). */
  readonly file?: string;
  /** Pointer → human location (`file:line:col`) for error messages. */
  readonly where?: (pointer: string) => string | undefined;
  /** Receives what was skipped or read leniently. */
  readonly onWarning?: (warning: SpecWarning) => void;
}

/** The HTTP methods a path item can hold (OpenAPI 3.2's `query` included). */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'] as const;

const HEADERS_IGNORED = new Set(['accept', 'content-type', 'authorization']);
const PARAM_LOCATIONS = new Set<string>(['path', 'query', 'header', 'cookie']);
const DEFAULT_STYLE: Record<ParamLocation, string> = { path: 'simple', query: 'form', header: 'simple', cookie: 'form' };

interface Ctx {
  readonly doc: Record<string, unknown>;
  readonly family: SpecFamily;
  readonly refs: RefResolver;
  readonly where: (pointer: string) => string | undefined;
  warn(pointer: string, message: string): void;
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Converts an OpenAPI document into an `ApiDescription`. `version` is the document's version string when already
 * detected (`loadSpec` passes it); it is re-detected otherwise. Throws `E_SPEC_INVALID` / `E_SPEC_REF`.
 */
export function toApiDescription(document: unknown, version?: string, options: ToApiDescriptionOptions = {}): ApiDescription {
  const detected = detectSpecVersion(document, options.file);
  const family = detected.family;
  const doc = document as Obj;
  const where = options.where ?? (() => options.file);
  const refs = createRefResolver(doc, {
    schemaPrefix: family === '2.0' ? '#/definitions/' : '#/components/schemas/',
    refSiblingsApply: family === '3.1',
    where,
    rewrite: family === '2.0' ? rewriteSwagger2Schema : undefined,
  });
  const ctx: Ctx = {
    doc,
    family,
    refs,
    where,
    warn: (pointer, message) => options.onWarning?.({ pointer, message }),
  };
  const info = isObj(doc.info) ? doc.info : {};
  const servers = family === '2.0' ? swagger2Servers(doc) : openapiServers(doc.servers, ctx, '/servers') ?? [{ url: '/', basePath: '' }];
  const operations: ApiOperation[] = [];
  const paths = isObj(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    if (path.startsWith('x-')) continue;
    const itemPointer = appendPointer('/paths', path);
    if (!path.startsWith('/')) ctx.warn(itemPointer, `path "${path}" does not start with "/"; read as "/${path}"`);
    const { value: item, pointer: itemTarget } = refs.follow(rawItem, itemPointer);
    if (!isObj(item)) {
      ctx.warn(itemPointer, 'path item is not an object; skipped');
      continue;
    }
    const pathParams = readParameterList(item.parameters, appendPointer(itemTarget, 'parameters'), ctx);
    const pathServers = family === '2.0' ? undefined : openapiServers(item.servers, ctx, appendPointer(itemTarget, 'servers'));
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const pointer = appendPointer(itemPointer, method);
      if (!isObj(op)) {
        ctx.warn(pointer, 'operation is not an object; skipped');
        continue;
      }
      const opTarget = appendPointer(itemTarget, method);
      operations.push(
        family === '2.0'
          ? swagger2Operation(ctx, path.startsWith('/') ? path : `/${path}`, method, op, pointer, opTarget, pathParams)
          : openapiOperation(ctx, path.startsWith('/') ? path : `/${path}`, method, op, pointer, opTarget, pathParams, pathServers),
      );
    }
  }
  const schemas = refs.schemas;
  return {
    source: { kind: 'openapi', ...(options.file !== undefined ? { file: options.file } : {}), version: version ?? detected.version },
    title: typeof info.title === 'string' ? info.title : '',
    ...(typeof info.version === 'string' || typeof info.version === 'number' ? { apiVersion: String(info.version) } : {}),
    dialect: family === '3.1' ? 'json-schema-2020-12' : 'openapi-3.0',
    servers,
    operations,
    securitySchemes: family === '2.0' ? swagger2SecuritySchemes(doc, ctx) : openapiSecuritySchemes(doc, ctx),
    ...(Object.keys(schemas).length > 0 ? { schemas } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// shared

interface RawParam {
  readonly raw: Obj;
  readonly pointer: string;
}

/** Reads a `parameters` array, following `$ref`s; entries without `name`/`in` are skipped with a warning. */
function readParameterList(list: unknown, pointer: string, ctx: Ctx): RawParam[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    ctx.warn(pointer, '`parameters` is not an array; ignored');
    return [];
  }
  const out: RawParam[] = [];
  list.forEach((entry, i) => {
    const at = appendPointer(pointer, i);
    const { value } = ctx.refs.follow(entry, at);
    if (!isObj(value) || typeof value.name !== 'string' || typeof value.in !== 'string') {
      ctx.warn(at, 'parameter without `name` and `in`; skipped');
      return;
    }
    out.push({ raw: value, pointer: at });
  });
  return out;
}

/** Path-level parameters overridden by operation-level ones with the same name and location. */
function mergeParameters(pathLevel: RawParam[], opLevel: RawParam[]): RawParam[] {
  const key = (p: RawParam) => `${String(p.raw.in)}\u0000${String(p.raw.name)}`;
  const own = new Set(opLevel.map(key));
  return [...pathLevel.filter((p) => !own.has(key(p))), ...opLevel];
}

function readSecurity(value: unknown): SecurityRequirement[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: SecurityRequirement[] = [];
  for (const req of value) {
    if (!isObj(req)) continue;
    const r: Record<string, readonly string[]> = {};
    for (const [name, scopes] of Object.entries(req)) r[name] = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
    out.push(r);
  }
  return out;
}

function extensionsOf(op: Obj): Record<string, unknown> {
  const ext: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(op)) if (k.startsWith('x-')) ext[k] = v;
  return ext;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

function normaliseStatus(code: string): string {
  return /^[1-5]xx$/i.test(code) ? code.toUpperCase() : code;
}

function firstExample(o: Obj): unknown {
  if (o.example !== undefined) return o.example;
  if (isObj(o.examples)) {
    for (const ex of Object.values(o.examples)) if (isObj(ex) && ex.value !== undefined) return ex.value;
  }
  return undefined;
}

function baseOperation(path: string, method: string, op: Obj, pointer: string): Pick<ApiOperation, 'method' | 'path' | 'operationId' | 'summary' | 'tags' | 'deprecated' | 'pointer' | 'extensions'> {
  return {
    method: method.toUpperCase(),
    path,
    ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
    ...(typeof op.summary === 'string' ? { summary: op.summary } : {}),
    tags: stringList(op.tags),
    deprecated: op.deprecated === true,
    pointer,
    extensions: extensionsOf(op),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// OpenAPI 3.x

function openapiServers(value: unknown, ctx: Ctx, pointer: string): ApiServer[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    ctx.warn(pointer, '`servers` is not an array; ignored');
    return undefined;
  }
  const out: ApiServer[] = [];
  value.forEach((s, i) => {
    if (!isObj(s) || typeof s.url !== 'string') {
      ctx.warn(appendPointer(pointer, i), 'server without `url`; skipped');
      return;
    }
    out.push(parseServerUrl(substituteServerVariables(s.url, s.variables)));
  });
  return out.length > 0 ? out : undefined;
}

function openapiOperation(
  ctx: Ctx,
  path: string,
  method: string,
  op: Obj,
  pointer: string,
  target: string,
  pathParams: RawParam[],
  pathServers: ApiServer[] | undefined,
): ApiOperation {
  const params = mergeParameters(pathParams, readParameterList(op.parameters, appendPointer(target, 'parameters'), ctx));
  const parameters: ApiParameter[] = [];
  for (const p of params) {
    const param = openapiParameter(p, ctx);
    if (param) parameters.push(param);
  }
  let requestBody: ApiRequestBody | undefined;
  if (op.requestBody !== undefined) {
    const { value: rb, pointer: rbPointer } = ctx.refs.follow(op.requestBody, appendPointer(target, 'requestBody'));
    if (isObj(rb)) requestBody = { required: rb.required === true, content: openapiContent(rb.content, appendPointer(rbPointer, 'content'), ctx) };
    else ctx.warn(appendPointer(target, 'requestBody'), '`requestBody` is not an object; ignored');
  }
  const responses: Record<string, ApiResponse> = {};
  if (isObj(op.responses)) {
    for (const [code, raw] of Object.entries(op.responses)) {
      if (code.startsWith('x-')) continue;
      const at = appendPointer(appendPointer(target, 'responses'), code);
      const { value: r, pointer: rPointer } = ctx.refs.follow(raw, at);
      if (!isObj(r)) {
        ctx.warn(at, 'response is not an object; skipped');
        continue;
      }
      responses[normaliseStatus(code)] = {
        ...(typeof r.description === 'string' ? { description: r.description } : {}),
        content: openapiContent(r.content, appendPointer(rPointer, 'content'), ctx),
        headers: openapiResponseHeaders(r.headers, appendPointer(rPointer, 'headers'), ctx),
      };
    }
  }
  const security = readSecurity(op.security) ?? readSecurity(ctx.doc.security);
  const opServers = openapiServers(op.servers, ctx, appendPointer(target, 'servers')) ?? pathServers;
  return {
    ...baseOperation(path, method, op, pointer),
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses,
    ...(security ? { security } : {}),
    ...(opServers ? { servers: opServers } : {}),
  };
}

function openapiParameter(p: RawParam, ctx: Ctx): ApiParameter | undefined {
  const raw = p.raw;
  const loc = String(raw.in);
  const name = String(raw.name);
  if (!PARAM_LOCATIONS.has(loc)) {
    ctx.warn(p.pointer, `parameter "${name}" has an unknown location "${loc}"; skipped`);
    return undefined;
  }
  const location = loc as ParamLocation;
  // OpenAPI 3: header parameters named Accept, Content-Type or Authorization are ignored (the protocol owns them)
  if (location === 'header' && HEADERS_IGNORED.has(name.toLowerCase())) return undefined;
  let schema: JsonSchema | undefined;
  let contentType: string | undefined;
  if (raw.schema !== undefined) {
    schema = ctx.refs.schema(raw.schema, appendPointer(p.pointer, 'schema'));
  } else if (isObj(raw.content)) {
    const first = Object.entries(raw.content)[0];
    if (first) {
      contentType = first[0].toLowerCase();
      if (isObj(first[1]) && first[1].schema !== undefined) schema = ctx.refs.schema(first[1].schema, appendPointer(appendPointer(appendPointer(p.pointer, 'content'), first[0]), 'schema'));
    }
  }
  const style = typeof raw.style === 'string' ? raw.style : DEFAULT_STYLE[location];
  const example = firstExample(raw);
  return {
    name,
    in: location,
    // path parameters are always required (OpenAPI 3: "required MUST be true")
    required: location === 'path' ? true : raw.required === true,
    deprecated: raw.deprecated === true,
    ...(schema !== undefined ? { schema } : {}),
    style,
    explode: typeof raw.explode === 'boolean' ? raw.explode : style === 'form',
    ...(example !== undefined ? { example } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
  };
}

function openapiContent(content: unknown, pointer: string, ctx: Ctx): Record<string, ApiMediaType> {
  const out: Record<string, ApiMediaType> = {};
  if (!isObj(content)) return out;
  for (const [media, mt] of Object.entries(content)) {
    if (!isObj(mt)) {
      out[media.toLowerCase()] = {};
      continue;
    }
    const schema = mt.schema !== undefined ? ctx.refs.schema(mt.schema, appendPointer(appendPointer(pointer, media), 'schema')) : undefined;
    const example = firstExample(mt);
    out[media.toLowerCase()] = { ...(schema !== undefined ? { schema } : {}), ...(example !== undefined ? { example } : {}) };
  }
  return out;
}

function openapiResponseHeaders(headers: unknown, pointer: string, ctx: Ctx): ApiResponse['headers'] {
  const out: Record<string, { schema?: JsonSchema; required: boolean }> = {};
  if (!isObj(headers)) return out;
  for (const [name, raw] of Object.entries(headers)) {
    // RFC 9110: a Content-Type response header described in `headers` is ignored by OpenAPI
    if (name.toLowerCase() === 'content-type') continue;
    const at = appendPointer(pointer, name);
    const { value: h, pointer: hPointer } = ctx.refs.follow(raw, at);
    if (!isObj(h)) continue;
    let schema: JsonSchema | undefined;
    if (h.schema !== undefined) schema = ctx.refs.schema(h.schema, appendPointer(hPointer, 'schema'));
    else if (isObj(h.content)) {
      const first = Object.values(h.content)[0];
      if (isObj(first) && first.schema !== undefined) schema = ctx.refs.schema(first.schema, appendPointer(hPointer, 'content'));
    }
    out[name.toLowerCase()] = { ...(schema !== undefined ? { schema } : {}), required: h.required === true };
  }
  return out;
}

function openapiSecuritySchemes(doc: Obj, ctx: Ctx): Record<string, SecurityScheme> {
  const components = isObj(doc.components) ? doc.components : {};
  const out: Record<string, SecurityScheme> = {};
  if (!isObj(components.securitySchemes)) return out;
  for (const [name, raw] of Object.entries(components.securitySchemes)) {
    const at = appendPointer('/components/securitySchemes', name);
    const { value: s } = ctx.refs.follow(raw, at);
    const scheme = isObj(s) ? securityScheme(s) : undefined;
    if (scheme) out[name] = scheme;
    else ctx.warn(at, `security scheme "${name}" has an unknown type; skipped`);
  }
  return out;
}

function securityScheme(s: Obj): SecurityScheme | undefined {
  const type = s.type;
  if (type === 'apiKey') {
    const loc = s.in === 'header' || s.in === 'query' || s.in === 'cookie' ? s.in : undefined;
    return { type, ...(loc ? { in: loc } : {}), ...(typeof s.name === 'string' ? { name: s.name } : {}) };
  }
  if (type === 'http') {
    return {
      type,
      ...(typeof s.scheme === 'string' ? { scheme: s.scheme.toLowerCase() } : {}),
      ...(typeof s.bearerFormat === 'string' ? { bearerFormat: s.bearerFormat } : {}),
    };
  }
  // Swagger 2.0 `basic` is HTTP basic authentication: normalised to the OpenAPI 3 shape
  if (type === 'basic') return { type: 'http', scheme: 'basic' };
  if (type === 'oauth2' || type === 'openIdConnect' || type === 'mutualTLS') return { type };
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Swagger 2.0

const FORM_MEDIA = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);
/** Swagger 2.0 parameter/items keywords that are JSON Schema keywords too. */
const SWAGGER2_SCHEMA_KEYS = [
  'type',
  'format',
  'enum',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
];

function swagger2Servers(doc: Obj): ApiServer[] {
  const basePath = typeof doc.basePath === 'string' ? doc.basePath : '';
  if (typeof doc.host !== 'string' || doc.host === '') return [parseServerUrl(basePath || '/')];
  const schemes = stringList(doc.schemes).filter((s) => /^(?:https?|wss?)$/i.test(s));
  return (schemes.length > 0 ? schemes : ['https']).map((scheme) => parseServerUrl(`${scheme.toLowerCase()}://${doc.host as string}${basePath}`));
}

/** Swagger 2.0 schema keywords → OpenAPI 3.0 ones (applied to every schema object before resolution). */
function rewriteSwagger2Schema(s: Obj): Obj {
  if (s['x-nullable'] === undefined && s.type !== 'file' && typeof s.discriminator !== 'string') return s;
  const out: Obj = { ...s };
  if (s['x-nullable'] === true) out.nullable = true;
  if (s.type === 'file') {
    out.type = 'string';
    out.format = 'binary';
  }
  if (typeof s.discriminator === 'string') out.discriminator = { propertyName: s.discriminator };
  return out;
}

/** Inline Swagger 2.0 parameter/header/items type → a JSON Schema (OpenAPI 3.0 dialect). */
function swagger2InlineSchema(p: Obj, depth = 0): JsonSchema | undefined {
  if (typeof p.type !== 'string' && p.enum === undefined) return undefined;
  const out: Obj = {};
  for (const k of SWAGGER2_SCHEMA_KEYS) if (p[k] !== undefined) out[k] = p[k];
  if (p.type === 'file') {
    out.type = 'string';
    out.format = 'binary';
  }
  if (p['x-nullable'] === true) out.nullable = true;
  if (isObj(p.items) && depth < 20) {
    const items = swagger2InlineSchema(p.items, depth + 1);
    if (items !== undefined) out.items = items;
  }
  return out;
}

function swagger2Style(loc: ParamLocation, collectionFormat: unknown): { style: string; explode: boolean } {
  switch (collectionFormat) {
    case 'multi':
      return { style: 'form', explode: true };
    case 'ssv':
      return { style: 'spaceDelimited', explode: false };
    case 'pipes':
      return { style: 'pipeDelimited', explode: false };
    case 'tsv':
      // no OpenAPI 3 equivalent; the validator splits on tabs
      return { style: 'tabDelimited', explode: false };
    default:
      // csv (the default)
      return { style: DEFAULT_STYLE[loc], explode: false };
  }
}

function mediaList(op: Obj, doc: Obj, key: 'consumes' | 'produces'): string[] {
  const own = op[key];
  const list = Array.isArray(own) ? stringList(own) : stringList(doc[key]);
  return list.map((m) => m.toLowerCase());
}

function swagger2Operation(ctx: Ctx, path: string, method: string, op: Obj, pointer: string, target: string, pathParams: RawParam[]): ApiOperation {
  const params = mergeParameters(pathParams, readParameterList(op.parameters, appendPointer(target, 'parameters'), ctx));
  const consumes = mediaList(op, ctx.doc, 'consumes');
  const produces = mediaList(op, ctx.doc, 'produces');
  const parameters: ApiParameter[] = [];
  let body: RawParam | undefined;
  const form: RawParam[] = [];
  for (const p of params) {
    const loc = String(p.raw.in);
    const name = String(p.raw.name);
    if (loc === 'body') body = p;
    else if (loc === 'formData') form.push(p);
    else if (loc === 'path' || loc === 'query' || loc === 'header') {
      if (loc === 'header' && HEADERS_IGNORED.has(name.toLowerCase())) continue;
      const schema = swagger2InlineSchema(p.raw);
      const { style, explode } = swagger2Style(loc, p.raw.collectionFormat);
      parameters.push({
        name,
        in: loc,
        required: loc === 'path' ? true : p.raw.required === true,
        deprecated: p.raw['x-deprecated'] === true,
        ...(schema !== undefined ? { schema } : {}),
        style,
        explode,
        ...(p.raw['x-example'] !== undefined ? { example: p.raw['x-example'] } : {}),
      });
    } else {
      ctx.warn(p.pointer, `parameter "${name}" has an unknown location "${loc}"; skipped`);
    }
  }
  let requestBody: ApiRequestBody | undefined;
  if (body) {
    const schema = body.raw.schema !== undefined ? ctx.refs.schema(body.raw.schema, appendPointer(body.pointer, 'schema')) : undefined;
    const media = consumes.filter((m) => !FORM_MEDIA.has(m));
    const content: Record<string, ApiMediaType> = {};
    for (const m of media.length > 0 ? media : ['application/json']) content[m] = schema !== undefined ? { schema } : {};
    requestBody = { required: body.raw.required === true, content };
  } else if (form.length > 0) {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    let hasFile = false;
    for (const p of form) {
      const name = String(p.raw.name);
      if (p.raw.type === 'file') hasFile = true;
      properties[name] = swagger2InlineSchema(p.raw) ?? {};
      if (p.raw.required === true) required.push(name);
    }
    const schema: JsonSchema = { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
    let media = consumes.filter((m) => FORM_MEDIA.has(m));
    if (media.length === 0) media = [hasFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded'];
    const content: Record<string, ApiMediaType> = {};
    for (const m of media) content[m] = { schema };
    requestBody = { required: required.length > 0, content };
  }
  const responses: Record<string, ApiResponse> = {};
  if (isObj(op.responses)) {
    for (const [code, raw] of Object.entries(op.responses)) {
      if (code.startsWith('x-')) continue;
      const at = appendPointer(appendPointer(target, 'responses'), code);
      const { value: r, pointer: rPointer } = ctx.refs.follow(raw, at);
      if (!isObj(r)) {
        ctx.warn(at, 'response is not an object; skipped');
        continue;
      }
      const content: Record<string, ApiMediaType> = {};
      const examples = isObj(r.examples) ? r.examples : {};
      if (r.schema !== undefined) {
        const schema = ctx.refs.schema(r.schema, appendPointer(rPointer, 'schema'));
        for (const m of produces.length > 0 ? produces : ['application/json']) {
          content[m] = { ...(schema !== undefined ? { schema } : {}), ...(examples[m] !== undefined ? { example: examples[m] } : {}) };
        }
      }
      const headers: Record<string, { schema?: JsonSchema; required: boolean }> = {};
      if (isObj(r.headers)) {
        for (const [name, h] of Object.entries(r.headers)) {
          if (!isObj(h) || name.toLowerCase() === 'content-type') continue;
          const schema = swagger2InlineSchema(h);
          headers[name.toLowerCase()] = { ...(schema !== undefined ? { schema } : {}), required: false };
        }
      }
      responses[normaliseStatus(code)] = { ...(typeof r.description === 'string' ? { description: r.description } : {}), content, headers };
    }
  }
  const security = readSecurity(op.security) ?? readSecurity(ctx.doc.security);
  return {
    ...baseOperation(path, method, op, pointer),
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses,
    ...(security ? { security } : {}),
  };
}

function swagger2SecuritySchemes(doc: Obj, ctx: Ctx): Record<string, SecurityScheme> {
  const out: Record<string, SecurityScheme> = {};
  if (!isObj(doc.securityDefinitions)) return out;
  for (const [name, s] of Object.entries(doc.securityDefinitions)) {
    const scheme = isObj(s) ? securityScheme(s) : undefined;
    if (scheme) out[name] = scheme;
    else ctx.warn(appendPointer('/securityDefinitions', name), `security definition "${name}" has an unknown type; skipped`);
  }
  return out;
}
