/**
 * Field readers shared by the access-log parsers: quoted fields with `\"` escapes, the escapes nginx and
 * Apache write (`\"`, `\\`, `\xHH`, `\n`, `\t`), and the request line `METHOD target HTTP/x.y`.
 * All index-based (no backtracking regexes on the hot path).
 */
import { splitRequestUrl } from '../request-url.js';

/** Index of the first `"` at or after `from` not escaped by an odd run of backslashes, or -1. */
export function findClosingQuote(text: string, from: number): number {
  let i = from;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q === -1) return -1;
    let k = q - 1;
    while (k >= from && text.charCodeAt(k) === 0x5c) k--;
    if (((q - 1 - k) & 1) === 0) return q;
    i = q + 1;
  }
}

/**
 * Index of the quote that closes a request-line field: the first unescaped `"` followed by a space and a
 * status digit (or `-`). Old Apache versions wrote raw `"` inside the request line; this skips past them.
 */
export function findRequestEnd(text: string, from: number): number {
  let i = from;
  for (;;) {
    const q = findClosingQuote(text, i);
    if (q === -1) return -1;
    const next = text.charCodeAt(q + 2);
    if (text.charCodeAt(q + 1) === 0x20 && ((next >= 0x30 && next <= 0x39) || next === 0x2d)) return q;
    i = q + 1;
  }
}

const ESC_BYTE = new Map<string, number>([
  ['"', 0x22],
  ['\\', 0x5c],
  ['n', 0x0a],
  ['t', 0x09],
  ['r', 0x0d],
  ['b', 0x08],
  ['v', 0x0b],
  ['f', 0x0c],
  ['a', 0x07],
]);

/** Undoes the log escapes; `\xHH` sequences are bytes, decoded together as UTF-8 (invalid bytes -> U+FFFD). */
export function unescapeLogField(s: string): string {
  if (s.indexOf('\\') === -1) return s;
  let out = '';
  const bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length) {
      out += Buffer.from(bytes).toString('utf8');
      bytes.length = 0;
    }
  };
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 0x5c && i + 1 < s.length) {
      const e = s[i + 1] as string;
      if (e === 'x' && i + 3 < s.length && isHex(s.charCodeAt(i + 2)) && isHex(s.charCodeAt(i + 3))) {
        bytes.push(parseInt(s.slice(i + 2, i + 4), 16));
        i += 3;
        continue;
      }
      const b = ESC_BYTE.get(e);
      if (b !== undefined) {
        bytes.push(b);
        i += 1;
        continue;
      }
    }
    // anything else (an unknown escape included) is kept as written
    flush();
    out += s[i];
  }
  flush();
  return out;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export interface RequestLine {
  readonly method: string;
  readonly scheme: 'http' | 'https';
  /** Normalised host when the target was absolute-form or authority-form (CONNECT); '' otherwise. */
  readonly host: string;
  readonly target: string;
  readonly httpVersion?: string;
}

/**
 * Parses `METHOD target HTTP/x.y` (HTTP/0.9 `METHOD target` too). The target is origin-form `/…`, `*`,
 * absolute-form `http://host/…` (host taken from it) or, for CONNECT, authority-form `host:port`.
 * Returns a reason string for anything else (`-`, TLS bytes sent to a plain port, scanner junk).
 */
export function parseRequestLine(line: string): RequestLine | string {
  if (line === '-' || line === '') return 'no request line was logged ("-"): the client sent nothing parseable';
  const sp1 = line.indexOf(' ');
  const method = sp1 === -1 ? line : line.slice(0, sp1);
  if (!isMethodToken(method)) return 'the request line does not start with an HTTP method';
  if (sp1 === -1) return 'the request line has no target';
  let rest = line.slice(sp1 + 1);
  let httpVersion: string | undefined;
  const sp2 = rest.lastIndexOf(' ');
  if (sp2 !== -1 && rest.startsWith('HTTP/', sp2 + 1)) {
    httpVersion = rest.slice(sp2 + 1);
    rest = rest.slice(0, sp2);
  }
  if (rest.length === 0) return 'the request line has no target';
  const upper = isUpper(method) ? method : method.toUpperCase();
  let result: { method: string; scheme: 'http' | 'https'; host: string; target: string; httpVersion?: string };
  if (upper === 'CONNECT' && rest.charCodeAt(0) !== 0x2f) result = { method: upper, scheme: 'https', host: rest.toLowerCase(), target: rest };
  else {
    const parts = splitRequestUrl(rest);
    if (typeof parts === 'string') return `the request target ${parts}`;
    result = { method: upper, scheme: parts.scheme, host: parts.host, target: parts.target };
  }
  if (httpVersion) result.httpVersion = httpVersion;
  return result;
}

function isUpper(m: string): boolean {
  for (let i = 0; i < m.length; i++) {
    const c = m.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) return false;
  }
  return true;
}

/** RFC 9110 token characters, at most 32, with at least one letter. */
function isMethodToken(m: string): boolean {
  if (m.length > 32) return false;
  let letter = false;
  for (let i = 0; i < m.length; i++) {
    const c = m.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) letter = true;
    else if (!((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f || c === 0x2e || c === 0x21 || c === 0x2b || c === 0x7e)) return false;
  }
  return letter;
}

/** A decimal integer field, or undefined for `-` or anything not all digits. */
export function parseCount(s: string): number | undefined {
  if (s.length === 0 || s.length > 15) return undefined;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return undefined;
    v = v * 10 + c;
  }
  return v;
}
