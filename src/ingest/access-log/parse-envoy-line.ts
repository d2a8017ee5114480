/**
 * One line of an Envoy access log in Envoy's DEFAULT format -> an exchange. Pure.
 *
 *   [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 *   %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
 *   "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"
 *
 *   [2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0-…" "locations" "tcp://10.0.2.1:80"
 *
 * The last three quoted fields are read from the end of the line, so a `"` inside the user agent cannot shift
 * them. Client IP: the rightmost X-Forwarded-For address (the hop nearest Envoy; addresses to its left are
 * supplied by the client and spoofable); the whole header is kept. `%UPSTREAM_HOST%` is the server address.
 * Response code 0 (the client went away before any response) gives an exchange without response. Response
 * flags and upstream service time are not kept.
 */
import type { Exchange, Header, HttpRequest, Server, Skipped } from '../../core/index.js';
import { normaliseHost } from '../../core/index.js';
import { clip } from '../clip.js';
import { sizeOnlyBody } from '../body.js';
import type { LineRef } from '../line-ref.js';
import { findRequestEnd, parseCount, parseRequestLine } from './log-fields.js';
import { parseIsoTime } from './log-time.js';

let lastTimeText = '';
let lastTime = NaN;

function bad(at: LineRef, reason: string): Skipped {
  return { kind: 'skipped', code: 'E_LOG_LINE', location: `${at.file}:${at.line}`, reason };
}

const TAIL_FIELDS = 'expected 3 quoted fields at the end of the line (request id, authority, upstream host)';

