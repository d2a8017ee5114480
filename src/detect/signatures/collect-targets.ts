/**
 * Inspection targets: every part of a request a payload can hide in, each with a stable location name.
 *
 * | part | kind | location |
 * | --- | --- | --- |
 * | the decoded path | `path` | `path` |
 * | a path segment with characters beyond `[A-Za-z0-9._~-]` | `arg` | `path:<n>` (1-based) |
 * | query / form / multipart field names and values | `name` / `arg` | `query:<name>`, `form:<name>`, `multipart:<name>` |
 * | JSON keys and string leaves, any depth (bounded) | `name` / `arg` | `json:$.user.name`, `json:$.items[0]` |
 * | XML element text, attributes, names, PIs; DOCTYPE | `arg` / `name` / `xml-decl` | `xml:/root/a`, `xml:/root/a/@id`, `xml:!DOCTYPE` |
 * | cookies | `name` / `cookie` | `cookie:<name>` |
 * | headers (set depends on the paranoia level) | `header` | `header:<name>` |
 * | multipart file names | `filename` | `multipart:<name>#filename` |
 * | a body that is none of the above, or does not parse | `body` | `body` |
 */
import { headerValue, mediaType, parseCookies, parseQuery, safeDecode, splitTarget } from '../../core/index.js';
import type { Exchange } from '../../core/index.js';
import { collectJson, type CollectLimits } from './collect-json.js';
import { collectMultipart, multipartBoundary } from './collect-multipart.js';
import { collectXml } from './collect-xml.js';
import type { Paranoia, Target } from './types.js';

export interface CollectOptions {
  readonly paranoia: Paranoia;
  /** Longest body (in characters) that is parsed and inspected; longer bodies are inspected up to this. */
  readonly maxBodyLength: number;
  /** Most targets collected from one request. */
  readonly maxTargets: number;
  /** Deepest JSON nesting walked. */
  readonly maxDepth: number;
}

export interface CollectedTargets {
  readonly targets: Target[];
  /** Why inspection is incomplete (a limit was hit), or undefined. */
  readonly cut?: string;
  /** True when the source itself truncated the body (nothing the engine chose). */
  readonly sourceTruncated: boolean;
  /** Index of the first target of a JSON body (every later target comes from it); undefined when there is none. */
  readonly jsonFrom?: number;
}

/**
 * Headers not inspected at paranoia 1: framing, negotiation and caching headers whose values the server parses
 * strictly (or not at all), and credentials (never evidence). From paranoia 2 on only framing headers and
 * credentials are skipped. Cookies are always inspected, split into names and values.
 */
const SKIP_PL1 = new Set([
  'host', 'accept', 'accept-encoding', 'accept-language', 'accept-charset', 'connection', 'content-length', 'keep-alive', 'proxy-connection',
  'cache-control', 'pragma', 'if-none-match', 'if-match', 'if-modified-since', 'if-unmodified-since', 'if-range', 'upgrade-insecure-requests', 'dnt', 'te',
  'priority', 'traceparent', 'tracestate', 'x-request-id', 'x-correlation-id', 'x-amzn-trace-id', 'authorization', 'proxy-authorization', 'cookie', 'x-csrf-token',
  'x-xsrf-token', 'origin', 'purpose', 'x-requested-with', 'upgrade', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'if',
]);
const SKIP_PL2 = new Set(['host', 'content-length', 'connection', 'authorization', 'proxy-authorization', 'cookie', 'sec-websocket-key']);

/** True when a header value is inspected at this paranoia level. */
export function isInspectedHeader(name: string, paranoia: Paranoia): boolean {
  if (paranoia >= 2) return !SKIP_PL2.has(name);
  return !SKIP_PL1.has(name) && !name.startsWith('sec-');
}

const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]*$/;

