/**
 * One HAR 1.2 entry (already `JSON.parse`d) -> an exchange, or a `Skipped` saying why not. Pure.
 *
 * Mapping decisions (docs/formats/har.md):
 * - `request.url` gives scheme, host and the raw target (kept as written); `ws:`/`wss:` map to http/https;
 *   other schemes (`data:`, `blob:`, `chrome-extension:`) are skipped. An origin-form URL takes its host from
 *   `:authority` or the Host header.
 * - HTTP/2 and HTTP/3 pseudo-headers (`:authority`, `:method`, …) are dropped from the headers; `:authority`
 *   and `:scheme` fill in what the URL lacks.
 * - `request.cookies` / `response.cookies` become a `cookie` / `set-cookie` header only when the producer
 *   recorded no such header.
 * - `postData.text` is the request body; without it, `postData.params` are joined as
 *   `application/x-www-form-urlencoded`. `content.encoding: "base64"` is decoded; binary content stays base64.
 * - Status 0 (a request that got no response: blocked, offline, aborted) gives an exchange without response.
 * - WebSocket entries keep the upgrade request and its 101 response; `_webSocketMessages` are not exchanges.
 * - Client IP: only from a producer field (`_clientAddress`, `_clientIPAddress`, `clientIPAddress`); never from
 *   X-Forwarded-For, which the client controls (the header itself is kept).
 */
import type { Body, Exchange, Header, HttpRequest, HttpResponse, Skipped } from '../../core/index.js';
import { normaliseHost } from '../../core/index.js';
import { bytesBody, sizeOnlyBody, textBody } from '../body.js';
import { splitRequestUrl } from '../request-url.js';

export interface HarEntryContext {
  readonly file: string;
  /** 1-based position of the entry in `log.entries`. */
  readonly index: number;
  readonly maxBodyBytes: number;
}

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The exchange recorded by one HAR entry, or why it cannot be used. */
export function parseHarEntry(entry: unknown, ctx: HarEntryContext): Exchange | Skipped {
  const skip = (reason: string): Skipped => ({ kind: 'skipped', code: 'E_HAR_ENTRY', location: `${ctx.file}: entry ${ctx.index}`, reason });
  if (!isRecord(entry)) return skip('the entry is not a JSON object');
  const req = entry.request;
  if (!isRecord(req)) return skip('the entry has no "request" object');
  const method = req.method;
  if (typeof method !== 'string' || method.length === 0) return skip('request.method is missing or not a string');
  const url = req.url;
  if (typeof url !== 'string' || url.length === 0) return skip('request.url is missing or not a string');

  const pseudo: Record<string, string> = {};
  const headers = readHeaders(req.headers, pseudo);
  const pseudoScheme = pseudo[':scheme'];
  const parts = splitRequestUrl(url, pseudoScheme === 'https' ? 'https' : 'http');
  if (typeof parts === 'string') return skip(`request.url: ${parts}`);
  let host = parts.host;
  if (!host) {
    const authority = pseudo[':authority'] ?? headerOf(headers, 'host');
    if (authority) host = normaliseHost(authority, parts.scheme);
  }
  if (!hasHeader(headers, 'cookie')) {
    const cookie = cookieHeader(req.cookies);
    if (cookie) headers.push(['cookie', cookie]);
  }

  const body = requestBody(req.postData, ctx.maxBodyBytes);
  // tools that record no request headers (or drop Content-Type) still say the body's type in postData.mimeType
  if (body && !hasHeader(headers, 'content-type') && isRecord(req.postData) && typeof req.postData.mimeType === 'string' && req.postData.mimeType.trim() !== '') {
    headers.push(['content-type', req.postData.mimeType.trim()]);
  }
  const version = httpVersion(req.httpVersion);
  const request: HttpRequest = {
    method: method.toUpperCase(),
    scheme: parts.scheme,
    host,
    target: parts.target,
    headers,
    ...(body ? { body } : {}),
    ...(version ? { httpVersion: version } : {}),
  };

  const time = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
  const duration = durationOf(entry);
  const server = serverOf(entry);
  const response = responseOf(entry.response, ctx.maxBodyBytes);
  return {
    time: Number.isFinite(time) ? time : 0,
    ...(duration !== undefined ? { durationMs: duration } : {}),
    client: clientOf(entry),
    ...(server ? { server } : {}),
    request,
    ...(response ? { response } : {}),
    source: { kind: 'har', file: ctx.file, position: `entry ${ctx.index}` },
  };
}