/** The exchange logged on one Envoy default-format line, or why the line cannot be read. */
export function parseEnvoyLine(text: string, at: LineRef): Exchange | Skipped {
  if (text.charCodeAt(0) !== 0x5b) return bad(at, `an Envoy line starts with [START_TIME]: "${clip(text)}"`);
  const rb = text.indexOf('] "', 1);
  if (rb === -1) return bad(at, `no [START_TIME] followed by a quoted request: "${clip(text)}"`);
  const timeText = text.slice(1, rb);
  let time: number;
  if (timeText === lastTimeText) time = lastTime;
  else {
    time = parseIsoTime(timeText);
    if (Number.isNaN(time)) return bad(at, `the start time [${clip(timeText)}] is not an ISO-8601 date-time with a zone`);
    lastTimeText = timeText;
    lastTime = time;
  }
  const reqEnd = findRequestEnd(text, rb + 3);
  if (reqEnd === -1) return bad(at, `the "request line" is not closed by a quote followed by the response code: "${clip(text.slice(rb + 2))}"`);
  const requestLine = text.slice(rb + 3, reqEnd);
  if (requestLine === '- - -') return bad(at, 'no HTTP request on this line ("- - -": a TCP connection or a request Envoy could not parse)');
  const req = parseRequestLine(requestLine);
  if (typeof req === 'string') return bad(at, `${req}: "${clip(requestLine)}"`);

  // six space-separated fields: code, flags, bytes received, bytes sent, duration, upstream service time
  let p = reqEnd + 2;
  let sp = text.indexOf(' ', p);
  if (sp === -1) return bad(at, 'expected 6 fields after the request line, found 0');
  const status = parseCount(text.slice(p, sp));
  if (status === undefined || status > 999) return bad(at, `the response code "${clip(text.slice(p, sp))}" is not a number`);
  let received: number | undefined;
  let sent: number | undefined;
  let duration: number | undefined;
  for (let f = 1; f < 6; f++) {
    p = sp + 1;
    sp = text.indexOf(' ', p);
    if (sp === -1) return bad(at, `expected 6 fields after the request line, found ${f}`);
    if (f === 2) received = parseCount(text.slice(p, sp));
    else if (f === 3) sent = parseCount(text.slice(p, sp));
    else if (f === 4) duration = parseCount(text.slice(p, sp));
  }
  p = sp + 1;

  // five quoted fields: the last three read from the end, then X-Forwarded-For; what is left is the user agent
  let end = text.length - 1;
  while (end > p && (text.charCodeAt(end) === 0x20 || text.charCodeAt(end) === 0x09)) end--;
  if (text.charCodeAt(end) !== 0x22) return bad(at, TAIL_FIELDS);
  const upOpen = text.lastIndexOf('"', end - 1);
  if (upOpen < p || text.charCodeAt(upOpen - 1) !== 0x20 || text.charCodeAt(upOpen - 2) !== 0x22) return bad(at, TAIL_FIELDS);
  const upstream = text.slice(upOpen + 1, end);
  const authOpen = text.lastIndexOf('"', upOpen - 3);
  if (authOpen < p || text.charCodeAt(authOpen - 1) !== 0x20 || text.charCodeAt(authOpen - 2) !== 0x22) return bad(at, TAIL_FIELDS);
  const authority = text.slice(authOpen + 1, upOpen - 2);
  const idOpen = text.lastIndexOf('"', authOpen - 3);
  if (idOpen < p) return bad(at, TAIL_FIELDS);
  const requestId = text.slice(idOpen + 1, authOpen - 2);
  if (text.charCodeAt(p) !== 0x22) return bad(at, 'expected "X-FORWARDED-FOR" after the upstream service time');
  const xffEnd = text.indexOf('" "', p + 1);
  const uaEnd = idOpen - 2; // the user agent's closing quote, before the space that precedes the request id
  if (xffEnd === -1 || text.charCodeAt(uaEnd) !== 0x22 || xffEnd + 2 > uaEnd) return bad(at, 'expected "X-FORWARDED-FOR" "USER-AGENT" before the request id');
  const xff = text.slice(p + 1, xffEnd);
  const ua = text.slice(xffEnd + 3, uaEnd);

  const headers: Header[] = [];
  let clientIp: string | undefined;
  if (xff !== '-' && xff !== '') {
    headers.push(['x-forwarded-for', xff]);
    clientIp = xff.slice(xff.lastIndexOf(',') + 1).trim() || undefined;
  }
  if (ua !== '-' && ua !== '') headers.push(['user-agent', ua]);
  if (requestId !== '-' && requestId !== '') headers.push(['x-request-id', requestId]);
  const host = req.host || (authority !== '-' ? normaliseHost(authority, req.scheme) : '');
  const request: Mutable<HttpRequest> = { method: req.method, scheme: req.scheme, host, target: req.target, headers };
  const requestBody = sizeOnlyBody(received);
  if (requestBody) request.body = requestBody;
  if (req.httpVersion) request.httpVersion = req.httpVersion;
  const exchange: Mutable<Exchange> = { time, client: clientIp ? { ip: clientIp } : {}, request, source: { kind: 'envoy-log', file: at.file, position: `line ${at.line}` } };
  if (duration !== undefined) exchange.durationMs = duration;
  const server = upstreamOf(upstream);
  if (server) exchange.server = server;
  if (status >= 100) {
    const responseBody = sizeOnlyBody(sent);
    exchange.response = responseBody ? { status, headers: [], body: responseBody } : { status, headers: [] };
  }
  return exchange;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function upstreamOf(raw: string): Server | undefined {
  if (raw === '-' || raw === '') return undefined;
  let s = raw;
  const scheme = s.indexOf('://');
  if (scheme !== -1) s = s.slice(scheme + 3);
  let ip = s;
  let port: number | undefined;
  if (s.charCodeAt(0) === 0x5b) {
    const close = s.indexOf(']');
    ip = close === -1 ? s : s.slice(1, close);
    if (close !== -1 && s.charCodeAt(close + 1) === 0x3a) port = parseCount(s.slice(close + 2));
  } else {
    const colon = s.lastIndexOf(':');
    if (colon !== -1 && s.indexOf(':') === colon) {
      ip = s.slice(0, colon);
      port = parseCount(s.slice(colon + 1));
    }
  }
  if (port !== undefined && (port < 1 || port > 65535)) port = undefined;
  return port === undefined ? { ip } : { ip, port };
}
