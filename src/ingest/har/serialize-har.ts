/**
 * Exchanges -> a HAR 1.2 document (the inverse of `parseHarEntry`). Pure: it returns text, the caller writes it.
 * `harOpening`, `harEntry` and `harClosing` let a writer stream a large log entry by entry; `serializeHar` joins
 * them for small ones. The client IP goes to `_clientAddress` (the field `parseHarEntry` reads), base64 bodies
 * keep `encoding: "base64"`, and a body cut by a source limit keeps its full `size`. Nothing is redacted here:
 * callers that write real traffic redact first (the demo writes only its own fake credentials).
 */
import type { Body, Exchange, Header } from '../../core/index.js';
import { parseQuery } from '../../core/index.js';

export interface HarCreator {
  readonly name: string;
  readonly version: string;
}

const REASONS: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict',
  410: 'Gone', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 423: 'Locked',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** The text before the first entry. */
export function harOpening(creator: HarCreator): string {
  return `{"log":{"version":"1.2","creator":${JSON.stringify({ name: creator.name, version: creator.version })},"entries":[\n`;
}

/** The text after the last entry. */
export function harClosing(): string {
  return ']}}\n';
}

/** One entry as JSON text (no separator). */
export function harEntry(ex: Exchange): string {
  const req = ex.request;
  const defaultPort = req.scheme === 'https' ? ':443' : ':80';
  const host = req.host.endsWith(defaultPort) ? req.host.slice(0, -defaultPort.length) : req.host;
  const url = `${req.scheme}://${host}${req.target}`;
  const q = req.target.indexOf('?');
  const queryString = q === -1 ? [] : parseQuery(req.target.slice(q + 1)).map(([name, value]) => ({ name, value }));
  const reqType = headerOf(req.headers, 'content-type') ?? '';
  const duration = ex.durationMs ?? 0;
  const entry: Record<string, unknown> = {
    startedDateTime: new Date(ex.time).toISOString(),
    time: duration,
    request: {
      method: req.method,
      url,
      httpVersion: req.httpVersion ?? 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(req.headers),
      queryString,
      ...(req.body ? { postData: { mimeType: reqType, ...bodyText(req.body) } } : {}),
      headersSize: -1,
      bodySize: req.body ? req.body.size : 0,
    },
    response: ex.response
      ? {
          status: ex.response.status,
          statusText: REASONS[ex.response.status] ?? '',
          httpVersion: req.httpVersion ?? 'HTTP/1.1',
          cookies: [],
          headers: harHeaders(ex.response.headers),
          content: {
            size: ex.response.body?.size ?? 0,
            mimeType: headerOf(ex.response.headers, 'content-type') ?? '',
            ...(ex.response.body ? bodyText(ex.response.body) : {}),
          },
          redirectURL: headerOf(ex.response.headers, 'location') ?? '',
          headersSize: -1,
          bodySize: ex.response.body?.size ?? 0,
        }
      : // HAR's way of saying "no response": status 0
        { status: 0, statusText: '', httpVersion: '', cookies: [], headers: [], content: { size: 0, mimeType: '' }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {},
    timings: { send: 0, wait: duration, receive: 0 },
    ...(ex.client.ip ? { _clientAddress: ex.client.ip } : {}),
    ...(ex.server?.ip ? { serverIPAddress: ex.server.ip } : {}),
  };
  return JSON.stringify(entry);
}

/** A whole HAR 1.2 document (one entry per line, so diffs of committed samples stay readable). */
export function serializeHar(exchanges: Iterable<Exchange>, creator: HarCreator): string {
  const parts: string[] = [];
  for (const ex of exchanges) parts.push(harEntry(ex));
  return `${harOpening(creator)}${parts.join(',\n')}${parts.length ? '\n' : ''}${harClosing()}`;
}

function harHeaders(headers: readonly Header[]): Array<{ name: string; value: string }> {
  return headers.map(([name, value]) => ({ name, value }));
}

function headerOf(headers: readonly Header[], name: string): string | undefined {
  for (const [n, v] of headers) if (n === name) return v;
  return undefined;
}

function bodyText(body: Body): { text: string; encoding?: 'base64' } {
  return body.encoding === 'base64' ? { text: body.text, encoding: 'base64' } : { text: body.text };
}