/** Headers lower-cased in order; pseudo-headers go to `pseudo` instead. */
function readHeaders(raw: unknown, pseudo: Record<string, string>): Header[] {
  const out: Header[] = [];
  if (!Array.isArray(raw)) return out;
  for (const h of raw) {
    if (!isRecord(h) || typeof h.name !== 'string' || h.name.length === 0) continue;
    const value = h.value === undefined || h.value === null ? '' : String(h.value);
    const name = h.name.toLowerCase();
    if (name.charCodeAt(0) === 0x3a /* : */) {
      pseudo[name] ??= value;
      continue;
    }
    out.push([name, value]);
  }
  return out;
}

function headerOf(headers: readonly Header[], name: string): string | undefined {
  for (const [n, v] of headers) if (n === name) return v;
  return undefined;
}

function hasHeader(headers: readonly Header[], name: string): boolean {
  return headerOf(headers, name) !== undefined;
}

function cookieHeader(raw: unknown): string | undefined {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const parts: string[] = [];
  for (const c of raw) if (isRecord(c) && typeof c.name === 'string' && c.name) parts.push(`${c.name}=${c.value === undefined || c.value === null ? '' : String(c.value)}`);
  return parts.length ? parts.join('; ') : undefined;
}

function setCookieHeaders(raw: unknown): Header[] {
  const out: Header[] = [];
  if (!Array.isArray(raw)) return out;
  for (const c of raw) {
    if (!isRecord(c) || typeof c.name !== 'string' || !c.name) continue;
    let v = `${c.name}=${c.value === undefined || c.value === null ? '' : String(c.value)}`;
    if (typeof c.path === 'string' && c.path) v += `; Path=${c.path}`;
    if (typeof c.domain === 'string' && c.domain) v += `; Domain=${c.domain}`;
    if (typeof c.expires === 'string' && c.expires) v += `; Expires=${c.expires}`;
    if (c.httpOnly === true) v += '; HttpOnly';
    if (c.secure === true) v += '; Secure';
    if (typeof c.sameSite === 'string' && c.sameSite) v += `; SameSite=${c.sameSite}`;
    out.push(['set-cookie', v]);
  }
  return out;
}

