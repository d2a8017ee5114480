/**
 * Body validation shared by requests and responses: media type negotiation against the operation's `content`,
 * then parsing by kind — JSON (invalid JSON is an issue; size and, for recursive schemas, depth are bounded),
 * `application/x-www-form-urlencoded`, `multipart/form-data` (bounded parser), `text/*` against string schemas —
 * and schema validation. Other media types (XML, binary) are checked for their media type only.
 */
import type { ApiMediaType } from '../core/api-description.js';
import { isJsonMediaType, parseQuery } from '../core/http.js';
import type { JsonSchema } from '../core/json-schema.js';
import { coerceValue, propertySchema, schemaTypes } from './coerce-value.js';
import { boundaryOf, parseMultipart } from './multipart.js';
import { exceedsDepth, issuesFromErrors, type CompiledSchema, type SchemaCompiler } from './schema-compiler.js';
import type { ValidationIssue } from './validation-issue.js';

export type BodyKind = 'json' | 'form' | 'multipart' | 'text' | 'other';

export interface CompiledMedia {
  /** `type/subtype`, `type/*` or `*\/*`, lower-case, without parameters. */
  readonly key: string;
  readonly schema?: JsonSchema;
  readonly compiled?: CompiledSchema;
}

export interface CompiledContent {
  readonly media: ReadonlyMap<string, CompiledMedia>;
  /** The accepted media types, for messages. */
  readonly list: string;
}

export interface BodyLimits {
  readonly maxBodyBytes: number;
  readonly maxBodyDepth: number;
  readonly maxIssues: number;
}

/** A body as the validators receive it. `mediaType` is the Content-Type (parameters allowed). */
export interface BodyInput {
  readonly mediaType: string;
  readonly text: string;
  /** The text is only the start of the body (a capture limit): schema validation is skipped. */
  readonly truncated?: boolean;
  /** Base64 text of a binary body: only the media type is checked. */
  readonly encoding?: 'base64';
}

