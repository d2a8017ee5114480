/**
 * One line of Rampart's JSON-lines format -> an exchange, or `E_JSONL_LINE` with `file:line: <JSON path>
 * <what is wrong>`. The line is checked against `JSONL_LINE_SCHEMA` (ajv, compiled once). Pure.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Body, Exchange, Header, HttpRequest, HttpResponse, Skipped } from '../../core/index.js';
import { mediaType, normaliseHost } from '../../core/index.js';
import { parseIsoTime } from '../access-log/log-time.js';
import { bytesBody, textBody } from '../body.js';
import type { LineRef } from '../line-ref.js';
import { splitRequestUrl } from '../request-url.js';
import { JSONL_LINE_SCHEMA } from './jsonl-schema.js';

let validator: ValidateFunction | undefined;

function validate(value: unknown): ErrorObject | undefined {
  validator ??= new Ajv({ allErrors: false, verbose: true, allowUnionTypes: true, strict: true }).compile(JSONL_LINE_SCHEMA);
  if (validator(value)) return undefined;
  const errors = validator.errors ?? [];
  // when an `anyOf` failed, its branches' errors come first and the `anyOf` itself last (outermost last):
  // the `anyOf` error describes the expected shape best
  for (let i = errors.length - 1; i >= 0; i--) if (errors[i]?.keyword === 'anyOf') return errors[i];
  return errors[0];
}

type Line = {
  time?: string | number;
  durationMs?: number;
  client?: { ip?: string; port?: number };
  server?: { ip?: string; port?: number };
  request: Message & { method: string; url: string; host?: string; scheme?: 'http' | 'https'; httpVersion?: string };
  response?: Message & { status: number };
};
type Message = { headers?: Record<string, string | number | Array<string | number>> | Array<[string | number, string | number]>; body?: unknown; bodyEncoding?: 'utf8' | 'base64' };

/** The exchange on one JSON line, or what is wrong with the line. */
export function parseJsonlLine(text: string, at: LineRef, maxBodyBytes: number): Exchange | Skipped {
  const bad = (reason: string): Skipped => ({ kind: 'skipped', code: 'E_JSONL_LINE', location: `${at.file}:${at.line}`, reason });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return bad(`not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const error = validate(value);
  if (error) return bad(describeError(error));
  const line = value as Line;

  let time = 0;
  if (typeof line.time === 'string') {
    time = parseIsoTime(line.time);
    if (Number.isNaN(time)) return bad(`$.time "${line.time}" is not an ISO-8601 date-time with a zone (e.g. 2024-05-01T10:00:00Z)`);
  } else if (typeof line.time === 'number') time = line.time;

  const req = line.request;
  const headers = readHeaders(req.headers);
  const parts = splitRequestUrl(req.url, req.scheme ?? 'http');
  if (typeof parts === 'string') return bad(`$.request.url: ${parts}`);
  let host = parts.host;
  if (!host) {
    const h = req.host ?? headerValueOf(headers, 'host');
    if (h) host = normaliseHost(h, parts.scheme);
  }
  const reqBody = readBody(req, headers, maxBodyBytes);
  if (typeof reqBody === 'string') return bad(`$.request.body ${reqBody}`);
  const request: HttpRequest = {
    method: req.method.toUpperCase(),
    scheme: parts.scheme,
    host,
    target: parts.target,
    headers,
    ...(reqBody ? { body: reqBody } : {}),
    ...(req.httpVersion ? { httpVersion: req.httpVersion } : {}),
  };

  let response: HttpResponse | undefined;
  if (line.response) {
    const resHeaders = readHeaders(line.response.headers);
    const resBody = readBody(line.response, resHeaders, maxBodyBytes);
    if (typeof resBody === 'string') return bad(`$.response.body ${resBody}`);
    response = { status: line.response.status, headers: resHeaders, ...(resBody ? { body: resBody } : {}) };
  }

  return {
    time,
    ...(line.durationMs !== undefined ? { durationMs: line.durationMs } : {}),
    client: peerOf(line.client),
    ...(line.server ? { server: peerOf(line.server) } : {}),
    request,
    ...(response ? { response } : {}),
    source: { kind: 'jsonl', file: at.file, position: `line ${at.line}` },
  };
}

function peerOf(p: { ip?: string; port?: number } | undefined): { ip?: string; port?: number } {
  if (!p) return {};
  return { ...(p.ip !== undefined ? { ip: p.ip } : {}), ...(p.port !== undefined ? { port: p.port } : {}) };
}

function readHeaders(raw: Message['headers']): Header[] {
  const out: Header[] = [];
  if (raw === undefined) return out;
  if (Array.isArray(raw)) {
    for (const [n, v] of raw) out.push([String(n).toLowerCase(), String(v)]);
    return out;
  }
  for (const [n, v] of Object.entries(raw)) {
    const name = n.toLowerCase();
    if (Array.isArray(v)) for (const item of v) out.push([name, String(item)]);
    else out.push([name, String(v)]);
  }
  return out;
}

function headerValueOf(headers: readonly Header[], name: string): string | undefined {
  for (const [n, v] of headers) if (n === name) return v;
  return undefined;
}

const BASE64 = /^[A-Za-z0-9+/\-_]*={0,2}$/;

/** The body of a message, undefined when absent or empty, or a reason string when it is invalid. */
function readBody(m: Message, headers: readonly Header[], maxBytes: number): Body | undefined | string {
  const b = m.body;
  if (b === undefined || b === null) return undefined;
  if (typeof b !== 'string') {
    let json: string;
    try {
      json = JSON.stringify(b);
    } catch {
      return 'is nested too deeply to be stored as JSON text';
    }
    return textBody(json, maxBytes);
  }
  if (b.length === 0) return undefined;
  if (m.bodyEncoding === 'base64') {
    const compact = b.replace(/\s+/g, '');
    if (!BASE64.test(compact)) return 'is not valid base64 (bodyEncoding is "base64")';
    return bytesBody(Buffer.from(compact, 'base64'), maxBytes, mediaType(headers));
  }
  return textBody(b, maxBytes);
}

/** `$.request.method must be string`, in words a person can act on. */
function describeError(e: ErrorObject): string {
  const path = jsonPath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${path} is missing the required field "${String(p.missingProperty)}"`;
    case 'additionalProperties':
      return `${path === '$' ? '$' : path}.${String(p.additionalProperty)} is not a known field${knownFields(e)} (extension fields start with "x-" or "_")`;
    case 'type':
      return `${path} must be ${humanType(p.type)}, found ${typeName(e.data)}`;
    case 'enum':
      return `${path} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, found ${JSON.stringify(e.data)}`;
    case 'anyOf': {
      const description = (e.parentSchema as { description?: string } | undefined)?.description;
      return `${path} must be ${description ?? 'of another shape'}`;
    }
    case 'minimum':
    case 'maximum':
      return `${path} must be ${e.keyword === 'minimum' ? '>=' : '<='} ${String(p.limit)}, found ${JSON.stringify(e.data)}`;
    case 'pattern':
      return `${path} must be an HTTP method token (letters, digits and !#$%&'*+.^_\`|~-), found ${JSON.stringify(e.data)}`;
    default:
      return `${path} ${e.message ?? 'is invalid'}`;
  }
}

function knownFields(e: ErrorObject): string {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? ` (known: ${Object.keys(props).join(', ')})` : '';
}

function jsonPath(pointer: string): string {
  if (!pointer) return '$';
  let out = '$';
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(seg) ? `[${seg}]` : /^[A-Za-z_$][\w$-]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function humanType(t: unknown): string {
  const list = Array.isArray(t) ? t : [t];
  return list.map((x) => (x === 'integer' ? 'an integer' : x === 'object' ? 'an object' : x === 'array' ? 'an array' : `a ${String(x)}`)).join(' or ');
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v === 'number' && Number.isInteger(v) ? 'the integer' : `the ${typeof v}`} ${JSON.stringify(v)}`;
}