function requestBody(postData: unknown, maxBytes: number): Body | undefined {
  if (!isRecord(postData)) return undefined;
  const mime = typeof postData.mimeType === 'string' ? postData.mimeType : '';
  const text = postData.text;
  if (typeof text === 'string' && text.length > 0) {
    if (postData.encoding === 'base64') return bytesBody(Buffer.from(text, 'base64'), maxBytes, mediaTypeOf(mime));
    return textBody(text, maxBytes);
  }
  if (Array.isArray(postData.params) && postData.params.length > 0) {
    const pairs: string[] = [];
    for (const p of postData.params) {
      if (!isRecord(p) || typeof p.name !== 'string') continue;
      pairs.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(p.value === undefined || p.value === null ? '' : String(p.value))}`);
    }
    if (pairs.length) return textBody(pairs.join('&'), maxBytes);
  }
  return undefined;
}

function responseOf(res: unknown, maxBytes: number): HttpResponse | undefined {
  if (!isRecord(res)) return undefined;
  const status = typeof res.status === 'number' ? res.status : typeof res.status === 'string' ? Number(res.status) : NaN;
  // 0 = no response was received (blocked, offline, aborted); anything outside 100-999 is not a status
  if (!Number.isInteger(status) || status < 100 || status > 999) return undefined;
  const headers = readHeaders(res.headers, {});
  if (!hasHeader(headers, 'set-cookie')) headers.push(...setCookieHeaders(res.cookies));
  const body = responseBody(res.content, maxBytes);
  return body ? { status, headers, body } : { status, headers };
}

function responseBody(content: unknown, maxBytes: number): Body | undefined {
  if (!isRecord(content)) return undefined;
  const size = typeof content.size === 'number' && Number.isFinite(content.size) && content.size >= 0 ? content.size : undefined;
  const text = content.text;
  if (typeof text !== 'string' || text.length === 0) return sizeOnlyBody(size);
  if (content.encoding === 'base64') {
    const bytes = Buffer.from(text, 'base64');
    return bytesBody(bytes, maxBytes, mediaTypeOf(typeof content.mimeType === 'string' ? content.mimeType : ''), size);
  }
  const body = textBody(text, maxBytes);
  // content.size is the full decoded length: a text much shorter than it was cut by the tool that wrote the HAR
  // (tools disagree by a few bytes on line endings and charsets, so a small gap is not a cut)
  if (size === undefined || size <= body.size) return body;
  return size - body.size > 64 ? { ...body, size, truncated: true } : { ...body, size };
}

function mediaTypeOf(mime: string): string {
  const semi = mime.indexOf(';');
  return (semi === -1 ? mime : mime.slice(0, semi)).trim().toLowerCase();
}

/** `HTTP/1.1` stays; `http/2.0`, `h2`, `HTTP/2.0` -> `HTTP/2`; `h3` -> `HTTP/3`; '' -> undefined. */
function httpVersion(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length === 0) return undefined;
  const u = v.trim().toUpperCase();
  if (u === 'H2' || u === 'HTTP/2.0' || u === 'HTTP/2') return 'HTTP/2';
  if (u === 'H3' || u === 'HTTP/3.0' || u === 'HTTP/3') return 'HTTP/3';
  return u;
}

function durationOf(entry: Rec): number | undefined {
  if (typeof entry.time === 'number' && Number.isFinite(entry.time) && entry.time >= 0) return entry.time;
  const t = entry.timings;
  if (!isRecord(t)) return undefined;
  // HAR 1.2: `ssl` is included in `connect`, so it is not added again; -1 means "not applicable"
  let sum = 0;
  let any = false;
  for (const k of ['blocked', 'dns', 'connect', 'send', 'wait', 'receive']) {
    const v = t[k];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
      sum += v;
      any = true;
    } else if (v === 0) any = true;
  }
  return any ? sum : undefined;
}

function clientOf(entry: Rec): { ip?: string } {
  for (const k of ['_clientAddress', '_clientIPAddress', 'clientIPAddress']) {
    const v = entry[k];
    if (typeof v === 'string' && v.length > 0) return { ip: stripBrackets(v) };
  }
  return {};
}

function serverOf(entry: Rec): { ip?: string; port?: number } | undefined {
  const ip = typeof entry.serverIPAddress === 'string' && entry.serverIPAddress.length > 0 ? stripBrackets(entry.serverIPAddress) : undefined;
  const rawPort = entry._serverPort;
  const port = typeof rawPort === 'number' ? rawPort : typeof rawPort === 'string' ? Number(rawPort) : NaN;
  const validPort = Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  if (ip === undefined && validPort === undefined) return undefined;
  return validPort === undefined ? { ip } : ip === undefined ? { port: validPort } : { ip, port: validPort };
}

function stripBrackets(ip: string): string {
  return ip.length > 2 && ip.charCodeAt(0) === 0x5b && ip.charCodeAt(ip.length - 1) === 0x5d ? ip.slice(1, -1) : ip;
}