/** Splits a Content-Type into `type/subtype` (lower-case) and its raw parameters. */
export function splitMediaType(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

export function compileContent(content: Readonly<Record<string, ApiMediaType>>, compiler: SchemaCompiler, where: string): CompiledContent {
  const media = new Map<string, CompiledMedia>();
  for (const [key, mt] of Object.entries(content)) {
    const k = splitMediaType(key);
    if (media.has(k)) continue;
    const compiled = mt.schema !== undefined ? compiler.compile(mt.schema, `${where} ${k}`) : undefined;
    media.set(k, { key: k, ...(mt.schema !== undefined ? { schema: mt.schema } : {}), ...(compiled ? { compiled } : {}) });
  }
  return { media, list: [...media.keys()].join(', ') };
}

/** The content entry for a request media type: exact, then `type/*`, then `*\/*`. */
export function findMedia(content: CompiledContent, mediaType: string): CompiledMedia | undefined {
  const exact = content.media.get(mediaType);
  if (exact) return exact;
  const slash = mediaType.indexOf('/');
  if (slash !== -1) {
    const wild = content.media.get(`${mediaType.slice(0, slash)}/*`);
    if (wild) return wild;
  }
  return content.media.get('*/*');
}

export function bodyKind(mediaType: string): BodyKind {
  if (isJsonMediaType(mediaType)) return 'json';
  if (mediaType === 'application/x-www-form-urlencoded') return 'form';
  if (mediaType === 'multipart/form-data' || mediaType === 'multipart/mixed') return 'multipart';
  if (mediaType.startsWith('text/')) return 'text';
  return 'other';
}

/** Validates a present, non-empty body against the matched content entry; appends issues. */
export function checkBody(body: BodyInput, content: CompiledContent, limits: BodyLimits, out: ValidationIssue[]): void {
  const mediaType = splitMediaType(body.mediaType);
  if (mediaType === '') {
    out.push({ location: 'body', pointer: '', keyword: 'mediaType', message: `body has no Content-Type (accepted: ${content.list})` });
    return;
  }
  const media = findMedia(content, mediaType);
  if (!media) {
    out.push({ location: 'body', pointer: '', keyword: 'mediaType', message: `body media type "${mediaType}" is not accepted (accepted: ${content.list})` });
    return;
  }
  if (body.truncated || body.encoding === 'base64') return;
  const kind = bodyKind(mediaType);
  // without a schema only JSON syntax is checked
  if (!media.compiled && kind !== 'json') return;
  if (body.text.length > limits.maxBodyBytes) {
    out.push({ location: 'body', pointer: '', keyword: 'maxBodySize', message: `body is larger than ${limits.maxBodyBytes} bytes: not validated` });
    return;
  }
  let value: unknown;
  switch (kind) {
    case 'json': {
      try {
        value = JSON.parse(body.text);
      } catch (e) {
        out.push({ location: 'body', pointer: '', keyword: 'json', message: `body is not valid JSON (${jsonErrorSummary(e)})` });
        return;
      }
      if (!media.compiled) return;
      if (media.compiled.recursive && exceedsDepth(value, limits.maxBodyDepth)) {
        out.push({ location: 'body', pointer: '', keyword: 'maxDepth', message: `body nests deeper than ${limits.maxBodyDepth} levels` });
        return;
      }
      break;
    }
    case 'form':
      value = formObject(parseQuery(body.text), media.schema);
      break;
    case 'multipart': {
      const boundary = boundaryOf(body.mediaType);
      const parsed = boundary === undefined ? { ok: false as const, error: 'Content-Type has no boundary parameter' } : parseMultipart(body.text, boundary);
      if (!parsed.ok) {
        out.push({ location: 'body', pointer: '', keyword: 'multipart', message: `multipart body is malformed: ${parsed.error}` });
        return;
      }
      value = formObject(
        parsed.parts.map((p) => [p.name, p.content] as const),
        media.schema,
      );
      break;
    }
    case 'text':
      if (!schemaTypes(media.schema).has('string')) return;
      value = body.text;
      break;
    default:
      return;
  }
  if (media.compiled) validateValue(media.compiled, value, out, limits.maxIssues);
}

function validateValue(compiled: CompiledSchema, value: unknown, out: ValidationIssue[], max: number): void {
  let ok: boolean;
  try {
    ok = compiled.validate(value) as boolean;
  } catch (e) {
    if (e instanceof RangeError) {
      out.push({ location: 'body', pointer: '', keyword: 'maxDepth', message: 'body nests too deeply to validate' });
      return;
    }
    throw e;
  }
  if (!ok) issuesFromErrors(compiled.validate.errors, 'body', undefined, out, max);
}

/** Form fields → an object shaped by the schema (repeated fields and array properties become arrays), coerced. */
function formObject(pairs: ReadonlyArray<readonly [string, string]>, schema: JsonSchema | undefined): Record<string, unknown> {
  const obj: Record<string, unknown> = {};
  for (const [name, v] of pairs) {
    const prev = obj[name];
    if (prev === undefined) obj[name] = schemaTypes(propertySchema(schema, name)).has('array') ? [v] : v;
    else if (Array.isArray(prev)) prev.push(v);
    else obj[name] = [prev, v];
  }
  return coerceValue(obj, schema) as Record<string, unknown>;
}

/** A short reason from V8's JSON error, without quoting the (possibly sensitive) body back. */
function jsonErrorSummary(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const at = /position (\d+)/.exec(msg);
  if (/Unexpected end/i.test(msg)) return 'unexpected end of input';
  const token = /Unexpected token '?(.)'?/.exec(msg);
  if (token) return `unexpected ${JSON.stringify(token[1])}${at ? ` at position ${at[1]}` : ''}`;
  return at ? `syntax error at position ${at[1]}` : 'syntax error';
}