export function collectTargets(exchange: Exchange, options: CollectOptions): CollectedTargets {
  const req = exchange.request;
  const out: Target[] = [];
  const limits: CollectLimits = { maxDepth: options.maxDepth, remaining: options.maxTargets };
  const add = (t: Target) => {
    if (limits.remaining <= 0) {
      limits.cut ??= 'too many values to inspect';
      return;
    }
    out.push(t);
    limits.remaining--;
  };

  const { path, query } = splitTarget(req.target);
  add({ kind: 'path', location: 'path', value: safeDecode(path) });
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i] as string;
    if (!PLAIN_SEGMENT.test(seg)) add({ kind: 'arg', location: `path:${i}`, value: safeDecode(seg) });
  }
  for (const [name, value] of parseQuery(query, options.maxTargets)) {
    add({ kind: 'name', location: `query:${name}`, value: name });
    add({ kind: 'arg', location: `query:${name}`, value, name });
  }

  for (const [name, value] of req.headers) {
    if (name === 'cookie') {
      for (const [cn, cv] of parseCookies(value)) {
        add({ kind: 'name', location: `cookie:${cn}`, value: cn });
        add({ kind: 'cookie', location: `cookie:${cn}`, value: cv, name: cn });
      }
      // pieces without `=` are dropped by cookie parsers but can still reach an application that reads the raw header
      if (value.indexOf(';') !== -1 || value.indexOf('=') === -1) {
        for (const piece of value.split(';')) if (piece.indexOf('=') === -1 && piece.trim() !== '') add({ kind: 'name', location: 'cookie', value: piece.trim() });
      }
      continue;
    }
    if (isInspectedHeader(name, options.paranoia)) add({ kind: 'header', location: `header:${name}`, value, name });
  }

  let sourceTruncated = false;
  let jsonFrom: number | undefined;
  const body = req.body;
  if (body && body.text.length > 0) {
    sourceTruncated = body.truncated;
    let text = body.encoding === 'base64' ? Buffer.from(body.text, 'base64').toString('latin1') : body.text;
    if (text.length > options.maxBodyLength) {
      text = text.slice(0, options.maxBodyLength);
      limits.cut ??= `body longer than the inspection limit (${options.maxBodyLength} characters)`;
    }
    const before = out.length;
    if (collectBody(text, req.headers, out, limits, add)) jsonFrom = before;
  }
  const result: CollectedTargets = limits.cut === undefined ? { targets: out, sourceTruncated } : { targets: out, cut: limits.cut, sourceTruncated };
  return jsonFrom === undefined ? result : { ...result, jsonFrom };
}

/** Collects the body's targets; returns true when it was read as JSON (its targets then end `out`). */
function collectBody(text: string, headers: Exchange['request']['headers'], out: Target[], limits: CollectLimits, add: (t: Target) => void): boolean {
  const media = mediaType(headers);
  if (media === 'application/x-www-form-urlencoded') {
    for (const [name, value] of parseQuery(text, limits.remaining)) {
      add({ kind: 'name', location: `form:${name}`, value: name });
      add({ kind: 'arg', location: `form:${name}`, value, name });
    }
    return false;
  }
  if (media.startsWith('multipart/')) {
    const boundary = multipartBoundary(headerValue(headers, 'content-type') ?? '');
    if (boundary && collectMultipart(text, boundary, out, limits)) return false;
    add({ kind: 'body', location: 'body', value: text });
    return false;
  }
  const first = firstNonSpace(text);
  const xmlMedia = media === 'application/xml' || media === 'text/xml' || media.endsWith('+xml');
  if (xmlMedia || (first === '<' && !media.includes('html'))) {
    if (collectXml(text, out, limits)) return false;
  } else if (first === '{' || first === '[' || media === 'application/json' || media.endsWith('+json')) {
    // JSON is read whatever the declared type: many frameworks parse it regardless
    let parsed: unknown;
    let ok = true;
    try {
      parsed = JSON.parse(text);
    } catch {
      ok = false;
    }
    if (ok && parsed !== null && typeof parsed === 'object') {
      collectJson(parsed, '$', out, limits);
      return true;
    }
  }
  add({ kind: 'body', location: 'body', value: text });
  return false;
}

function firstNonSpace(s: string): string {
  for (let i = 0; i < s.length && i < 1024; i++) {
    const c = s[i] as string;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\ufeff') return c;
  }
  return '';
}
