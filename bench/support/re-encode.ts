/**
 * D3 evasion: the payload values of a request (query and form arguments, JSON string leaves) re-encoded the way
 * an attacker would to slip past a WAF that decodes less than the application does.
 */
import { mediaType, parseQuery, splitTarget } from '../../src/core/index.js';
import type { Exchange } from '../../src/core/index.js';

export type Encoding = 'url' | 'double-url' | 'html-entity' | 'unicode-escape';
export const ENCODINGS: readonly Encoding[] = ['url', 'double-url', 'html-entity', 'unicode-escape'];

const SPECIAL = /[^A-Za-z0-9 ]/g;
const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, '0');

/** Encodes the special characters of one decoded value. */
export function encodeValue(v: string, enc: Encoding): string {
  switch (enc) {
    case 'url':
      return v.replace(SPECIAL, (c) => (c.charCodeAt(0) < 128 ? `%${hex(c)}` : c));
    case 'double-url':
      return v.replace(SPECIAL, (c) => (c.charCodeAt(0) < 128 ? `%25${hex(c)}` : c));
    case 'html-entity':
      return v.replace(SPECIAL, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
    case 'unicode-escape':
      return v.replace(SPECIAL, (c) => (c.charCodeAt(0) < 0x10000 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c));
  }
}

function encodeForm(s: string, enc: Encoding): string {
  return parseQuery(s, 10_000)
    .map(([n, v]) => (v === '' && !s.includes(`${n}=`) ? encodeURIComponent(encodeValue(n, enc)) : `${encodeURIComponent(n)}=${encodeURIComponent(encodeValue(v, enc))}`))
    .join('&');
}

function encodeJson(v: unknown, enc: Encoding): unknown {
  if (typeof v === 'string') return encodeValue(v, enc);
  if (Array.isArray(v)) return v.map((x) => encodeJson(x, enc));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encodeJson(x, enc)]));
  return v;
}

/** The exchange with its argument values re-encoded; `changed` is false when it had no argument to encode. */
export function reEncode(ex: Exchange, enc: Encoding): { exchange: Exchange; changed: boolean } {
  const { path, query } = splitTarget(ex.request.target);
  let changed = false;
  let target = ex.request.target;
  if (query) {
    target = `${path}?${encodeForm(query, enc)}`;
    changed = true;
  }
  let body = ex.request.body;
  if (body && body.encoding !== 'base64') {
    const media = mediaType(ex.request.headers);
    if (media === 'application/x-www-form-urlencoded') {
      const text = encodeForm(body.text, enc);
      body = { ...body, text, size: text.length };
      changed = true;
    } else if (media.includes('json')) {
      try {
        const text = JSON.stringify(encodeJson(JSON.parse(body.text), enc));
        body = { ...body, text, size: text.length };
        changed = true;
      } catch {
        // not JSON after all: left as is
      }
    }
  }
  return { exchange: { ...ex, request: { ...ex.request, target, ...(body ? { body } : {}) } }, changed };
}
