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
import type { Exchange, Header, Server, Skipped } from '../../core/index.js';
import { normaliseHost } from '../../core/index.js';
import { clip } from '../clip.js';
import { sizeOnlyBody } from '../body.js';
import type { LineRef } from '../line-ref.js';
import { findRequestEnd, parseCount, parseRequestLine } from './log-fields.js';
import { parseIsoTime } from './log-time.js';

let lastTimeText = '';
let lastTime = NaN;

/** The exchange logged on one Envoy default-format line, or why the line cannot be read. */
export function parseEnvoyLine(text: string, at: LineRef): Exchange | Skipped {
  const bad = (reason: string): Skipped => ({ kind: 'skipped', code: 'E_LOG_LINE', location: `${at.file}:${at.line}`, reason });
  if (text.charCodeAt(0) !== 0x5b) return bad(`an Envoy line starts with [START_TIME]: "${clip(text)}"`);
  const rb = text.indexOf('] "', 1);
  if (rb === -1) return bad(`no [START_TIME] followed by a quoted request: "${clip(text)}"`);
  const timeText = text.slice(1, rb);
  let time: number;
  if (timeText === lastTimeText) time = lastTime;
  else {
    time = parseIsoTime(timeText);
    if (Number.isNaN(time)) return bad(`the start time [${clip(timeText)}] is not an ISO-8601 date-time with a zone`);
    lastTimeText = timeText;
    lastTime = time;
  }
  const reqEnd = findRequestEnd(text, rb + 3);
  if (reqEnd === -1) return bad(`the "request line" is not closed by a quote followed by the response code: "${clip(text.slice(rb + 2))}"`);
  const requestLine = text.slice(rb + 3, reqEnd);
  if (requestLine === '- - -') return bad('no HTTP request on this line ("- - -": a TCP connection or a request Envoy could not parse)');
  const req = parseRequestLine(requestLine);
  if (typeof req === 'string') return bad(`${req}: "${clip(requestLine)}"`);

  // six space-separated fields: code, flags, bytes received, bytes sent, duration, upstream service time
  const fields: string[] = [];
  let p = reqEnd + 2;
  for (let f = 0; f < 6; f++) {
    const sp = text.indexOf(' ', p);
    if (sp === -1) return bad(`expected 6 fields after the request line, found ${f}`);
    fields.push(text.slice(p, sp));
    p = sp + 1;
  }
  const status = parseCount(fields[0] as string);
  if (status === undefined || status > 999) return bad(`the response code "${clip(fields[0] as string)}" is not a number`);
  const received = parseCount(fields[2] as string);
  const sent = parseCount(fields[3] as string);
  const duration = parseCount(fields[4] as string);

  // five quoted fields: the last three from the end, then X-Forwarded-For, then what is left is the user agent
  const tail = quotedFromEnd(text, p, 3);
  if (typeof tail === 'string') return bad(tail);
  const [requestId, authority, upstream] = tail.values as [string, string, string];
  if (text.charCodeAt(p) !== 0x22) return bad('expected "X-FORWARDED-FOR" after the upstream service time');
  const xffEnd = text.indexOf('" "', p + 1);
  if (xffEnd === -1 || xffEnd + 2 > tail.start) return bad('expected "X-FORWARDED-FOR" "USER-AGENT" before the request id');
  const xff = text.slice(p + 1, xffEnd);
  const uaEnd = tail.start - 2; // the user agent's closing quote, before the space that precedes the request id
  if (text.charCodeAt(uaEnd) !== 0x22 || xffEnd + 2 > uaEnd) return bad('expected "USER-AGENT" before the request id');
  const ua = text.slice(xffEnd + 3, uaEnd);

  const headers: Header[] = [];
  if (xff !== '-' && xff !== '') headers.push(['x-forwarded-for', xff]);
  if (ua !== '-' && ua !== '') headers.push(['user-agent', ua]);
  if (requestId !== '-' && requestId !== '') headers.push(['x-request-id', requestId]);
  const host = req.host || (authority !== '-' ? normaliseHost(authority, req.scheme) : '');
  const clientIp = xff !== '-' && xff !== '' ? (xff.slice(xff.lastIndexOf(',') + 1).trim() || undefined) : undefined;
  const server = upstreamOf(upstream);
  const requestBody = sizeOnlyBody(received);
  const responseBody = sizeOnlyBody(sent);
  return {
    time,
    ...(duration !== undefined ? { durationMs: duration } : {}),
    client: clientIp ? { ip: clientIp } : {},
    ...(server ? { server } : {}),
    request: {
      method: req.method,
      scheme: req.scheme,
      host,
      target: req.target,
      headers,
      ...(requestBody ? { body: requestBody } : {}),
      ...(req.httpVersion ? { httpVersion: req.httpVersion } : {}),
    },
    ...(status >= 100 ? { response: responseBody ? { status, headers: [], body: responseBody } : { status, headers: [] } } : {}),
    source: { kind: 'envoy-log', file: at.file, position: `line ${at.line}` },
  };
}

/** The last `count` quoted fields (`"a" "b" "c"` at the end of the line) and where the first of them starts. */
function quotedFromEnd(text: string, from: number, count: number): { values: string[]; start: number } | string {
  const values: string[] = [];
  let end = text.length - 1;
  while (end > from && (text.charCodeAt(end) === 0x20 || text.charCodeAt(end) === 0x09)) end--;
  for (let k = 0; k < count; k++) {
    if (text.charCodeAt(end) !== 0x22) return `expected ${count} quoted fields at the end of the line (request id, authority, upstream host)`;
    const open = text.lastIndexOf('"', end - 1);
    if (open < from) return `expected ${count} quoted fields at the end of the line (request id, authority, upstream host)`;
    values.unshift(text.slice(open + 1, end));
    if (k === count - 1) return { values, start: open };
    if (text.charCodeAt(open - 1) !== 0x20) return 'quoted fields must be separated by one space';
    end = open - 2;
  }
  return { values, start: end };
}

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
