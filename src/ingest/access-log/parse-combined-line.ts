/**
 * One line of an nginx/Apache access log in the combined or common log format -> an exchange. Pure.
 *
 *   %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"      (combined; common stops after %b)
 *   83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /a.png HTTP/1.1" 200 203023 "http://x/" "Mozilla/5.0 …"
 *
 * Fields after the user agent (nginx setups often append `"$http_x_forwarded_for"` and timings) are ignored.
 * Referer and User-Agent become request headers, `%b` the response body size (content unknown), `%h` the
 * client IP. The user name (`%u`) is not kept. The host is known from an absolute-form target, or from
 * Apache's `vhost_combined` variant (`%v:%p` before `%h`), which is recognised too.
 */
import type { Exchange, Header, HttpRequest, Skipped } from '../../core/index.js';
import { normaliseHost } from '../../core/index.js';
import { clip } from '../clip.js';
import { sizeOnlyBody } from '../body.js';
import { findClosingQuote, findRequestEnd, parseCount, parseRequestLine, unescapeLogField } from './log-fields.js';
import { parseClfTime } from './log-time.js';
import type { LineRef } from '../line-ref.js';

let lastTimeText = '';
let lastTime = NaN;

function bad(at: LineRef, reason: string): Skipped {
  return { kind: 'skipped', code: 'E_LOG_LINE', location: `${at.file}:${at.line}`, reason };
}

/** The exchange logged on one combined/common-format line, or why the line cannot be read. */
export function parseCombinedLine(text: string, at: LineRef): Exchange | Skipped {
  const sp = text.indexOf(' ');
  if (sp <= 0) return bad(at, `not a combined/common log line: "${clip(text)}"`);
  const lb = text.indexOf(' [', sp);
  if (lb === -1) return bad(at, `no [timestamp] after the client address: "${clip(text)}"`);
  const rb = text.indexOf(']', lb + 2);
  if (rb === -1) return bad(at, `the [timestamp] is not closed: "${clip(text)}"`);
  const timeText = text.slice(lb + 2, rb);
  let time: number;
  if (timeText === lastTimeText) time = lastTime;
  else {
    time = parseClfTime(timeText);
    if (Number.isNaN(time)) return bad(at, `the timestamp [${clip(timeText)}] is not dd/Mon/yyyy:HH:MM:SS ±hhmm`);
    lastTimeText = timeText;
    lastTime = time;
  }
  if (text.charCodeAt(rb + 1) !== 0x20 || text.charCodeAt(rb + 2) !== 0x22) return bad(at, 'no quoted "request line" after the timestamp');
  const reqEnd = findRequestEnd(text, rb + 3);
  if (reqEnd === -1) return bad(at, `the "request line" is not closed by a quote followed by the status: "${clip(text.slice(rb + 2))}"`);
  const requestLine = unescapeLogField(text.slice(rb + 3, reqEnd));
  const req = parseRequestLine(requestLine);
  if (typeof req === 'string') return bad(at, `${req}: "${clip(requestLine)}"`);

  let p = reqEnd + 2;
  let sp2 = text.indexOf(' ', p);
  if (sp2 === -1) sp2 = text.length;
  const status = parseCount(text.slice(p, sp2));
  if (status === undefined || status > 999) return bad(at, `the status "${clip(text.slice(p, sp2))}" is not a number`);
  p = sp2 + 1;
  let sp3 = text.indexOf(' ', p);
  if (sp3 === -1) sp3 = text.length;
  const sizeText = text.slice(p, sp3);
  const size = parseCount(sizeText);
  if (size === undefined && sizeText !== '-') return bad(at, `the response size "${clip(sizeText)}" is not a number or "-"`);
  p = sp3 + 1;

  const headers: Header[] = [];
  if (text.charCodeAt(p) === 0x22) {
    const refEnd = findClosingQuote(text, p + 1);
    if (refEnd !== -1) {
      const referer = unescapeLogField(text.slice(p + 1, refEnd));
      if (referer !== '-' && referer !== '') headers.push(['referer', referer]);
      p = refEnd + 2;
      if (text.charCodeAt(refEnd + 1) === 0x20 && text.charCodeAt(p) === 0x22) {
        const uaEnd = findClosingQuote(text, p + 1);
        const ua = unescapeLogField(text.slice(p + 1, uaEnd === -1 ? text.length : uaEnd));
        if (ua !== '-' && ua !== '') headers.push(['user-agent', ua]);
      }
    }
  }

  let client = text.slice(0, sp);
  let scheme = req.scheme;
  let host = req.host;
  // Apache vhost_combined (`%v:%p %h %l %u %t …`, Debian's default): one more field before the time
  const mid = text.slice(sp + 1, lb);
  const s1 = mid.indexOf(' ');
  if (s1 !== -1 && mid.indexOf(' ', s1 + 1) !== -1 && isHostPort(client)) {
    const vhost = client;
    client = mid.slice(0, s1);
    if (!host) {
      if (vhost.endsWith(':443')) scheme = 'https';
      host = normaliseHost(vhost, scheme);
    }
  }
  const request: Mutable<HttpRequest> = { method: req.method, scheme, host, target: req.target, headers };
  if (req.httpVersion) request.httpVersion = req.httpVersion;
  const exchange: Mutable<Exchange> = { time, client: client === '-' ? {} : { ip: client }, request, source: { kind: 'access-log', file: at.file, position: `line ${at.line}` } };
  if (status >= 100) {
    const body = sizeOnlyBody(size);
    exchange.response = body ? { status, headers: [], body } : { status, headers: [] };
  }
  return exchange;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** `name:port` with a decimal port (a vhost), not an IPv6 address. */
function isHostPort(s: string): boolean {
  const colon = s.lastIndexOf(':');
  if (colon <= 0 || colon === s.length - 1 || s.length - colon > 6 || s.indexOf(':') !== colon) return false;
  for (let i = colon + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
